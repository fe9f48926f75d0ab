package org.evshard.pipelines.curate;

import java.io.Serializable;

/** What deduplication needs of one image: id, where it came from, original pixel count and perceptual hash. */
record DedupEntry(String sampleId, String source, long pixels, long phash) implements Serializable {

  static DedupEntry of(ProcessedImage p) {
    return new DedupEntry(p.row().sampleId(), p.row().source(), p.pixels(), p.phash());
  }
}
