package org.evshard.pipelines.curate;

import java.io.DataInputStream;
import java.io.DataOutputStream;
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

  /** Coder: the row through {@link ImageRowCoder}, then the two longs. */
  public static final class ProcessedCoder extends AtomicCoder<ProcessedImage> {

    private static final ProcessedCoder INSTANCE = new ProcessedCoder();

    public static ProcessedCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(ProcessedImage value, OutputStream outStream) throws IOException {
      ImageRowCoder.of().encode(value.row(), outStream);
      DataOutputStream out = new DataOutputStream(outStream);
      out.writeLong(value.phash());
      out.writeLong(value.pixels());
      out.flush();
    }

    @Override
    public ProcessedImage decode(InputStream inStream) throws IOException {
      ImageRow row = ImageRowCoder.of().decode(inStream);
      DataInputStream in = new DataInputStream(inStream);
      return new ProcessedImage(row, in.readLong(), in.readLong());
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
