#!/usr/bin/python3
"""Writes two Metavision-layout test files of Hdf5EventReaderTest (io-formats/src/test/resources/org/evshard/io/hdf5/
metavision/) with h5py (libhdf5), independently of evshard. Both have chunks the file never wrote (a recording not
closed properly): HDF5 reads those as the fill value, so libhdf5 would give made-up zeros. evshard's byte path refused
them already; these files reach jhdf's readers, which read fill values too.

1. cd_big_endian_unwritten_chunks.hdf5: CD/events, a compound {x >u2, y >u2, p >i2, t >i8} (big-endian: read by jhdf,
   not as bytes), dataspace 10000, chunks of 1024, only chunks 0-2 written (x = i % 640, y = i % 480, p = i % 2,
   t = 10 i).
2. triggers_unwritten_chunks.hdf5: CD/events as above but little-endian and complete (3000 events, t = 10 i), and
   EXT_TRIGGER/events, a compound {p <i2, t <i8, id <i2}, dataspace 100000, chunks of 1024, only chunk 0 written
   (p = i % 2, t = 30 i, id = 0).

Run: python3 scripts/MakeHdf5UnwrittenChunkFixtures.py   (needs h5py; e.g. pip install h5py into a venv)
"""
import sys

import h5py
import numpy as np

DIR = "io-formats/src/test/resources/org/evshard/io/hdf5/metavision/"


def cd(endian, n):
    dt = np.dtype({"names": ["x", "y", "p", "t"], "formats": [endian + "u2", endian + "u2", endian + "i2",
                                                              endian + "i8"], "offsets": [0, 2, 4, 8],
                   "itemsize": 16})
    a = np.zeros(n, dt)
    i = np.arange(n)
    a["x"], a["y"], a["p"], a["t"] = i % 640, i % 480, i % 2, 10 * i
    return dt, a


dt, written = cd(">", 3 * 1024)
with h5py.File(DIR + "cd_big_endian_unwritten_chunks.hdf5", "w", libver="earliest") as f:
    d = f.create_group("CD").create_dataset("events", shape=(10000,), dtype=dt, chunks=(1024,))
    d[: len(written)] = written
    f.attrs["geometry"] = "640x480"
with h5py.File(DIR + "cd_big_endian_unwritten_chunks.hdf5") as f:
    if f["CD/events"].id.get_num_chunks() != 3:
        sys.exit("expected 3 written chunks")

dt, events = cd("<", 3000)
tdt = np.dtype({"names": ["p", "t", "id"], "formats": ["<i2", "<i8", "<i2"], "offsets": [0, 8, 16], "itemsize": 24})
triggers = np.zeros(1024, tdt)
triggers["p"], triggers["t"] = np.arange(1024) % 2, 30 * np.arange(1024)
with h5py.File(DIR + "triggers_unwritten_chunks.hdf5", "w", libver="earliest") as f:
    f.create_group("CD").create_dataset("events", data=events, chunks=(1024,))
    d = f.create_group("EXT_TRIGGER").create_dataset("events", shape=(100000,), dtype=tdt, chunks=(1024,))
    d[:1024] = triggers
    f.attrs["geometry"] = "640x480"
with h5py.File(DIR + "triggers_unwritten_chunks.hdf5") as f:
    if f["EXT_TRIGGER/events"].id.get_num_chunks() != 1:
        sys.exit("expected 1 written trigger chunk")
print("wrote", DIR + "cd_big_endian_unwritten_chunks.hdf5", DIR + "triggers_unwritten_chunks.hdf5")
