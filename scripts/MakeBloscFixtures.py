#!/usr/bin/python3
"""Writes the Blosc test resources of BloscDecoderTest and Hdf5BloscDsecTest (io-formats/src/test/resources/
org/evshard/io/hdf5/blosc/) with Debian's python3-blosc (c-blosc 1.21) and python3-h5py with the HDF5 Blosc filter
plugin (hdf5-filter-plugin-blosc-serial), independently of evshard's decoder.

1. Raw Blosc chunks (`chunks/*.blosc`), each `blosc.compress(...)` of bytes given by a closed formula (`content` below;
   the Java test computes the same formula), listed in `chunks/chunks.tsv` (file, formula, bytes, typesize, blocksize,
   clevel, codec, shuffle):
   - every codec (blosclz, lz4, lz4hc, zlib, zstd) x shuffle (none, byte, bit) x typesize (1, 2, 4, 8) over 603
     elements (not a multiple of 8) with the block size forced to 256 bytes (c-blosc multiplies it by the typesize
     where it splits blocks), so most chunks have several blocks and a shorter leftover block; c-blosc 1.21 splits
     blocks of at least 128 elements into typesize streams for blosclz, lz4 and zlib, and otherwise sets the
     "dont split" flag (0x10);
   - extras: sizes that are not a multiple of the typesize, the default block size (large split blocks), clevel 0
     (a "memcpyed" chunk), long runs of zeros, a 20,000-byte period (BloscLZ far matches), and a snappy chunk (not
     memcpyed), which evshard refuses by name.
2. DSEC-layout HDF5 files (`dsec_*.h5`, and the fuzz seed `../Hdf5EventReaderFuzzTestInputs/readsAnyBytes/
   dsec_blosc_zstd_latest_format`, 300 events) written by h5py with filter 32001: `events/x`, `events/y` (<u2),
   `events/p` (u1), `events/t` (<u4, microseconds relative to t_offset), `ms_to_idx` (<u8) and `t_offset` (<i8,
   one element), every dataset Blosc-compressed, as in real DSEC files (h5dump of interlaken_00_c, uzh-rpg/DSEC issue
   #42: six datasets with filter 32001; "Blosc with the ZSTD codec"). The dtypes are those DSEC-layout writers use
   (x/y uint16 as in DSEC issue #3, p uint8, t uint32 with an int64 offset, ms_to_idx uint64). Event i is given by
   `events(n)` below. h5py's compression_opts for filter 32001 are the filter's cd_values
   (filter revision, blosc version, typesize, chunk bytes, clevel, shuffle, compressor code): the first four are
   filled in by the filter itself, so 0 is passed for them. The last file's first t chunk holds hashed values
   (`hashed_t`) that Blosc cannot compress: HDF5 stores that chunk unfiltered (filter mask bit set), as it does with
   blosclz's unshuffled x chunks there and every file's 8-byte t_offset; jhdf does not look at the mask.

Run: HDF5_PLUGIN_PATH=/usr/lib/x86_64-linux-gnu/hdf5/serial/plugins /usr/bin/python3 scripts/MakeBloscFixtures.py
     (Debian: apt-get install python3-blosc python3-h5py hdf5-filter-plugin-blosc-serial)
With `--big PATH N` it writes only a DSEC-layout file of N pseudo-random events (`random_events`) to PATH, Blosc with
Zstd (clevel 5) and byte shuffle in h5py's default chunks, for throughput measurements (not committed); with
`--plain PATH N` the same events without any filter.
"""
import os
import sys
from pathlib import Path

import blosc
import numpy as np

OUT = Path(__file__).resolve().parent.parent / "io-formats/src/test/resources/org/evshard/io/hdf5/blosc"
CODECS = ["blosclz", "lz4", "lz4hc", "zlib", "zstd"]
SHUFFLES = {"noshuffle": blosc.NOSHUFFLE, "shuffle": blosc.SHUFFLE, "bitshuffle": blosc.BITSHUFFLE}
COMPCODES = {"blosclz": 0, "lz4": 1, "lz4hc": 2, "snappy": 3, "zlib": 4, "zstd": 5}  # the HDF5 filter's cd_values[6]
ELEMENTS = 603


