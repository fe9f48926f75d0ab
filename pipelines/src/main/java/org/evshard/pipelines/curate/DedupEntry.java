package org.evshard.pipelines.curate;

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
      new CoderFrame.Writer().putString(e.sampleId()).putString(e.source()).putLong(e.pixels()).putLong(e.phash())
          .putString(e.sha256()).writeTo(os);
    }

    @Override
    public DedupEntry decode(InputStream is) throws IOException {
      CoderFrame.Reader in = CoderFrame.Reader.of(is);
      return new DedupEntry(in.getString(), in.getString(), in.getLong(), in.getLong(), in.getString());
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
