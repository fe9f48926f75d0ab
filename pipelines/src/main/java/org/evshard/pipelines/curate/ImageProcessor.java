package org.evshard.pipelines.curate;

import org.evshard.io.error.EvshardIoException;
import org.evshard.io.image.DecodedImage;
import org.evshard.io.image.FaceBoxes;
import org.evshard.io.image.GrayThumbnail;
import org.evshard.io.image.ImageDecoder;
import org.evshard.io.image.ImageHeader;
import org.evshard.io.image.ImageHeaderProbe;
import org.evshard.io.image.ImageResizer;
import org.evshard.io.image.ImageTooLargeException;
import org.evshard.io.image.ResizeResult;
import org.evshard.io.shard.ImageRow;
import org.evshard.pipelines.convert.SampleError;
import org.evshard.transforms.OutputBudget;
import org.evshard.transforms.curate.ExactDuplicates;
import org.evshard.transforms.curate.PerceptualHash;

/**
 * Decodes one image (limits checked on the header first), resizes and re-encodes it when asked, and builds its shard
 * row: sizes, sha256 of the source bytes, optional decoded tensor, optional perceptual hash taken from the final
 * pixels. Bytes that do not decode go to {@link Sink#error} (stage {@code decode}, with the byte offset the decoder
 * names); an image img2dataset's resizer refuses (too small, area, aspect ratio) goes to {@link Sink#removed} (step
 * {@code resize}). One instance per thread (it holds a decoder); used by {@link ProcessImageFn} and by the per-task
 * shard writer.
 */
final class ImageProcessor {

  /** Where the outcome of an image goes: exactly one call per image. */
  interface Sink {
    void image(ProcessedImage image);

    void error(SampleError error);

    void removed(RemovedSample removed);
  }

  static final String STAGE = "decode";

  private final ImageProcessing processing;
  private final ImageDecoder decoder;
  private final ImageResizer resizer;

  ImageProcessor(ImageProcessing processing) {
    this.processing = processing;
    this.decoder = new ImageDecoder(processing.limits());
    this.resizer = processing.resize() == null ? null : new ImageResizer(processing.resize(), processing.limits());
  }

  /** Decodes (and resizes) {@code item}; true when it gave an image. */
  boolean process(CurateItem item, Sink out) {
    try {
      ProcessedImage p = resizer == null ? passThrough(item) : resized(item, out);
      if (p != null) {
        out.image(p);
        return true;
      }
    } catch (EvshardIoException e) {
      // inside a tar: the offset of the sample's header in the shard, the reason says where in the image (after the
      // words, so that the report counts reasons together)
      out.error(new SampleError(item.sampleId(), item.source(), STAGE,
          item.offset() >= 0 && e.offset() >= 0 ? e.reason() + " (at byte " + e.offset() + " of the image)"
              : e.reason(), item.offset() >= 0 ? item.offset() : e.offset()));
    } catch (RuntimeException e) {
      out.error(new SampleError(item.sampleId(), item.source(), STAGE, "unexpected " + e, item.offset()));
    }
    return false;
  }

  /** The source bytes kept as they are: decoded once for the sizes, hash and tensor. */
  private ProcessedImage passThrough(CurateItem item) {
    ImageHeader header = ImageHeaderProbe.probe(item.image(), item.source(), processing.limits());
    try (DecodedImage image = decoder.decode(item.image(), item.source(), header)) {
      Extras x = extras(image, item.source());
      return build(item, item.image(), header.format().extension(), image.width(), image.height(), image.width(),
          image.height(), x);
    }
  }

  private ProcessedImage resized(CurateItem item, Sink out) {
    FaceBoxes faces = processing.blurFaces() && item.datacomp() != null && item.datacomp().faceBoxes().length > 0
        ? FaceBoxes.ofFloat64(item.datacomp().faceBoxes()) : null;
    Extras[] x = new Extras[1];
    ResizeResult r = resizer.resize(item.image(), item.source(), faces, image -> x[0] = extras(image, item.source()));
    if (r.isRejected()) {
      out.removed(RemovedSample.filtered(item.sampleId(), item.source(), "resize",
          r.rejection().message().replace(' ', '_')));
      return null;
    }
    return build(item, r.encoded(), r.format().extension(), r.width(), r.height(), r.originalWidth(),
        r.originalHeight(), x[0]);
  }

  private Extras extras(DecodedImage image, String source) {
    long hash = processing.phash() ? PerceptualHash.hash(GrayThumbnail.of(image, PerceptualHash.SIDE)) : 0L;
    if (processing.decodeTensor()) {
      long bytes = (long) image.width() * image.height() * image.channels();
      long limit = tensorByteLimit();
      if (bytes > limit) {
        throw new ImageTooLargeException(source, -1, "--decode-tensor: the decoded " + image.width() + "x"
            + image.height() + "x" + image.channels() + " tensor's byte count", bytes, limit, "the limit is a "
            + "twelfth of this JVM's maximum heap (" + OutputBudget.maxHeap() + "), as the row and the shard "
            + "writer's pages copy it: " + OutputBudget.MORE_HEAP + ", resize (--image-size) or leave the tensor out");
      }
    }
    byte[] tensor = processing.decodeTensor() ? image.toInterleavedRgb() : null;
    int[] shape = tensor == null ? null : new int[] {image.height(), image.width(), image.channels()};
    return new Extras(hash, tensor, shape);
  }

  /**
   * Largest decoded tensor (bytes) one image may store with {@code --decode-tensor}: a twelfth of the heap, as the
   * tensor, the row and the shard writer's pages hold up to three copies within {@link OutputBudget}'s quarter (an
   * 88-megapixel JPEG, within Pillow's pixel limit, ended a 512 MiB run with an {@link OutOfMemoryError}).
   */
  static long tensorByteLimit() {
    return OutputBudget.maxBytes() / 3;
  }

  private static ProcessedImage build(CurateItem item, byte[] bytes, String format, int w, int h, int ow, int oh,
      Extras x) {
    String sha = item.datacomp() != null && !item.datacomp().sha256().isEmpty() ? item.datacomp().sha256()
        : ExactDuplicates.sha256Hex(item.image());
    ImageRow row = new ImageRow(item.sampleId(), item.dataset(), item.split(), item.label(), item.labelName(),
        item.source(), item.caption(), w, h, ow, oh, sha, format, bytes, item.attributes(), x.tensor, x.shape);
    return new ProcessedImage(row, x.hash, (long) ow * oh);
  }

  private record Extras(long hash, byte[] tensor, int[] shape) {}
}
