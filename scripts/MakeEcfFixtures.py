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
  quarter): scattered pixels (y, x and p packed in 24 bits), rows of 64 events at scattered columns (y runs, x and p
  packed in 12 bits), rows of 100 events at consecutive columns (y runs, x masks, p runs past 127 and 255),
  timestamp runs and jumps (runs of 15, 300 and 3,681 equal timestamps, steps needing 1 to 11 nibbles up to 2^40,
  and timestamps that go back), and a chunk whose first quarter is rows and the rest scattered.
- `cd_ecf_chunk1001.hdf5`: 640x480, 3000 scattered events in chunks of 1001 events (not a multiple of 4: the packed
  layouts pad their last group).
- `chunks/cd_ecf.hdf5.<k>.ecf`: chunk k of `cd_ecf.hdf5`'s CD/events as stored (read_direct_chunk), for the
  decoder's own tests.
Event i of each file is given by a closed formula (`mixed_event`, `mixed_delta`, `small_event`, `small_delta`
below); the Java tests compute the same formula (`EcfFixtures`). What ECF gives back differs in one way: within a
chunk, a timestamp below an earlier one comes out as the largest so far (`decoded`). The script checks, with
Prophesee's own decoder as the oracle, that h5py's decode of each file through the plugin equals that, and that each
raw chunk decoded whole by Prophesee's decoder equals it too, the zero events that pad the last chunk coming out at
the chunk's last timestamp.

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
C = 4096


STEPS = [0, 0, 1, 2, 7, 14, 15, 16, 255, 4096, 70000]
JUMPS = [0, 1, 14, 15, 16, 255, 256, 4095, 65535, 1 << 20, 1 << 40]  # chunk 3, events 3996-4006
BACK = [-1, -5, 3, -20, 0, 7]  # chunk 3, events 4007-4012: timestamps that go back


def scattered(i, w, h):
    """x, y, p of event i of the scattered pattern: no two neighbours share a row or lie within 5 columns."""
    return (i * 7919) % w, (i * 523) % h, (i * 2654435761 >> 7) & 1


def rows_scattered(i, j):
    r = j // 64  # rows of 64 events (y runs past 31: a 16-bit count), columns 239 apart
    return (i * 7919) % 1280, (r * 37 + 11) % 720, r % 2 if r % 3 else (i * 2654435761 >> 7) & 1


def rows_consecutive(j):
    r, q = divmod(j, 100)  # rows of 100 events at consecutive columns, one column skipped after every 7th
    p = 1 if 100 <= j < 400 else 0 if 400 <= j < 3000 else (j // 5) % 2  # p runs past 127 and 255
    return (r * 17) % 1000 + q + q // 7, (r * 13 + 5) % 720, p


def mixed_event(i):
    """Event i of cd_ecf.hdf5 as written (Java: EcfFixtures.written, the same integer arithmetic)."""
    k, j = divmod(i, C)
    if k == 1:
        return rows_scattered(i, j)
    if k == 2 or k == 4 and j < C // 4:
        return rows_consecutive(j)
    return scattered(i, 1280, 720)


def mixed_delta(i):
    """t(i) - t(i - 1) of cd_ecf.hdf5 (t(0) = 1,000,000): chunk 3 holds runs of 15, 300 and 3,681 equal
    timestamps, every nibble count of step, and steps back; the other chunks steps from 0 to 70,000."""
    k, j = divmod(i, C)
    if k != 3:
        return STEPS[(i * i + 3 * i) % len(STEPS)]
    if j < 3996:
        return 1 if j in (15, 315) else 0
    if j < 3996 + len(JUMPS):
        return JUMPS[j - 3996]
    if j < 3996 + len(JUMPS) + len(BACK):
        return BACK[j - 3996 - len(JUMPS)]
    return (j * 7) % 30


def small_event(i):
    return scattered(i, 640, 480)


def small_delta(i):
    return STEPS[(i * i + 3 * i) % len(STEPS)]


def events(n, pixel, delta, t0):
    e = np.zeros(n, CD)
    t = t0
    for i in range(n):
        if i > 0:
            t += delta(i)
        e[i] = (*pixel(i)[:2], pixel(i)[2], t)
    return e


def decoded(e, chunk):
    """What ECF gives back: within a chunk, a timestamp below an earlier one comes out as the largest so far."""
    out = e.copy()
    for lo in range(0, len(e), chunk):
        out["t"][lo:lo + chunk] = np.maximum.accumulate(e["t"][lo:lo + chunk])
    return out


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "chunks").mkdir(exist_ok=True)
    write("cd_ecf.hdf5", events(5 * C + 1234, mixed_event, mixed_delta, 1_000_000), "1280x720", C)
    write("cd_ecf_chunk1001.hdf5", events(3000, small_event, small_delta, 5), "640x480", 1001)
    for p in sorted(OUT.rglob("*")):
        if p.is_file():
            print(p.relative_to(OUT), p.stat().st_size, "bytes")


def write(name, events, geometry, chunk):
    path = OUT / name
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
    expected = decoded(events, chunk)
    with h5py.File(path, "r") as f:
        ds = f["CD/events"]
        assert str(ECF) in ds._filters, ds._filters
        # the oracle: Prophesee's plugin decodes the file to the formula, ECF's clamping included
        assert np.array_equal(ds[:], expected), name
        for k in range((len(events) + chunk - 1) // chunk):
            mask, raw = ds.id.read_direct_chunk((k * chunk,))
            assert mask == 0
            raw_path = OUT / "chunks" / f"{name}.{k}.ecf"
            whole = chunk_decoded(raw_path if name == "cd_ecf.hdf5" else None, raw)
            lo, hi = k * chunk, min(len(events), (k + 1) * chunk)
            assert len(whole) == chunk and np.array_equal(whole[:hi - lo], expected[lo:hi])
            # HDF5 pads the last chunk with zero events, which ECF gives back at the chunk's last timestamp
            assert np.all(whole["x"][hi - lo:] == 0) and np.all(whole["t"][hi - lo:] == expected["t"][hi - 1])
        changed = int(np.count_nonzero(expected["t"] != events["t"]))
        print(name, "events", len(events), "timestamps ECF clamps", changed)


def chunk_decoded(keep, raw):
    """A raw chunk decoded whole, padding included, by the reference codec's decoder (ecf_decode_cli beside the
    plugin: reads one raw chunk, writes its 16-byte EventCD records). Kept as test resource `keep` unless None."""
    path = keep if keep is not None else OUT / "chunks" / "scratch.ecf"
    path.write_bytes(raw)
    out_path = path.with_suffix(".tmp")
    subprocess.run([DECODE_CLI, str(path), str(out_path)], check=True)
    whole = np.frombuffer(out_path.read_bytes(), CD)
    out_path.unlink()
    if keep is None:
        path.unlink()
    return whole


def big(path, n):
    """n pseudo-random events, 1280x720, as Metavision writes them (ECF, chunks of 16,384), for throughput runs."""
    rng = np.random.default_rng(7)
    e = np.zeros(n, CD)
    e["x"] = rng.integers(0, 1280, n)
    e["y"] = rng.integers(0, 720, n)
    e["p"] = rng.integers(0, 2, n)
    e["t"] = np.cumsum(rng.integers(0, 3, n)).astype(np.int64)
    with h5py.File(path, "w") as f:
        f.attrs["geometry"] = "1280x720"
        f.create_group("CD").create_dataset("events", data=e, chunks=(16384,), compression=ECF)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--big":
        big(sys.argv[2], int(sys.argv[3]))
    else:
        main()
