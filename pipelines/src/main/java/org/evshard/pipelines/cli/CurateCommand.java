package org.evshard.pipelines.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.evshard.datasets.DiscoveryOptions;
import org.evshard.io.error.Wording;
import org.evshard.io.image.ImageFormat;
import org.evshard.io.image.ImageLimits;
import org.evshard.io.image.ResizeMode;
import org.evshard.io.image.ResizeOptions;
import org.evshard.io.shard.ShardFormat;
import org.evshard.io.tar.TarLimits;
import org.evshard.pipelines.curate.ClipScoreSettings;
import org.evshard.pipelines.curate.CurateJob;
import org.evshard.pipelines.curate.CurateSettings;
import org.evshard.pipelines.curate.ImageBasedSettings;
import org.evshard.pipelines.curate.ImageProcessing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code evshard curate}: an image corpus to filtered, deduplicated image shards, with a report of every removal. */
@Command(name = "curate", mixinStandardHelpOptions = true,
    description = {"Curate an image corpus (cifake, image-folder, webdataset, ...) into Parquet or Arrow image shards:"
        + " DataComp's filters, exact and perceptual-hash deduplication, img2dataset resizing. Writes "
        + "errors.jsonl (rejected), removed.jsonl (filtered and duplicates), curate_report.json and manifest.json. "
        + "See docs/CURATION.md.",
        "Standard Beam options (e.g. --runner=FlinkRunner) are passed to the pipeline."})
public final class CurateCommand implements Callable<Integer> {

  @Option(names = "--dataset", required = true, paramLabel = "NAME",
      description = "image corpus: cifake, image-folder, webdataset, img2dataset, datacomp (see docs/CURATION.md)")
  String dataset;

