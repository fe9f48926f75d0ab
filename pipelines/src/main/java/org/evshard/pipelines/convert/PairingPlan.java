package org.evshard.pipelines.convert;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.evshard.datasets.DiscoveryOptions;
import org.evshard.datasets.SampleRef;
import org.evshard.datasets.image.ImageCorpora;
import org.evshard.datasets.image.ImageDiscovery;
import org.evshard.datasets.image.ImageSourceRef;
import org.evshard.datasets.pairing.StaticPairing;

/**
 * The static partners of a conversion, planned on the driver: the static corpus is discovered once (every split of
 * it), {@link StaticPairing} chooses each event sample's partner, and the shard tasks carry the choices to the workers,
 * which read and scale only the chosen images.
 */
final class PairingPlan {

  private final PairingSettings settings;
  private final String root;
  private final StaticPairing pairing;
  private final int images;
  private final TreeSet<String> unpaired = new TreeSet<>();

  private PairingPlan(PairingSettings settings, String root, StaticPairing pairing, int images) {
    this.settings = settings;
    this.root = root;
    this.pairing = pairing;
    this.images = images;
  }

  /**
   * @param includeBackground whether the event samples include the background class ({@code --include-background}):
   *     then the static corpus's background folder is a class too (every N-Caltech101 background sample was
   *     rejected as "no static image of class 'BACKGROUND_Google'" beside Caltech101's own background images)
   */
  static PairingPlan of(PairingSettings s, List<SampleRef> refs, boolean includeBackground) throws IOException {
    Path root = s.staticInput().toAbsolutePath().normalize();
    ImageDiscovery d = ImageCorpora.byName(s.staticDataset()).discover(root,
        DiscoveryOptions.defaults().withIncludeBackground(includeBackground));
    Map<String, List<String>> byClass = new TreeMap<>();
    for (ImageSourceRef r : d.sources()) {
      if (r.kind() != ImageSourceRef.Kind.IMAGE_FILE) {
        throw new IllegalArgumentException("pairing reads image files, but " + s.staticDataset() + " gives a "
            + r.kind() + " (" + r.path() + "); use image-folder or cifake");
      }
      if (r.labelName() == null) {
        throw new IllegalArgumentException("static image " + r.path() + " has no class to pair by");
      }
      byClass.computeIfAbsent(r.labelName(), k -> new ArrayList<>()).add(r.path());
    }
    if (byClass.isEmpty()) {
      throw new IllegalArgumentException("no static image found under " + root + " (" + s.staticDataset() + ")");
    }
    PairingPlan plan = new PairingPlan(s, root.toString(),
        StaticPairing.build(byClass, s.labelMap(), s.fraction(), s.seed()), d.sources().size());
    for (SampleRef r : refs) {
      if (plan.pairing.pool(plan.pairing.staticClass(r.labelName())).isEmpty()) {
        plan.unpaired.add(r.labelName());
      }
    }
    return plan;
  }

  String root() {
    return root;
  }

  /** The tasks with each sample's partner (a null source when its class has none: the sample is rejected). */
  List<ShardTask> attach(List<ShardTask> plan) {
    List<ShardTask> out = new ArrayList<>(plan.size());
    for (ShardTask t : plan) {
      List<StaticRef> partners = new ArrayList<>(t.samples().size());
      for (SampleRef r : t.samples()) {
        partners.add(new StaticRef(pairing.partner(r.sampleId(), r.labelName()), pairing.staticClass(r.labelName())));
      }
      out.add(new ShardTask(t.shard(), t.samples(), partners));
    }
    return out;
  }

  /** The pairing's parameters and sizes, for the manifest. */
  Map<String, Object> report() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("static_dataset", settings.staticDataset());
    m.put("static_input", root);
    m.put("fraction", settings.fraction());
    m.put("seed", settings.seed());
    m.put("size", settings.width() + "x" + settings.height());
    m.put("value_channel", settings.valueChannel());
    m.put("label_map", settings.labelMap());
    m.put("static_images", images);
    m.put("event_classes_without_static", List.copyOf(unpaired));
    return m;
  }
}
