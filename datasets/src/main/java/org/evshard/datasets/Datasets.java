package org.evshard.datasets;

import java.util.List;
import java.util.Locale;

/** The dataset descriptors evshard knows, by name. */
public final class Datasets {

  private static final List<DatasetDescriptor> ALL = List.of(new NMnist(), new NCaltech101(), new DvsGesture(),
      new Cifar10Dvs(), new DailyDvs200(), new NCars(), new EventFolder());

  private Datasets() {}

  /** Every descriptor, in a fixed order. */
  public static List<DatasetDescriptor> all() {
    return ALL;
  }

  public static List<String> names() {
    return ALL.stream().map(DatasetDescriptor::name).toList();
  }

  /**
   * The descriptor called {@code name} (case-insensitive, surrounding blanks ignored).
   *
   * @throws UnknownDatasetException listing the known names
   */
  public static DatasetDescriptor byName(String name) {
    String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (DatasetDescriptor d : ALL) {
      if (d.name().equals(wanted)) {
        return d;
      }
    }
    throw new UnknownDatasetException(String.valueOf(name), names());
  }
}
