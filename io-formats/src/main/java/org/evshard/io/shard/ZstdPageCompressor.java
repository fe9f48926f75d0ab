package org.evshard.io.shard;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.IOException;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Compresses each Parquet page as one ZSTD frame with zstd-jni (parquet-hadoop's own dependency), bypassing
 * parquet-mr's Hadoop-stream codec, which costs several times more CPU per page. Not thread safe: one per writer.
 */
final class ZstdPageCompressor implements CompressionCodecFactory.BytesInputCompressor {

  static final int DEFAULT_LEVEL = 1;

  private final ZstdCompressCtx ctx = new ZstdCompressCtx();
  private byte[] out = new byte[0];

  ZstdPageCompressor(int level) {
    ctx.setLevel(level);
  }

  @Override
  public BytesInput compress(BytesInput bytes) throws IOException {
    byte[] in = bytes.toByteArray();
    int bound = (int) Zstd.compressBound(in.length);
    if (out.length < bound) {
      out = new byte[bound];
    }
    int n = ctx.compressByteArray(out, 0, out.length, in, 0, in.length);
    // a copy: the page writer may keep the array it is handed
    return BytesInput.from(Arrays.copyOf(out, n));
  }

  @Override
  public CompressionCodecName getCodecName() {
    return CompressionCodecName.ZSTD;
  }

  @Override
  public void release() {
    ctx.close();
  }
}
