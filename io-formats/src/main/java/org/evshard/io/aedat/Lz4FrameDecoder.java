package org.evshard.io.aedat;

import java.util.Arrays;
import org.apache.commons.codec.digest.XXHash32;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.error.UnsupportedFormatException;

/**
 * Decodes one LZ4 frame (lz4_Frame_format.md, version 01) into a buffer reused across calls. All blocks land in one
 * contiguous output, so dependent blocks (dv's default, which lz4-java's frame stream rejects) need no window
 * bookkeeping: a match may reach back into earlier blocks of the same frame. The checksums (xxHash32) are verified:
 * the descriptor's always, each block's and the content's when the frame has them (dv writes neither, so a damaged
 * dv packet is found only where its LZ4 structure breaks). Every length and offset is checked before it is used; the
 * output never grows past {@code maxBytes}.
 */
final class Lz4FrameDecoder {

  static final int MAGIC = 0x184D2204;
  /** Spare bytes past the write limit, so that copies may move 8 bytes at a time and overshoot. */
  private static final int SLACK = 32;

  private final String source;
  private final int maxBytes;
  private byte[] out = new byte[1 << 16];
  private long where;

  Lz4FrameDecoder(String source, int maxBytes) {
    this.source = source;
    this.maxBytes = maxBytes;
  }

  byte[] buffer() {
    return out;
  }

  /** Decodes the frame in {@code src[0, length)}; returns the decoded length. {@code at} is its file offset. */
  int decode(byte[] src, int length, long at) {
    where = at;
    if (length < 7 || LE.getInt(src, 0) != MAGIC) {
      throw corrupt("an LZ4 frame (magic 04 22 4D 18) of at least 7 bytes, found " + length + " bytes"
          + (length >= 4 ? String.format(" starting %08X", LE.getInt(src, 0)) : ""));
    }
    int flg = src[4] & 0xFF;
    int bd = src[5] & 0xFF;
    if (flg >>> 6 != 1) {
      throw new UnsupportedFormatException(source, at, "LZ4 frame version " + (flg >>> 6) + ", expected 1");
    }
    int blockId = bd >>> 4 & 7;
    if ((flg & 0x02) != 0 || (bd & 0x8F) != 0 || blockId < 4) {
      throw corrupt("LZ4 frame descriptor FLG=" + flg + " BD=" + bd + " has reserved bits set or no block size");
    }
    if ((flg & 0x01) != 0) {
      throw new UnsupportedFormatException(source, at, "LZ4 frame with a dictionary id");
    }
    boolean blockChecksums = (flg & 0x10) != 0;
    int blockMax = 1 << 8 + 2 * blockId;
    int p = 6;
    long declared = -1;
    if ((flg & 0x08) != 0) {
      if (length < 15) {
        throw corrupt("LZ4 frame ends inside its content size");
      }
      long size = LE.getLong(src, 6);
      if (size < 0 || size > maxBytes) {
        throw new LimitExceededException(source, at, "LZ4 frame content size", size, maxBytes);
      }
      declared = size;
      p += 8;
    }
    int stated = src[p] & 0xFF;
    int computed = xxh32(src, 4, p - 4) >>> 8 & 0xFF;
    if (stated != computed) {
      throw corrupt(String.format("LZ4 frame descriptor checksum %02X, expected %02X for its %d bytes", stated,
          computed, p - 4));
    }
    p++;
    int op = 0;
    while (true) {
      if (p > length - 4) {
        throw corrupt("LZ4 frame ends before its end mark");
      }
      int word = LE.getInt(src, p);
      p += 4;
      if (word == 0) {
        break;
      }
      int n = word & 0x7FFFFFFF;
      if (n > blockMax || n > length - p) {
        throw corrupt("LZ4 block of " + n + " bytes at frame byte " + (p - 4) + " exceeds the block maximum "
            + blockMax + " or the " + (length - p) + " bytes left");
      }
      if (blockChecksums) {
        if (4 > length - p - n) {
          throw corrupt("LZ4 frame ends inside the checksum of the block at frame byte " + (p - 4));
        }
        int sum = xxh32(src, p, n);
        if (sum != LE.getInt(src, p + n)) {
          throw corrupt(String.format("LZ4 block at frame byte %d has checksum %08X, its %d bytes hash to %08X",
              p - 4, LE.getInt(src, p + n), n, sum));
        }
      }
      int limit = room(op, blockMax);
      if (word < 0) { // stored uncompressed
        if (n > limit - op) {
          throw tooBig(op + n);
        }
        System.arraycopy(src, p, out, op, n);
        op += n;
      } else {
        op = block(src, p, p + n, op, limit);
      }
      p += n + (blockChecksums ? 4 : 0);
    }
    if ((flg & 0x04) != 0) {
      if (4 > length - p) {
        throw corrupt("LZ4 frame ends inside its content checksum");
      }
      int sum = xxh32(out, 0, op);
      if (sum != LE.getInt(src, p)) {
        throw corrupt(String.format("LZ4 frame content checksum %08X, its %d decoded bytes hash to %08X",
            LE.getInt(src, p), op, sum));
      }
      p += 4;
    }
    if (p != length) {
      throw corrupt("LZ4 frame of " + p + " bytes followed by " + (length - p) + " other bytes in the packet");
    }
    if (declared >= 0 && op != declared) { // a stated size the content does not have was accepted silently
      throw corrupt("LZ4 frame states a content size of " + declared + " bytes but decodes to " + op);
    }
    return op;
  }

