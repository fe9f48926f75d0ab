#!/usr/bin/python3
"""Writes two test files of Hdf5EventReaderTest (io-formats/src/test/resources/org/evshard/io/hdf5/mask/) with h5py
(libhdf5), independently of evshard.

1. dsec_t_deflated_not_shuffled.h5: a DSEC-layout file of 4096 events (x = i % 640, y = i % 480 as <u2, p = i % 2 as u1, t = 1600000000000000 + 10 i as
<i8), every dataset one chunk through shuffle + deflate, except that the `events/t` chunk is written directly with
filter mask 0b01: HDF5 records that its first filter (shuffle) was skipped and only deflate applies, as libhdf5 does
when an optional filter fails on a chunk. libhdf5 reads t exactly (checked below); jhdf 0.13 runs every filter on every
chunk, so the file tests that evshard honours the mask.
2. dsec_t_one_huge_chunk.h5 (about 100 KB): 9,000,000 events of zeros, t (<i8) in one deflated chunk of 72 MB, which
   evshard refuses from the chunk shape before inflating it (a 2.5 MB file of such chunks ran the heap out).

Run: python3 scripts/MakeHdf5ChunkFixtures.py   (needs h5py; e.g. pip install h5py into a venv)
"""
import sys
import zlib

import h5py
import numpy as np

OUT = "io-formats/src/test/resources/org/evshard/io/hdf5/mask/dsec_t_deflated_not_shuffled.h5"
n = 4096
cols = {
    "x": (np.arange(n) % 640).astype("<u2"),
    "y": (np.arange(n) % 480).astype("<u2"),
    "t": (1_600_000_000_000_000 + np.arange(n) * 10).astype("<i8"),
    "p": (np.arange(n) % 2).astype("u1"),
}
with h5py.File(OUT, "w", libver="earliest") as f:
    g = f.create_group("events")
    for name, a in cols.items():
        d = g.create_dataset(name, shape=(n,), dtype=a.dtype, chunks=(n,), shuffle=True, compression="gzip")
        if name == "t":
            d.id.write_direct_chunk((0,), zlib.compress(a.tobytes()), filter_mask=0b01)
        else:
            d[:] = a
    f.attrs["width"] = 640
    f.attrs["height"] = 480
with h5py.File(OUT) as f:
    if not all((f["events/" + k][:] == v).all() for k, v in cols.items()):
        sys.exit("libhdf5 does not read back what was written")
print("wrote", OUT)

HUGE = "io-formats/src/test/resources/org/evshard/io/hdf5/mask/dsec_t_one_huge_chunk.h5"
m = 9_000_000
with h5py.File(HUGE, "w", libver="earliest") as f:
    g = f.create_group("events")
    for name, dtype in (("x", "<u2"), ("y", "<u2"), ("p", "u1")):
        g.create_dataset(name, shape=(m,), dtype=dtype, chunks=(65536,), compression="gzip", compression_opts=9,
                         fillvalue=0)[:] = np.zeros(m, dtype)
    g.create_dataset("t", shape=(m,), dtype="<i8", chunks=(m,), compression="gzip", compression_opts=9)[:] = \
        np.zeros(m, "<i8")
    f.attrs["width"] = 640
    f.attrs["height"] = 480
print("wrote", HUGE)
