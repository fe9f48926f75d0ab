#!/usr/bin/python3
"""How fast the reference LZ4 library (liblz4, C, through Debian's python3-lz4) decodes the LZ4 packets of an AEDAT 4.0
file: the yardstick for evshard's own LZ4 frame decoder (docs/BENCHMARKS-FORMATS.md).

Reads the first PACKETS (default 40) LZ4-compressed packets of FILE, decompresses each with lz4.frame (liblz4's frame
decoder, one call per packet, best of ROUNDS), and prints the decompressed bytes per second and the events per second
that means at 16 bytes per polarity event. It also recompresses the decompressed packets with liblz4 at levels 0, 3
and 9, to compare the writer's compression and the decode speed of liblz4's own output.

Run: /usr/bin/python3 scripts/Lz4ReferenceDecode.py /tmp/fmt/bench-lz4.aedat4 [PACKETS [ROUNDS]]
     (Debian: apt-get install python3-lz4)
"""
import struct
import sys
import time

import lz4.frame

EVENT_BYTES = 16  # the FlatBuffers Event struct of an AEDAT 4.0 polarity packet: t int64, x, y int16, on bool, pad
FRAME_MAGIC = b"\x04\x22\x4d\x18"


def packets(path, wanted):
    with open(path, "rb") as f:
        if f.read(14) != b"#!AER-DAT4.0\r\n":
            sys.exit(f"{path}: not an AEDAT 4.0 file")
        (header,) = struct.unpack("<i", f.read(4))
        f.seek(header, 1)
        out = []
        while len(out) < wanted:
            head = f.read(8)
            if len(head) < 8:
                break
            _, size = struct.unpack("<ii", head)
            data = f.read(size)
            if data[:4] == FRAME_MAGIC:
                out.append(data)
        return out


def rate(frames, rounds):
    best = None
    for _ in range(rounds):
        start = time.perf_counter()
        for frame in frames:
            lz4.frame.decompress(frame)
        took = time.perf_counter() - start
        best = took if best is None else min(best, took)
    return best


def main():
    path = sys.argv[1]
    wanted = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    frames = packets(path, wanted)
    raws = [lz4.frame.decompress(f) for f in frames]
    raw = sum(map(len, raws))
    print(f"{len(frames)} LZ4 packets, {raw} bytes decompressed, {sum(map(len, frames))} compressed "
          f"(ratio {sum(map(len, frames)) / raw:.3f})")
    took = rate(frames, rounds)
    print(f"liblz4 decoding the file's frames: {raw / took / 1e9:.2f} GB/s = {raw / EVENT_BYTES / took / 1e6:.1f} "
          f"M events/s")
    for level in (0, 3, 9):
        own = [lz4.frame.compress(r, compression_level=level, block_linked=True) for r in raws]
        took = rate(own, rounds)
        print(f"liblz4 level {level}: ratio {sum(map(len, own)) / raw:.3f}, decoding {raw / took / 1e9:.2f} GB/s = "
              f"{raw / EVENT_BYTES / took / 1e6:.1f} M events/s")


if __name__ == "__main__":
    main()
