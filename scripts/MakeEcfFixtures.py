#!/usr/bin/python3
"""Writes the ECF test resources of EcfDecoderTest and Hdf5EcfTest (io-formats/src/test/resources/
org/evshard/io/hdf5/ecf/) with h5py and Prophesee's HDF5 ECF filter plugin (filter 36559, the codec Metavision
compresses `CD/events` with), independently of evshard's decoder.

The plugin is not packaged by Debian. It was built from github.com/prophesee-ai/hdf5_ecf (ecf_codec.cpp at commit
51fa1bc, Apache-2.0, and the filter glue of ecf_h5filter.h / ecf_h5plugin.cpp) with Debian's libhdf5-dev:
    g++ -O2 -fPIC -shared -o plugins/libh5ecf.so ecf_codec.cpp ecf_h5plugin.cpp \
        -I. -I/usr/include/hdf5/serial -L/usr/lib/x86_64-linux-gnu/hdf5/serial -lhdf5
(ecf_codec_export.h defines ECF_CODEC_EXPORT empty), and beside it `ecf_decode_cli` (a 20-line main that decodes one raw
chunk file with ECF::Decoder and writes its records). None of it is part of evshard.

Files (Metavision layout as in MakeMetavisionHdf5.py: root attribute `geometry`, CD/events {x <u2, y <u2, p <i2,
t <i8}, 16 bytes, CD/indexes; every CD/events chunk through the ECF filter):
- `cd_ecf.hdf5`: 1280x720, 5 x 4096 + 1234 events in chunks of 4096 (the last one padded by HDF5 with zero events),
  one chunk per pattern so that the encoder picks each of its three layouts (it decides per chunk from the first
  quarter): random pixels (y, x and p packed in 24 bits), row bursts with scattered x (y runs, x and p packed in
  12 bits), row bursts with consecutive x (y runs, x masks, p runs), timestamp runs and jumps (runs of 15, 300 and
  4000 equal timestamps, steps of 0 to 14, steps needing 2 to 11 nibbles, a step of 2^40, and timestamps that go
  back, which ECF clamps to the previous one), and a chunk whose first quarter looks like rows and the rest random.
- `cd_ecf_chunk1001.hdf5`: 640x480, 3000 random events in chunks of 1001 events (not a multiple of 4: the packed
  layouts pad their last group).
- `<file>.ref.npy`: the events as h5py decodes them through the plugin, in Tonic's dtype (x <i2, y <i2, t <i8, p ?),
  the padding of the last chunk left out (h5py returns the dataset's extent).
- `chunks/<file>.<k>.ecf`: chunk k of `cd_ecf.hdf5`'s CD/events as stored (read_direct_chunk), for the decoder's own
  tests; `chunks/cd_ecf.hdf5.5.npy`: the last chunk decoded whole by Prophesee's decoder (its padding included: ECF
  turns the zero timestamps of the padding into the last one), in the same dtype. Every chunk decoded this way is
  checked against h5py's decode of its events.

Run: HDF5_PLUGIN_PATH=/tmp/ecf-ref/plugins /usr/bin/python3 scripts/MakeEcfFixtures.py
     (Debian: apt-get install python3-h5py libhdf5-dev g++)
With `--big PATH N` it writes only N pseudo-random events (1280x720, timestamps 0-2 us apart) through ECF in chunks of
16,384 events to PATH, for throughput measurements (not committed).
"""
import os
import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np

OUT = Path(__file__).resolve().parent.parent / "io-formats/src/test/resources/org/evshard/io/hdf5/ecf"
ECF = 36559
DECODE_CLI = os.path.join(os.environ.get("HDF5_PLUGIN_PATH", "/tmp/ecf-ref/plugins"), "..", "ecf_decode_cli")
CD = np.dtype({"names": ["x", "y", "p", "t"], "formats": ["<u2", "<u2", "<i2", "<i8"], "offsets": [0, 2, 4, 8],
               "itemsize": 16})
INDEX = np.dtype([("id", "<u8"), ("ts", "<i8")])
TONIC = np.dtype([("x", "<i2"), ("y", "<i2"), ("t", "<i8"), ("p", "?")])
C = 4096


def random_pixels(rng, n, w, h):
    e = np.zeros(n, CD)
    e["x"] = rng.integers(0, w, n)
    e["y"] = rng.integers(0, h, n)
    e["p"] = rng.integers(0, 2, n)
    return e


