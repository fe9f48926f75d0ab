package org.evshard.pipelines.curate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.evshard.io.shard.ImageRow;

/**
 * A decoded and (if asked) resized image ready to be written: its shard row, its 64-bit perceptual hash (when
 * near-duplicate detection runs) and its original pixel count (the representative rule of deduplication).
 */
public record ProcessedImage(ImageRow row, long phash, long pixels) {

  /** Coder: the row's fields as {@link ImageRowCoder} frames them, then the two longs, in one frame. */
  public static final class ProcessedCoder extends AtomicCoder<ProcessedImage> {

    private static final ProcessedCoder INSTANCE = new ProcessedCoder();

    public static ProcessedCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(ProcessedImage value, OutputStream outStream) throws IOException {
      CoderFrame.Writer out = new CoderFrame.Writer();
      ImageRowCoder.put(out, value.row());
      out.putLong(value.phash()).putLong(value.pixels()).writeTo(outStream);
    }

    @Override
    public ProcessedImage decode(InputStream inStream) throws IOException {
      CoderFrame.Reader in = CoderFrame.Reader.of(inStream);
      return new ProcessedImage(ImageRowCoder.get(in), in.getLong(), in.getLong());
    }

    @Override
    public List<? extends Coder<?>> getCoderArguments() {
      return List.of();
    }

    @Override
    public void verifyDeterministic() {
    }
  }
}
