package org.evshard.pipelines.curate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.metrics.Counter;
import org.evshard.datasets.image.ImageSourceRef;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.img2dataset.Img2DatasetFilesReader;
import org.evshard.io.img2dataset.Img2DatasetParquetReader;
import org.evshard.io.img2dataset.Img2DatasetSample;
import org.evshard.io.tar.TarLimits;
import org.evshard.io.tar.TarMember;
import org.evshard.io.tar.WebDatasetReader;
import org.evshard.io.tar.WebDatasetSample;
import org.evshard.pipelines.convert.SampleError;
import org.evshard.pipelines.output.FileErrors;
import org.evshard.transforms.OutputBudget;

/**
 * Reads the samples of one {@link ImageSourceRef}: an image file (its bytes, checked against the encoded-size limit
 * before they are read), an img2dataset {@code files} folder or {@code parquet} shard, or a webdataset tar streamed
 * sample by sample (image member {@code jpg|jpeg|png|webp}, class from {@code cls}, caption from {@code txt}, scalar
 * fields of {@code json} as attributes). A file that cannot be read, a sample without an image and the unreadable rest
 * of a truncated or corrupt tar go to {@link Sink#error} with their reason and byte offset (stage {@code read}); the
 * samples before stay in the run. Entries the tar reader skips (links, devices, unsafe paths, oversize) are counted by
 * reason ({@link Sink#skipped}). Used by {@link ReadImageSourcesFn} and by the per-task shard writer.
 */
