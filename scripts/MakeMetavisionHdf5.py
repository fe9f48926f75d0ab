#!/usr/bin/python3
"""Writes the Metavision-layout HDF5 test files of Hdf5EventReaderTest (io-formats/src/test/resources/
org/evshard/io/hdf5/metavision/) with h5py, independently of evshard's reader.

The layout follows Prophesee's HDF5 event file description (docs.prophesee.ai, "HDF5 Event File Format"): a root
attribute `geometry` ("WxH"), group CD with the compound dataset `events` {x <u2, y <u2, p <i2, t <i8} (16 bytes,
t at offset 8) and `indexes`, group EXT_TRIGGER with `events` {p <i2, t <i8, id <i2} (24 bytes). Metavision itself
compresses `events` with its ECF filter (id 36559), which needs Prophesee's plugin (scripts/MakeEcfFixtures.py writes
those files); these files use no filter and gzip + shuffle. Event i of every file is given by `event(i)` below; the
Java test computes the same formula.

Also `cd_big_endian.hdf5` (1,000 events, big-endian members) and `cd_unwritten_chunks.hdf5` (10,000 events in chunks
of 1,024 of which only the first 3,000 events were written): the forms evshard reads with jhdf's compound reader.

Run: /usr/bin/python3 scripts/MakeMetavisionHdf5.py   (Debian: apt-get install python3-h5py)
     (`--other-forms` writes only the last two files)
"""
import sys
from pathlib import Path

import h5py
import numpy as np

OUT = Path(__file__).resolve().parent.parent / "io-formats/src/test/resources/org/evshard/io/hdf5/metavision"
CD = np.dtype({"names": ["x", "y", "p", "t"], "formats": ["<u2", "<u2", "<i2", "<i8"], "offsets": [0, 2, 4, 8],
               "itemsize": 16})
TRIGGER = np.dtype({"names": ["p", "t", "id"], "formats": ["<i2", "<i8", "<i2"], "offsets": [0, 8, 16],
                    "itemsize": 24})
INDEX = np.dtype([("id", "<u8"), ("ts", "<i8")])


def events(n):
    i = np.arange(n, dtype=np.int64)
    e = np.zeros(n, CD)
    e["x"] = (i * 37) % 640
    e["y"] = (i * 11) % 480
    e["p"] = (i % 3 == 0).astype(np.int16)
    e["t"] = 1000 + i * 13 + i % 5
    return e


def write(name, n, **dataset_options):
    with h5py.File(OUT / name, "w", libver="earliest") as f:
        f.attrs["geometry"] = "640x480"
        f.attrs["format"] = "EVT3"
        f.attrs["generation"] = "4.2"
        cd = f.create_group("CD")
        cd.create_dataset("events", data=events(n), **dataset_options)
        idx = np.zeros(2, INDEX)
        idx["id"] = [0, n // 2]
        idx["ts"] = [0, 2000]
        cd.create_dataset("indexes", data=idx)
        trig = np.zeros(4, TRIGGER)  # the last one after every CD event
        trig["p"] = [1, 0, 1, 0]
        trig["t"] = [1500, 2500, 3500, 99_000_000]
        trig["id"] = [0, 0, 1, 1]
        f.create_group("EXT_TRIGGER").create_dataset("events", data=trig)


def write_other_forms():
    """Two forms evshard reads through jhdf's compound reader instead of the records' bytes: big-endian members, and
    chunks the file does not hold (HDF5 returns the fill value, zero, for them)."""
    big = np.dtype({"names": ["x", "y", "p", "t"], "formats": [">u2", ">u2", ">i2", ">i8"],
                    "offsets": [0, 2, 4, 8], "itemsize": 16})
    with h5py.File(OUT / "cd_big_endian.hdf5", "w", libver="earliest") as f:
        f.attrs["geometry"] = "640x480"
        f.create_group("CD").create_dataset("events", data=events(1000).astype(big))
    with h5py.File(OUT / "cd_unwritten_chunks.hdf5", "w", libver="earliest") as f:
        f.attrs["geometry"] = "640x480"
        ds = f.create_group("CD").create_dataset("events", shape=(10_000,), dtype=CD, chunks=(1024,))
        ds[0:3000] = events(3000)  # chunks 0-2 written, 3-9 never allocated


OUT.mkdir(parents=True, exist_ok=True)
if "--other-forms" not in sys.argv:
    write("cd_contiguous.hdf5", 1000)
    write("cd_chunked_gzip_shuffle.hdf5", 70_000, chunks=(4096,), compression="gzip", compression_opts=6,
          shuffle=True)
write_other_forms()
for p in sorted(OUT.iterdir()):
    print(p.name, p.stat().st_size, "bytes")
