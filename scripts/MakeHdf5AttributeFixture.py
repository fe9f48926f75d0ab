#!/usr/bin/python3
"""Writes io-formats/src/test/resources/org/evshard/io/hdf5/attributes/vlen_strings_one_heap_object.h5 with h5py
(libhdf5) and a byte patch, independently of evshard: a DSEC-layout file of 1000 events whose root attribute
`camera_model` is an array of 400 variable-length strings that all refer to one 256 KiB string in the global heap
(h5py writes 400 references, the first to the big string; the patch points the other 399 at it too). Reading the
attribute materialises 400 x 256 KiB: an 8.5 MB file of this kind (3,900 references to 8 MB) ran the heap out.
Do not open the result with h5py (it materialises the attribute too).

Run: python3 scripts/MakeHdf5AttributeFixture.py   (needs h5py; e.g. pip install h5py into a venv)
"""
import struct

import h5py
import numpy as np

OUT = "io-formats/src/test/resources/org/evshard/io/hdf5/attributes/vlen_strings_one_heap_object.h5"
n, big, k = 1000, 256 << 10, 400
with h5py.File(OUT, "w", libver="earliest") as f:
    g = f.create_group("events")
    for name, dt, m in (("x", "<u2", 400), ("y", "<u2", 400), ("t", "<u4", n), ("p", "u1", 2)):
        g.create_dataset(name, data=(np.arange(n) % m).astype(dt))
    f.attrs["width"] = 640
    f.attrs["height"] = 480
    f.attrs.create("camera_model", np.array(["A" * big] + ["b"] * (k - 1), dtype=object),
                   dtype=h5py.string_dtype("utf-8"))
d = bytearray(open(OUT, "rb").read())
# each reference is 16 bytes: length (4), global heap collection address (8), object index (4)
i = d.find(struct.pack("<I", big))
while struct.unpack_from("<I", d, i + 16)[0] != 1:
    i = d.find(struct.pack("<I", big), i + 1)
reference = bytes(d[i:i + 16])
for r in range(1, k):
    d[i + 16 * r:i + 16 * r + 16] = reference
open(OUT, "wb").write(d)
print("wrote", OUT, len(d), "bytes")