final class ImageSourceReader implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Where the samples of a source go. */
  interface Sink {
    void item(CurateItem item);

    void error(SampleError error);

    void skipped(String reason, long count);
  }

  static final String STAGE = "read";
  static final List<String> IMAGE_EXTENSIONS = List.of("jpg", "jpeg", "png", "webp");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String root;
  private final long maxImageBytes;
  private final TarLimits tarLimits;
  private final boolean countInputs;
  private final Counter inputs;

  /**
   * {@code countInputs} false: the samples are not inputs of their own (DataComp's shards join metadata rows);
   * {@code inputs} counts the inputs read (the run's reconciliation reads it).
   */
  ImageSourceReader(String root, long maxImageBytes, TarLimits tarLimits, boolean countInputs, Counter inputs) {
    this.root = root;
    this.maxImageBytes = maxImageBytes;
    this.tarLimits = tarLimits;
    this.countInputs = countInputs;
    this.inputs = inputs;
  }

  /**
   * Largest image file read whole on this worker: a sixteenth of its maximum heap ({@link OutputBudget}'s quarter over
   * about four copies: the bytes, the row, the Parquet page and its ZSTD output). Below the configured limit it takes
   * its place: a 24 MB JPEG ended a 128 MiB run with an {@link OutOfMemoryError} in the page compressor.
   */
  static long heapImageBytes() {
    return OutputBudget.maxBytes() / 4;
  }

  /**
   * Most bytes an img2dataset parquet row group may hold in the columns read: an eighth of this worker's maximum heap
   * (half of {@link OutputBudget}'s quarter: parquet-mr holds the row group's chunks, and each image is copied out of
   * them into its row). 40 MB of images in one row group took all of a 64 MiB heap.
   */
  static long heapRowGroupBytes() {
    return OutputBudget.maxBytes() / 2;
  }

  /**
   * {@code limits} with members and samples of at most {@link #heapImageBytes} on this worker: a member over it is
   * skipped and counted as {@code entry_too_large} (a 24 MB JPEG member ended a 128 MiB run).
   */
  static TarLimits heapCapped(TarLimits limits) {
    long cap = heapImageBytes();
    return new TarLimits(Math.min(limits.maxEntryBytes(), cap), Math.min(limits.maxSampleBytes(), cap));
  }

  private void countInput() {
    if (countInputs) {
      inputs.inc();
    }
  }

  /** Reads every sample of {@code ref} into {@code out}. */
  void read(ImageSourceRef ref, Sink out) {
    switch (ref.kind()) {
      case IMAGE_FILE -> readFile(ref, out);
      case WEBDATASET_TAR -> readTar(ref, out);
      case IMG2DATASET_FILES, IMG2DATASET_PARQUET -> readImg2Dataset(ref, out);
      default -> throw new IllegalArgumentException("source kind " + ref.kind() + " of " + ref.id()
          + " is not read by this step");
    }
  }

  private void readFile(ImageSourceRef ref, Sink out) {
    countInput();
    Path file = Path.of(root).resolve(ref.path());
    try {
      long size = org.evshard.io.file.RegularFile.size(file);
      long heapLimit = heapImageBytes();
      if (size > Math.min(maxImageBytes, heapLimit)) {
        reject(out, ref.id(), ref.path(), "image file of " + size + " bytes exceeds the limit of "
            + Math.min(maxImageBytes, heapLimit) + (heapLimit >= maxImageBytes ? "" : "; the limit is a sixteenth of "
            + "this JVM's maximum heap (" + OutputBudget.maxHeap() + "), as the row, the shard writer's page and its "
            + "compressed copy hold the bytes several times: " + OutputBudget.MORE_HEAP), 0);
        return;
      }
      byte[] bytes = Files.readAllBytes(file);
      out.item(new CurateItem(ref.id(), ref.dataset(), ref.split(), ref.label(), ref.labelName(),
          ref.path(), -1, null, ref.attributes(), null, bytes));
    } catch (IOException | RuntimeException e) {
      reject(out, ref.id(), ref.path(), "cannot read: " + FileErrors.describe(e), -1);
    }
  }

  private void readTar(ImageSourceRef ref, Sink out) {
    String stem = ref.path().replaceAll("\\.(tar|tgz|tar\\.gz)$", "");
    Set<String> seen = new HashSet<>();
    boolean complete = false;
    try (WebDatasetReader reader = WebDatasetReader.open(Path.of(root).resolve(ref.path()), heapCapped(tarLimits))) {
      try {
        for (Optional<WebDatasetSample> s = reader.next(); s.isPresent(); s = reader.next()) {
          countInput();
          if (!seen.add(s.get().key())) { // webdataset starts a new sample at each change of key
            reject(out, ref.dataset() + "/" + stem + "/" + s.get().key(), ref.path() + "!/" + s.get().key(),
                "key " + s.get().key() + " comes again after other keys: a second sample of one sample id (the first "
                    + "sample with this key is kept)", s.get().headerOffset());
            continue;
          }
          emit(ref, stem, s.get(), out);
        }
        complete = true;
      } catch (EvshardIoException e) {
        inputs.inc();
        reject(out, ref.dataset() + "/" + stem, ref.path(), "the rest of the shard is unreadable: " + e.reason(),
            e.offset());
      } finally {
        reader.skipCounts().byName().forEach((reason, n) -> {
          if (n > 0) {
            out.skipped(reason, n);
          }
        });
      }
    } catch (IOException | RuntimeException e) {
      inputs.inc();
      reject(out, ref.dataset() + "/" + stem, ref.path(), "cannot open the shard: " + FileErrors.describe(e), -1);
    }
    notInTheShard(ref, stem, seen, complete, out);
  }

  /**
   * The rows of an img2dataset {@code files} or {@code webdataset} shard's metadata parquet ({@code NNNNN.parquet},
   * companion {@code metadata}) that the shard itself does not hold: a failed download (img2dataset writes it to the
   * parquet only) is rejected with img2dataset's status and message, as in the {@code parquet} layout; a row listed as
   * downloaded whose files are missing is rejected as such when the shard was read to its end.
   */
  private void notInTheShard(ImageSourceRef ref, String stem, Set<String> seen, boolean complete, Sink out) {
    String metadata = ref.companions().get("metadata");
    if (metadata == null) {
      return;
    }
    try (Img2DatasetParquetReader r = Img2DatasetParquetReader.open(Path.of(root).resolve(metadata),
        Img2DatasetParquetReader.DEFAULT_CAPTION_COLUMN, maxImageBytes, heapRowGroupBytes(), "the limit is an "
            + "eighth of this JVM's maximum heap (" + OutputBudget.maxHeap() + "): " + OutputBudget.MORE_HEAP)) {
      for (Optional<Img2DatasetSample> row = r.next(); row.isPresent(); row = r.next()) {
        Img2DatasetSample m = row.get();
        if (seen.contains(m.key())) {
          continue;
        }
        String status = m.field("status").orElse("?");
        String id = ref.dataset() + "/" + stem + "/" + m.key();
        String where = metadata + "#key=" + m.key();
        if (!status.equals("success")) {
          countInput();
          reject(out, id, where, "no image (img2dataset status " + status + ": "
              + m.field("error_message").orElse("none") + ")", -1);
        } else if (complete) {
          countInput();
          reject(out, id, where, "img2dataset's metadata lists it as downloaded, but the shard " + ref.path()
              + " holds no file of it", -1);
        }
      }
    } catch (EvshardIoException e) {
      countInput();
      reject(out, ref.dataset() + "/" + metadata, metadata, "the shard's metadata is unreadable (failed downloads "
          + "are not counted): " + e.reason(), e.offset());
    } catch (IOException | RuntimeException e) {
      countInput();
      reject(out, ref.dataset() + "/" + metadata, metadata, "cannot read the shard's metadata (failed downloads are "
          + "not counted): " + FileErrors.describe(e), -1);
    }
  }

  /** An img2dataset {@code files} folder or {@code parquet} shard; a sample without image bytes is rejected. */
  private void readImg2Dataset(ImageSourceRef ref, Sink out) {
    Path path = Path.of(root).resolve(ref.path());
    String stem = ref.path().replaceAll("\\.parquet$", "");
    try {
      if (ref.kind() == ImageSourceRef.Kind.IMG2DATASET_FILES) {
        Img2DatasetFilesReader r = Img2DatasetFilesReader.open(path, heapCapped(tarLimits));
        Set<String> seen = new HashSet<>();
        while (true) {
          Optional<Img2DatasetSample> s;
          try {
            s = r.next();
          } catch (EvshardIoException e) { // one sample's files: the others of the folder are still read
            seen.add(r.lastKey());
            countInput();
            reject(out, ref.dataset() + "/" + stem + "/" + r.lastKey(), r.lastSource(),
                e.reason() + " (" + Path.of(e.source()).getFileName() + ")", e.offset());
            continue;
          } catch (IOException e) {
            seen.add(r.lastKey());
            countInput();
            reject(out, ref.dataset() + "/" + stem + "/" + r.lastKey(), r.lastSource(),
                "cannot read: " + FileErrors.describe(e), -1);
            continue;
          }
          if (s.isEmpty()) {
            break;
          }
          seen.add(s.get().key());
          emit(ref, stem, s.get(), out);
        }
        notInTheShard(ref, stem, seen, true, out);
      } else {
        Img2DatasetParquetReader opened;
        try {
          opened = Img2DatasetParquetReader.open(path, Img2DatasetParquetReader.DEFAULT_CAPTION_COLUMN,
              maxImageBytes, heapRowGroupBytes(), "the limit is an eighth of this JVM's maximum heap ("
                  + OutputBudget.maxHeap() + "), as Parquet reads a row group's image column whole and the images are "
                  + "then copied: " + OutputBudget.MORE_HEAP + ", or write the shard with smaller row groups");
        } catch (LimitExceededException e) {
          countInput();
          reject(out, ref.dataset() + "/" + stem, ref.path(), "shard not read: " + e.reason(), e.offset());
          return;
        }
        try (Img2DatasetParquetReader r = opened) {
          Set<String> seen = new HashSet<>();
          for (Optional<Img2DatasetSample> s = r.next(); s.isPresent(); s = r.next()) {
            if (!seen.add(s.get().key())) {
              countInput();
              reject(out, ref.dataset() + "/" + stem + "/" + s.get().key(), s.get().source(), "key "
                  + s.get().key() + " comes again in the shard: a second sample of one sample id (the first row with "
                  + "this key is kept)", s.get().offset());
              continue;
            }
            emit(ref, stem, s.get(), out);
          }
        }
      }
    } catch (EvshardIoException e) {
      countInput();
      reject(out, ref.dataset() + "/" + stem, ref.path(), "the rest of the shard is unreadable: " + e.reason(),
          e.offset());
    } catch (IOException | RuntimeException e) {
      countInput();
      reject(out, ref.dataset() + "/" + stem, ref.path(), "cannot read the shard: " + FileErrors.describe(e), -1);
    }
  }

  private void emit(ImageSourceRef ref, String stem, Img2DatasetSample s, Sink out) {
    countInput();
    String id = ref.dataset() + "/" + stem + "/" + s.key();
    if (!s.hasImage()) {
      reject(out, id, s.source(), "no image (img2dataset status " + s.field("status").orElse("?") + ": "
          + s.field("error_message").orElse("none") + ")", s.offset());
      return;
    }
    out.item(new CurateItem(id, ref.dataset(), ref.split(), null, null, s.source(), s.offset(),
        s.caption().orElse(null), s.fields(), null, s.imageBytes().orElseThrow()));
  }

  private void emit(ImageSourceRef ref, String stem, WebDatasetSample s, Sink out) {
    String id = ref.dataset() + "/" + stem + "/" + s.key();
    TarMember image = null;
    for (String ext : IMAGE_EXTENSIONS) {
      if (s.has(ext)) {
        image = s.member(ext).orElseThrow();
        break;
      }
    }
    String where = ref.path() + "!/" + s.key();
    if (image == null) {
      reject(out, id, where, "no image member (jpg, jpeg, png, webp) in a sample with " + s.extensions()
          + (s.oversized().isEmpty() ? "" : "; skipped as over the tar entry limit of "
              + heapCapped(tarLimits).maxEntryBytes()
              + " bytes: " + String.join(", ", s.oversized())), s.headerOffset());
      return;
    }
    Integer label = null;
    String labelName = null;
    Optional<TarMember> cls = s.member("cls");
    if (cls.isPresent()) {
      String text = new String(cls.get().bytes(), StandardCharsets.UTF_8).strip();
      try {
        label = Integer.parseInt(text);
        labelName = text;
      } catch (NumberFormatException e) {
        reject(out, id, where, "cls member is not an integer: '" + abbreviate(text) + "'", s.headerOffset());
        return;
      }
    }
    String caption = s.member("txt").map(m -> new String(m.bytes(), StandardCharsets.UTF_8)).orElse(null);
    Map<String, String> attributes = new TreeMap<>(ref.attributes());
    Optional<TarMember> json = s.member("json");
    if (json.isPresent()) {
      try {
        JsonNode node = JSON.readTree(json.get().bytes());
        node.fields().forEachRemaining(f -> {
          if (f.getValue().isValueNode() && !f.getValue().isNull()) {
            attributes.put(f.getKey(), f.getValue().asText());
          }
        });
      } catch (IOException e) {
        reject(out, id, where, "json member is not JSON: " + e.getMessage(), s.headerOffset());
        return;
      }
    }
    out.item(new CurateItem(id, ref.dataset(), ref.split(), label, labelName,
        ref.path() + "!/" + image.path(), s.headerOffset(), caption, attributes, null, image.bytes()));
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }

  private static void reject(Sink out, String id, String source, String reason, long offset) {
    out.error(new SampleError(id, source, STAGE, reason, offset));
  }
}
