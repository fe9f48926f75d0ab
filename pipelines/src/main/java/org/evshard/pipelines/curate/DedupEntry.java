package org.evshard.pipelines.curate;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;

/**
 * What deduplication needs of one image: id, where it came from, original pixel count, perceptual hash, and (for
 * exact deduplication) the sha256.
 */
record DedupEntry(String sampleId, String source, long pixels, long phash, String sha256) implements Serializable {

  static DedupEntry of(ProcessedImage p) {
    return new DedupEntry(p.row().sampleId(), p.row().source(), p.pixels(), p.phash(), null);
  }

  DedupEntry withSha(String sha) {
    return new DedupEntry(sampleId, source, pixels, phash, sha);
  }

  /** A compact deterministic coder (Java serialization costs more than the deduplication itself). */
  static final class EntryCoder extends AtomicCoder<DedupEntry> {
    static final EntryCoder INSTANCE = new EntryCoder();

    @Override
    public void encode(DedupEntry e, OutputStream os) throws IOException {
      DataOutputStream out = new DataOutputStream(os);
      ImageRowCoder.writeNullable(out, e.sampleId());
      ImageRowCoder.writeNullable(out, e.source());
      out.writeLong(e.pixels());
      out.writeLong(e.phash());
      ImageRowCoder.writeNullable(out, e.sha256());
      out.flush();
    }

    @Override
    public DedupEntry decode(InputStream is) throws IOException {
      DataInputStream in = new DataInputStream(is);
      return new DedupEntry(ImageRowCoder.readNullable(in), ImageRowCoder.readNullable(in), in.readLong(),
          in.readLong(), ImageRowCoder.readNullable(in));
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
