"""Golden pHash values for PerceptualHashTest, computed with imagehash's phash definition (imagehash 4.3.2,
imagehash/__init__.py, phash with hash_size=8, highfreq_factor=4) on 32x32 thumbnails, where PIL's resize to the
same size is a copy, so the hash depends only on the 32x32 uint8 pixels:

    dct = scipy.fftpack.dct(scipy.fftpack.dct(pixels, axis=0), axis=1)
    low = dct[:8, :8]; bits = low > numpy.median(low); hex = str(ImageHash(bits))

Pixels come from a 32-bit LCG that the Java test reproduces (state = state * 1664525 + 1013904223 mod 2^32):
  noise: p[y][x] = next() >> 24
  ramp:  p[y][x] = (x * a + y * b + (next() >> 28)) & 255, a = seed % 7 + 1, b = seed % 5 + 2
Run: python3 make_phash_golden.py > phash_golden.json   (numpy 2.4.6, scipy 1.17.1 when generated)
"""
import json

import numpy
import scipy.fftpack


def lcg(seed):
    state = seed & 0xFFFFFFFF
    while True:
        state = (state * 1664525 + 1013904223) & 0xFFFFFFFF
        yield state


def pixels(kind, seed):
    g = lcg(seed)
    p = numpy.zeros((32, 32), dtype=numpy.uint8)
    a, b = seed % 7 + 1, seed % 5 + 2
    for y in range(32):
        for x in range(32):
            v = next(g)
            p[y, x] = (v >> 24) if kind == "noise" else ((x * a + y * b + (v >> 28)) & 255)
    return p


def binary_array_to_hex(arr):  # imagehash's _binary_array_to_hex
    bit_string = "".join(str(int(b)) for b in arr.flatten())
    return "{:0>16x}".format(int(bit_string, 2))


cases = []
for kind in ("noise", "ramp"):
    for seed in range(1, 21):
        p = pixels(kind, seed)
        dct = scipy.fftpack.dct(scipy.fftpack.dct(p, axis=0), axis=1)
        low = dct[:8, :8]
        med = numpy.median(low)
        margin = float(numpy.min(numpy.abs(low - med)))
        cases.append({"kind": kind, "seed": seed, "hex": binary_array_to_hex(low > med),
                      "median": float(med), "margin": margin,
                      "low": [float(v) for v in low.flatten()]})
print(json.dumps({"generator": "make_phash_golden.py", "numpy": numpy.__version__,
                  "scipy": __import__("scipy").__version__, "cases": cases}, indent=1))