  @Option(names = "--input", required = true, paramLabel = "DIR", description = "corpus root folder")
  Path input;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "output folder")
  Path output;

  @Option(names = "--filter", paramLabel = "NAME", description = "DataComp filter, repeatable: basic, clip_score, "
      + "image_based (their intersection)")
  List<String> filters = new ArrayList<>();

  @Option(names = "--threshold", paramLabel = "T", description = "clip_score: keep score >= T")
  Double threshold;

  @Option(names = "--fraction", paramLabel = "F", description = "clip_score: keep the top fraction F of the pool")
  Double fraction;

  @Option(names = "--arch", defaultValue = "l14", paramLabel = "b32|l14",
      description = "clip_score: CLIP score column (default ${DEFAULT-VALUE})")
  String arch;

  @Option(names = "--centroids", paramLabel = "FILE.npy",
      description = "image_based: K x d centroids of the pool's image embeddings")
  Path centroids;

  @Option(names = "--image-based-targets", paramLabel = "FILE.npy",
      description = "image_based: embeddings of the target images (e.g. ImageNet train); their centroids are kept")
  Path imageBasedTargets;

  @Option(names = "--dedup", paramLabel = "exact|phash", description = "deduplication, repeatable: exact (sha256 of "
      + "the source bytes), phash (perceptual hash, Hamming distance <= --dedup-threshold)")
  List<String> dedup = new ArrayList<>();

  @Option(names = "--dedup-threshold", defaultValue = "3", paramLabel = "N",
      description = "phash: largest Hamming distance of near duplicates (default ${DEFAULT-VALUE})")
  int dedupThreshold;

  @Option(names = "--subset-out", paramLabel = "FILE.npy",
      description = "write the kept uids as DataComp's subset file (sorted u8,u8 .npy resharder.py reads); an "
          + "existing file is replaced only with --overwrite")
  Path subsetOut;

  @Option(names = "--image-size", paramLabel = "PX", description = "resize as img2dataset to this size (with "
      + "--resize-mode); without it the source bytes are kept")
  Integer imageSize;

  @Option(names = "--resize-mode", defaultValue = "keep_ratio", paramLabel = "MODE",
      description = "no, border, keep_ratio, keep_ratio_largest, center_crop, fixed (default ${DEFAULT-VALUE}; "
          + "docs/IMAGES.md)")
  String resizeMode;

  @Option(names = "--encode-format", defaultValue = "jpg", paramLabel = "jpg|png|webp",
      description = "format of re-encoded images (default ${DEFAULT-VALUE})")
  String encodeFormat;

  @Option(names = "--encode-quality", paramLabel = "Q",
      description = "JPEG/WebP quality 0..100 (default 95, img2dataset's), PNG compression 0..9 (default 1, "
          + "OpenCV's)")
  Integer encodeQuality;

  /** JPEG and WebP: img2dataset's 95; PNG (a compression level 0..9, where 95 is refused): OpenCV's default, 1. */
  static final int DEFAULT_QUALITY = 95;
  static final int DEFAULT_PNG_COMPRESSION = 1;

  @Option(names = "--blur-faces", description = "blur DataComp's face boxes (img2dataset's blurrer)")
  boolean blurFaces;

  @Option(names = "--decode-tensor", description = "also store the decoded pixels (HWC uint8) in the tensor column "
      + "(an image whose pixels take more than a twelfth of the heap is rejected)")
  boolean decodeTensor;

  @Option(names = "--max-pixels", defaultValue = "89478485", paramLabel = "N",
      description = "refuse images whose header declares more pixels (default ${DEFAULT-VALUE}, Pillow's)")
  long maxPixels;

  @Option(names = "--webdataset-out", description = "also write every shard as a webdataset tar beside it "
      + "(image, txt, cls, json with the uid): resharded tars")
  boolean webdatasetOut;

  @Option(names = "--shard-format", defaultValue = "parquet", paramLabel = "parquet|arrow",
      description = "shard file format (default: ${DEFAULT-VALUE})")
  String shardFormat;

  @Option(names = "--shards-per-split", defaultValue = "0", paramLabel = "N",
      description = "shards per split; 0 chooses about 128 MiB per shard (default)")
  int shardsPerSplit;

  @Option(names = "--test-fraction", paramLabel = "F", description = "test fraction of folders without splits "
      + "(default 0.2)")
  Double testFraction;

  @Option(names = "--file-list", paramLabel = "FILE", description = "webdataset: the tar shards, one relative path "
      + "per line, used instead of walking the input folder (a pool of millions of shards)")
  Path fileList;

  @Option(names = "--overwrite", description = "replace the results of an earlier run in the output folder (and "
      + "the --subset-out file)")
  boolean overwrite;

  @Option(names = "--no-progress", description = "no progress bar on stderr")
  boolean noProgress;

  @Unmatched
  List<String> beamArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    BeamArgs.check(beamArgs);
    if (subsetOut != null) {
      OutputFile.requireExtension("curate --subset-out", subsetOut, "DataComp's uid subset (NPY)", ".npy");
      OutputFile.check(subsetOut, overwrite);
    }
    ClipScoreSettings clip = filters.contains("clip_score") ? new ClipScoreSettings(threshold, fraction, arch) : null;
    if (clip == null && (threshold != null || fraction != null)) {
      throw new IllegalArgumentException("--threshold and --fraction belong to --filter clip_score");
    }
    ImageBasedSettings imageBased = null;
    if (filters.contains("image_based")) {
      if (centroids == null || imageBasedTargets == null) {
        throw new IllegalArgumentException("--filter image_based needs --centroids and --image-based-targets");
      }
      // DataComp's image_based always assigns the l14_img embeddings (its centroids are L/14); --arch picks only the
      // clip_score column, as in image_based_intersect_clip_score
      imageBased = ImageBasedSettings.load("l14", centroids, imageBasedTargets);
    }
    ResizeOptions resize = null;
    if (imageSize != null) {
      ImageFormat format = ImageFormat.ofEncodeFormat(encodeFormat);
      int quality = encodeQuality != null ? encodeQuality
          : format == ImageFormat.PNG ? DEFAULT_PNG_COMPRESSION : DEFAULT_QUALITY;
      ResizeOptions sized = ResizeOptions.of(imageSize, ResizeMode.ofName(resizeMode));
      try {
        resize = sized.withEncoding(format, quality);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--encode-quality " + quality + ": " + e.getMessage(), e);
      }
    }
    ImageLimits limits = ImageLimits.defaults().withMaxPixels(maxPixels);
    DiscoveryOptions discovery = DiscoveryOptions.defaults();
    if (testFraction != null) {
      discovery = discovery.withTestFraction(testFraction);
    }
    if (fileList != null) {
      if (!dataset.equals("webdataset")) {
        throw new IllegalArgumentException("--file-list is read by --dataset webdataset only, not " + dataset);
      }
      discovery = discovery.withListing(org.evshard.datasets.FileListing.read(fileList));
    }
    CurateSettings settings = new CurateSettings(dataset, input, output, discovery, filters, clip, imageBased, dedup,
        dedupThreshold, new ImageProcessing(resize, blurFaces, decodeTensor, false, limits), TarLimits.defaults(),
        ShardFormat.fromName(shardFormat.toLowerCase(Locale.ROOT)), shardsPerSplit,
        CurateSettings.DEFAULT_TARGET_SHARD_BYTES, subsetOut, webdatasetOut, overwrite,
        !noProgress && StderrTerminal.isTerminal(),
        beamArgs);
    CurateJob.Result r = CurateJob.run(settings);
    System.out.printf(Locale.ROOT, "curated %d samples: %d %s, %d rejected, %d removed, %.1f s%s%n",
        r.inputs(), r.written(), r.manifest() == null ? "kept (uids written to the subset)"
            : "written in " + Wording.count(r.shards(), "shard"), r.rejected(), r.removed(), r.seconds(),
        Rates.perSecond(r.inputs(), r.seconds(), "samples"));
    Path results = r.manifest() == null ? r.output() : r.manifest().getParent();
    // wrote nothing: an --overwrite rerun put the earlier results back
    boolean kept = results.endsWith(org.evshard.pipelines.convert.OutputFolder.FAILED_RUN_DIR);
    System.out.println("output:   " + r.output());
    System.out.println("report:   " + results.resolve("curate_report.json"));
    if (r.manifest() != null) {
      System.out.println("manifest: " + r.manifest());
    }
    if (subsetOut != null) {
      System.out.println("subset:   " + subsetOut.toAbsolutePath().normalize());
    }
    if (r.inputs() > 0 && r.rejected() == r.inputs()) { // one closing line, as convert and select
      System.err.println("evshard curate: no sample was written: all " + r.inputs() + " inputs were rejected (see "
          + results.resolve("errors.jsonl") + ")" + (kept ? "; the earlier results in " + r.output() + " were kept"
              : ""));
      return 1;
    }
    if (kept) {
      System.err.println("evshard curate: no sample was written; the earlier results in " + r.output()
          + " were kept, this run's report is in " + results);
    }
    return 0;
  }
}