def content(formula, nbytes, typesize):
    """The bytes of a chunk. Java: BloscFixtures.content (same integer arithmetic, masked to 64 bits)."""
    if formula == "mixed":
        # element i (little-endian, typesize bytes) = 3 i + 40 000 (i div 300) + (i^2 mod 97 when 4 divides i),
        # cut to its width
        n = (nbytes + typesize - 1) // typesize
        mask = (1 << (8 * typesize)) - 1
        out = bytearray()
        for i in range(n):
            v = (3 * i + 40000 * (i // 300) + ((i * i) % 97 if i % 4 == 0 else 0)) & mask
            out += v.to_bytes(typesize, "little")
        return bytes(out[:nbytes])
    if formula == "zeros":
        # zeros, except byte k = k mod 251 at every 1000th position
        return bytes((k % 251) if k % 1000 == 0 else 0 for k in range(nbytes))
    if formula == "period20000":
        # a 20,000-byte period of hashed bytes: repeats only at a distance beyond BloscLZ's 8191 near range
        return bytes(((k % 20000) * 2654435761 >> 13) & 0xFF for k in range(nbytes))
    raise ValueError(formula)


def chunk(rows, name, formula, nbytes, typesize, codec, shuffle, clevel=5, blocksize=256):
    blosc.set_blocksize(blocksize)
    data = content(formula, nbytes, typesize)
    c = blosc.compress(data, typesize=typesize, clevel=clevel, shuffle=SHUFFLES[shuffle], cname=codec)
    assert blosc.decompress(c) == data
    (OUT / "chunks" / name).write_bytes(c)
    rows.append(f"{name}\t{formula}\t{nbytes}\t{typesize}\t{blocksize}\t{clevel}\t{codec}\t{shuffle}")


def write_chunks():
    (OUT / "chunks").mkdir(parents=True, exist_ok=True)
    blosc.set_nthreads(1)
    rows = ["# file\tformula\tbytes\ttypesize\tforced_blocksize\tclevel\tcodec\tshuffle"]
    for codec in CODECS:
        for shuffle in SHUFFLES:
            for ts in (1, 2, 4, 8):
                chunk(rows, f"{codec}_{shuffle}_ts{ts}.blosc", "mixed", ELEMENTS * ts, ts, codec, shuffle)
    for codec in ("blosclz", "zstd", "lz4"):
        for shuffle in ("shuffle", "bitshuffle"):
            # 4,931 bytes of 8-byte elements in 256-byte blocks: the leftover block holds 8 elements (bit-shuffled
            # as a whole) and 3 bytes that are not an element
            chunk(rows, f"{codec}_{shuffle}_ts8_ragged.blosc", "mixed", 4931, 8, codec, shuffle)
    for codec in ("blosclz", "zstd"):
        # default block size: a 32 KB block (split into 4 streams for blosclz, not for zstd) and a leftover block
        chunk(rows, f"{codec}_shuffle_ts4_defaultblocks.blosc", "mixed", 4 * 10000, 4, codec, "shuffle",
              blocksize=0)
    # blocks of 64 KiB split into 4 streams, then a leftover block, which is never split (its flag is clear)
    chunk(rows, "zlib_shuffle_ts4_splitblocks.blosc", "mixed", 4 * 20000, 4, "zlib", "shuffle", blocksize=512)
    chunk(rows, "lz4_shuffle_ts4_zeros_splitblocks.blosc", "zeros", 4 * 20000, 4, "lz4", "shuffle", blocksize=512)
    chunk(rows, "blosclz_noshuffle_ts4_clevel0_memcpyed.blosc", "mixed", 4 * ELEMENTS, 4, "blosclz", "noshuffle",
          clevel=0)
    for codec in ("blosclz", "lz4", "zstd", "zlib"):
        chunk(rows, f"{codec}_noshuffle_ts1_zeros.blosc", "zeros", 70000, 1, codec, "noshuffle", clevel=9,
              blocksize=0)
    chunk(rows, "blosclz_noshuffle_ts1_period20000.blosc", "period20000", 50000, 1, "blosclz", "noshuffle",
          clevel=9, blocksize=0)
    chunk(rows, "snappy_shuffle_ts4.blosc", "mixed", 4 * 10000, 4, "snappy", "shuffle", blocksize=0)
    assert (OUT / "chunks" / "snappy_shuffle_ts4.blosc").read_bytes()[2] & 0x02 == 0, "memcpyed, not snappy"
    (OUT / "chunks" / "chunks.tsv").write_text("\n".join(rows) + "\n")
    # the HDF5 plugin links the same libblosc: give it back its automatic block size
    blosc.set_blocksize(0)


def events(n):
    """DSEC-layout columns of event i; Java: Hdf5BloscDsecTest.expected (t_offset added there)."""
    i = np.arange(n, dtype=np.int64)
    x = ((i // 3 + (i % 2) * 320) % 640).astype("<u2")
    y = ((i // 1000 + (i % 4) * 100) % 480).astype("<u2")
    p = ((i % 3 == 0) | (i % 11 == 4)).astype("u1")
    t = (5000 + i // 2 * 3).astype("<u4")
    return x, y, p, t


def hashed_t(n):
    """t of the first n events of the incompressible-chunk file: hashed, so that Blosc cannot shrink them and HDF5
    stores that chunk unfiltered (filter mask 1). Java: Hdf5BloscDsecTest.hashedT."""
    i = np.arange(n, dtype=np.int64)
    return (((i * 0x9E3779B1) ^ ((i * i * 0x85EBCA6B) >> 7)) & 0xFFFFFFFF).astype("<u4")


def ms_to_idx(t):
    """DSEC's ms_to_idx: the first event index with t >= ms * 1000, for ms = 0 .. t[-1] // 1000."""
    return np.searchsorted(t, np.arange(0, int(t[-1]) // 1000 + 1) * 1000, side="left").astype("<u8")


def write_dsec(path, n, t_offset, chunks, codec, shuffle, clevel, random_t_chunk=False, libver="earliest"):
    import h5py
    x, y, p, t = events(n)
    if random_t_chunk:
        t = t.copy()
        t[: chunks[0]] = hashed_t(chunks[0])
    opts = dict(compression=32001, compression_opts=(0, 0, 0, 0, clevel, SHUFFLES[shuffle], COMPCODES[codec]))
    with h5py.File(path, "w", libver=libver) as f:
        g = f.create_group("events")
        for name, col in (("p", p), ("t", t), ("x", x), ("y", y)):
            g.create_dataset(name, data=col, chunks=chunks, **opts)
        f.create_dataset("ms_to_idx", data=ms_to_idx(events(n)[3]), chunks=True, **opts)
        f.create_dataset("t_offset", data=np.array([t_offset], dtype="<i8"), chunks=(1,), **opts)
        if random_t_chunk:
            assert g["t"].id.get_chunk_info(0).filter_mask == 1, "the hashed t chunk was compressed after all"


def write_h5_files():
    write_dsec(OUT / "dsec_zstd_shuffle.h5", 70_000, 49_000_000_000, True, "zstd", "shuffle", 5)
    write_dsec(OUT / "dsec_lz4_bitshuffle.h5", 5_000, 1_000, (1000,), "lz4", "bitshuffle", 9)
    write_dsec(OUT / "dsec_blosclz_noshuffle_incompressible_chunk.h5", 3_000, 0, (777,), "blosclz", "noshuffle", 5,
               random_t_chunk=True)
    # a seed of Hdf5EventReaderFuzzTest: the newest HDF5 format (fixed-array chunk index) keeps it at 3 KB
    write_dsec(OUT.parent / "Hdf5EventReaderFuzzTestInputs/readsAnyBytes/dsec_blosc_zstd_latest_format", 300, 1_000,
               (100,), "zstd", "shuffle", 5, libver="latest")


def random_events(n):
    """Pseudo-random events for throughput measurements, about as compressible as a camera's: uniform x and y,
    random polarity, t rising by 0..3 us per event."""
    rng = np.random.default_rng(42)
    x = rng.integers(0, 640, n).astype("<u2")
    y = rng.integers(0, 480, n).astype("<u2")
    p = rng.integers(0, 2, n).astype("u1")
    t = np.cumsum(rng.integers(0, 4, n)).astype("<u4")
    return x, y, p, t


def write_big(path, n, plain):
    import h5py
    x, y, p, t = random_events(n)
    with h5py.File(path, "w", libver="earliest") as f:
        g = f.create_group("events")
        opts = {} if plain else dict(compression=32001, compression_opts=(0, 0, 0, 0, 5, blosc.SHUFFLE, 5))
        for name, col in (("p", p), ("t", t), ("x", x), ("y", y)):
            g.create_dataset(name, data=col, chunks=True, **opts)
        f.create_dataset("ms_to_idx", data=ms_to_idx(t), chunks=True, **opts)
        f.create_dataset("t_offset", data=np.array([0], dtype="<i8"))


if __name__ == "__main__":
    if "HDF5_PLUGIN_PATH" not in os.environ:
        sys.exit("set HDF5_PLUGIN_PATH=/usr/lib/x86_64-linux-gnu/hdf5/serial/plugins (the HDF5 Blosc plugin)")
    if len(sys.argv) == 4 and sys.argv[1] in ("--big", "--plain"):
        write_big(sys.argv[2], int(sys.argv[3]), sys.argv[1] == "--plain")
        sys.exit(0)
    write_chunks()
    write_h5_files()
    total = 0
    for q in sorted(OUT.rglob("*")):
        if q.is_file():
            total += q.stat().st_size
            print(q.relative_to(OUT), q.stat().st_size, "bytes")
    print("total", total, "bytes")
