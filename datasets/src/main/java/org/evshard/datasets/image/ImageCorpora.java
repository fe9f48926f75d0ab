package org.evshard.datasets.image;

import java.util.List;
import org.evshard.datasets.UnknownDatasetException;

/** The image corpora evshard knows, by name. */
public final class ImageCorpora {

  private ImageCorpora() {
  }

  public static List<ImageCorpus> all() {
    return List.of(new Cifake(), new ImageFolder(), new WebDatasetShards(), new DataCompPool(),
        new Img2DatasetOutput());
  }

  public static List<String> names() {
    return all().stream().map(ImageCorpus::name).toList();
  }

  /** The corpus named {@code name}; unknown names fail listing the known ones. */
  public static ImageCorpus byName(String name) {
    return all().stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new UnknownDatasetException(name, names()));
  }
}