def rows(rng, n, w, h, consecutive):
    e = np.zeros(n, CD)
    i = 0
    while i < n:
        run = min(n - i, int(rng.integers(20, 120)))
        e["y"][i:i + run] = rng.integers(0, h)
        if consecutive:  # x, x+1, ... with a few gaps of 2 to 6 (gaps above 5 start a new mask word)
            steps = np.where(rng.random(run) < 0.85, 1, rng.integers(2, 7, run))
            x0 = int(rng.integers(0, w // 2))
            e["x"][i:i + run] = np.minimum(x0 + np.cumsum(steps) - steps[0], w - 1)
        else:
            e["x"][i:i + run] = rng.integers(0, w, run)
        pol = int(rng.integers(0, 2))
        e["p"][i:i + run] = pol if rng.random() < 0.7 else rng.integers(0, 2, run)
        i += run
    if consecutive:  # polarity runs beyond 127 and 255 (the 16-bit count of the p stream)
        e["p"][100:400] = 1
        e["p"][400:3000] = 0
    return e


def timestamps(rng, n, t0):
    steps = rng.choice([0, 0, 1, 2, 7, 14, 15, 16, 255, 4096, 70000], n)
    t = t0 + np.cumsum(steps)
    return t.astype(np.int64)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "chunks").mkdir(exist_ok=True)
    rng = np.random.default_rng(36559)
    w, h = 1280, 720
    parts = [random_pixels(rng, C, w, h), rows(rng, C, w, h, False), rows(rng, C, w, h, True)]
    # timestamps of the first three chunks: random steps from 0 to 70,000
    head = np.concatenate(parts)
    head["t"] = timestamps(rng, len(head), 1_000_000)
    t = int(head["t"][-1])
    # chunk 3: runs of 15, 300 and 3781 equal timestamps, then every step size, a jump of 2^40 and steps back
    jump = random_pixels(rng, C, w, h)
    tt = np.empty(C, np.int64)
    tt[:15] = t
    tt[15:315] = t + 1
    tt[315:4000 - 4] = t + 2
    k = 4000 - 4
    for step in [0, 1, 14, 15, 16, 255, 256, 4095, 65535, 1 << 20, (1 << 40)]:
        t = int(tt[k - 1]) + step
        tt[k] = t
        k += 1
    back = int(tt[k - 1])
    for d in [-1, -5, 3, -20, 0, 7]:
        back += d
        tt[k] = back
        k += 1
    while k < C:
        tt[k] = tt[k - 1] + int(rng.integers(0, 30))
        k += 1
    jump["t"] = tt
    # chunk 4: the first quarter rows (consecutive x), the rest random: the encoder picks the masked layout for all
    mixed = np.concatenate([rows(rng, C // 4, w, h, True), random_pixels(rng, C - C // 4, w, h)])
    mixed["t"] = timestamps(rng, C, int(tt[-1]))
    tail = random_pixels(rng, 1234, w, h)
    tail["t"] = timestamps(rng, 1234, int(mixed["t"][-1]))
    events = np.concatenate([head, jump, mixed, tail])
    write("cd_ecf.hdf5", events, "1280x720", C)
    small = random_pixels(rng, 3000, 640, 480)
    small["t"] = timestamps(rng, 3000, 5)
    write("cd_ecf_chunk1001.hdf5", small, "640x480", 1001)
    for p in sorted(OUT.rglob("*")):
        if p.is_file():
            print(p.relative_to(OUT), p.stat().st_size, "bytes")


def tonic(a):
    out = np.zeros(len(a), TONIC)
    out["x"] = a["x"]
    out["y"] = a["y"]
    out["t"] = a["t"]
    out["p"] = a["p"] != 0
    return out


def write(name, events, geometry, chunk):
    path = OUT / name
    padded = np.zeros(len(events), CD)  # np.concatenate drops the padding: Metavision's records are 16 bytes
    for field in CD.names:
        padded[field] = events[field]
    events = padded
    with h5py.File(path, "w", libver="earliest") as f:
        f.attrs["geometry"] = geometry
        f.attrs["format"] = "EVT3"
        f.attrs["generation"] = "4.2"
        cd = f.create_group("CD")
        cd.create_dataset("events", data=events, chunks=(chunk,), compression=ECF)
        idx = np.zeros(2, INDEX)
        idx["id"] = [0, len(events) // 2]
        idx["ts"] = [0, 2000]
        cd.create_dataset("indexes", data=idx)
    with h5py.File(path, "r") as f:
        ds = f["CD/events"]
        assert str(ECF) in ds._filters, ds._filters
        decoded = ds[:]
        np.save(OUT / (name + ".ref.npy"), tonic(decoded))
        if name == "cd_ecf.hdf5":
            for k in range((len(events) + chunk - 1) // chunk):
                mask, raw = ds.id.read_direct_chunk((k * chunk,))
                assert mask == 0
                raw_path = OUT / "chunks" / f"{name}.{k}.ecf"
                raw_path.write_bytes(raw)
                decoded_chunk = tonic(chunk_decoded(ds, k, chunk, len(events), raw_path))
                if (k + 1) * chunk > len(events):  # the padded last chunk; the others are slices of the .ref.npy
                    np.save(OUT / "chunks" / f"{name}.{k}.npy", decoded_chunk)
        changed = int(np.count_nonzero(decoded["t"] != events["t"]))
        print(name, "events", len(events), "timestamps changed by ECF", changed)


def chunk_decoded(ds, k, chunk, n, raw_path):
    """Chunk k decoded whole, padding included, by the reference codec's decoder (ecf_decode_cli.cpp beside the plugin:
    reads one raw chunk, writes its 16-byte EventCD records); checked against h5py's decode of the chunk's events."""
    out_path = raw_path.with_suffix(".tmp")
    subprocess.run([DECODE_CLI, str(raw_path), str(out_path)], check=True)
    full = np.frombuffer(out_path.read_bytes(), CD)
    out_path.unlink()
    lo = k * chunk
    hi = min(n, lo + chunk)
    assert len(full) == chunk and np.array_equal(full[:hi - lo], ds[lo:hi])
    return full


def big(path, n):
    """n pseudo-random events, 1280x720, as Metavision writes them (ECF, chunks of 16,384), for throughput runs."""
    rng = np.random.default_rng(7)
    e = random_pixels(rng, n, 1280, 720)
    e["t"] = np.cumsum(rng.integers(0, 3, n)).astype(np.int64)
    with h5py.File(path, "w") as f:
        f.attrs["geometry"] = "1280x720"
        f.create_group("CD").create_dataset("events", data=e, chunks=(16384,), compression=ECF)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--big":
        big(sys.argv[2], int(sys.argv[3]))
    else:
        main()