  private static int xxh32(byte[] b, int from, int length) {
    XXHash32 h = new XXHash32();
    h.update(b, from, length);
    return (int) h.getValue();
  }

  /** Grows the buffer to hold {@code blockMax} more bytes after {@code op} (capped); returns the write limit. */
  private int room(int op, int blockMax) {
    int limit = (int) Math.min((long) op + blockMax, maxBytes);
    if (out.length < limit + SLACK) {
      out = Arrays.copyOf(out, (int) Math.min(maxBytes, Math.max(limit, 2L * out.length)) + SLACK);
    }
    return limit;
  }

  /** Decodes one LZ4 block {@code src[ip, end)} to {@code out[op, limit)}; returns the new output position. */
  private int block(byte[] src, int ip, int end, int op, int limit) {
    final byte[] o = out;
    while (true) {
      if (ip >= end) {
        throw corrupt("LZ4 block ends before a sequence token");
      }
      int token = src[ip++] & 0xFF;
      int lit = token >>> 4;
      if (lit < 15 && (token & 15) < 15 && end - ip >= 16 && limit - op >= 32) {
        // the common short sequence (event packets are mostly these): at most 14 literals and 18 match bytes,
        // copied with 8-byte moves whose overshoot stays below limit + SLACK or is overwritten next; the offset is
        // readable, since 16 source bytes follow the token, and the match fits, since limit - op >= 14 + 18
        LE.putLong(o, op, LE.getLong(src, ip));
        if (lit > 8) {
          LE.putLong(o, op + 8, LE.getLong(src, ip + 8));
        }
        ip += lit;
        op += lit;
        int off = src[ip] & 0xFF | (src[ip + 1] & 0xFF) << 8;
        ip += 2;
        if (off == 0 || off > op) {
          throw corrupt("LZ4 match offset " + off + " reaches before the start of the output (at " + op + ")");
        }
        int len = (token & 15) + 4;
        int from = op - off;
        if (off >= 8) {
          // each 8-byte load reads bytes already written, since the source is at least 8 bytes back; only as many
          // moves as the length needs (a fixed three moves was no faster: loads straddling overlapping stores stall)
          LE.putLong(o, op, LE.getLong(o, from));
          if (len > 8) {
            LE.putLong(o, op + 8, LE.getLong(o, from + 8));
            if (len > 16) {
              LE.putLong(o, op + 16, LE.getLong(o, from + 16));
            }
          }
        } else {
          for (int i = 0; i < len; i++) {
            o[op + i] = o[from + i];
          }
        }
        op += len;
        continue;
      }
      if (lit == 15) {
        int b;
        do {
          if (ip >= end) {
            throw corrupt("LZ4 block ends inside a literal length");
          }
          b = src[ip++] & 0xFF;
          lit += b;
        } while (b == 255 && lit < Integer.MAX_VALUE / 2);
      }
      if (lit > end - ip) {
        throw corrupt("LZ4 literal run of " + lit + " bytes overruns its block");
      }
      if (lit > limit - op) {
        throw tooBig((long) op + lit);
      }
      if (lit <= 16 && ip + 16 <= end) {
        LE.putLong(o, op, LE.getLong(src, ip)); // short run: two 8-byte moves, overshoot lands in the slack
        LE.putLong(o, op + 8, LE.getLong(src, ip + 8));
      } else {
        System.arraycopy(src, ip, o, op, lit);
      }
      ip += lit;
      op += lit;
      if (ip == end) {
        return op; // the last sequence has literals only
      }
      if (ip > end - 2) {
        throw corrupt("LZ4 block ends inside a match offset");
      }
      int off = src[ip] & 0xFF | (src[ip + 1] & 0xFF) << 8;
      ip += 2;
      if (off == 0 || off > op) {
        throw corrupt("LZ4 match offset " + off + " reaches before the start of the output (at " + op + ")");
      }
      int len = token & 15;
      if (len == 15) {
        int b;
        do {
          if (ip >= end) {
            throw corrupt("LZ4 block ends inside a match length");
          }
          b = src[ip++] & 0xFF;
          len += b;
        } while (b == 255 && len < Integer.MAX_VALUE / 2);
      }
      len += 4;
      if (len > limit - op) {
        throw tooBig((long) op + len);
      }
      int from = op - off;
      if (off >= len && len >= 64) {
        System.arraycopy(o, from, o, op, len); // a long match that does not overlap its source
      } else if (off >= 8) {
        // 8 bytes at a time: each load reads bytes already written, since the source is at least 8 bytes back
        for (int i = 0; i < len; i += 8) {
          LE.putLong(o, op + i, LE.getLong(o, from + i));
        }
      } else {
        for (int i = 0; i < len; i++) {
          o[op + i] = o[from + i];
        }
      }
      op += len;
    }
  }

  private RuntimeException tooBig(long size) {
    if (size > maxBytes) {
      return new LimitExceededException(source, where, "decompressed packet size", size, maxBytes);
    }
    return corrupt("an LZ4 block decodes to more than the frame's block maximum");
  }

  private CorruptInputException corrupt(String message) {
    return new CorruptInputException(source, where, message);
  }
}
