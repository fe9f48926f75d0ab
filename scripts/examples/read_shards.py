"""Read evshard shards with pyarrow and numpy; no evshard code needed.

    python3 read_shards.py OUT        # an `evshard convert` output folder (or one split's folder, or one shard)

prints every shard's rows and the first sample of each. Event rows come back as Tonic's structured event arrays
(x, y int16; t int64 microseconds; p bool), so Tonic's transforms apply to them directly; tensor rows (a convert
with a representation in --transform) as numpy arrays of their stored shape. Parquet and Arrow IPC shards alike;
both are read a record batch at a time (Parquet row groups, Arrow IPC batches memory-mapped), so a shard larger
than memory is fine. The schema is in docs/SHARDS.md.

Not run on evshard's build machine, which has no pyarrow; queries.sql, its DuckDB counterpart, is run by the tests.
"""
import json
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

EVENT_DTYPE = np.dtype([("x", "<i2"), ("y", "<i2"), ("t", "<i8"), ("p", "?")])


def shard_files(path):
    """The shards of an output folder as its manifest.json lists them (all splits), of one split's folder (the
    manifest in the folder above), or [path] for one shard. The manifest is written last, so a folder without one is
    a run that has not finished (or was killed): refused, rather than reading its partial files or the previous
    run's shards that evshard keeps aside in hidden folders until then."""
    path = Path(path)
    if path.is_file():
        return [path]
    for root, split in ((path, None), (path.parent, path.name)):
        manifest = root / "manifest.json"
        if manifest.is_file():
            shards = json.loads(manifest.read_text())["shards"]
            return [root / s["path"] for s in shards if split is None or s["split"] == split]
    sys.exit(f"{path} has no manifest.json (nor its parent): not a finished evshard output; "
             "`evshard verify` tells more")


def file_metadata(path):
    """The shard's evshard.* metadata as str -> str (schema version, layout, tensor dtype and shape, ...)."""
    path = Path(path)
    if path.suffix == ".parquet":
        raw = pq.ParquetFile(path).schema_arrow.metadata or {}
    else:
        with pa.memory_map(str(path)) as source:
            raw = pa.ipc.open_file(source).schema.metadata or {}
    return {k.decode(): v.decode() for k, v in raw.items() if k.startswith(b"evshard.")}


def record_batches(path, columns=None):
    """The shard's rows, a record batch at a time. `columns` restricts what a Parquet shard decodes."""
    path = Path(path)
    if path.suffix == ".parquet":
        yield from pq.ParquetFile(path).iter_batches(columns=columns)
    else:
        with pa.memory_map(str(path)) as source:
            reader = pa.ipc.open_file(source)
            for i in range(reader.num_record_batches):
                yield reader.get_batch(i)


def column(batch, name):
    """The column `name`; a KeyError when the batch has none (get_field_index's -1 would be the last column)."""
    index = batch.schema.get_field_index(name)
    if index < 0:
        raise KeyError(f"no column {name!r} in these shards (columns: {', '.join(batch.schema.names)}); "
                       "events come from an events-layout output, tensors from a convert with a representation")
    return batch.column(index)


def _list_values(array):
    """(flat values as numpy, offsets starting at 0) of a list column; correct for sliced arrays too."""
    if isinstance(array, pa.ExtensionArray):  # arrow.fixed_shape_tensor: its storage is a fixed_size_list
        array = array.storage
    values = array.flatten().to_numpy(zero_copy_only=False)
    if pa.types.is_fixed_size_list(array.type):
        size = array.type.list_size
        return values, np.arange(len(array) + 1, dtype=np.int64) * size
    offsets = array.offsets.to_numpy()
    return values, offsets - offsets[0]


def events(batch):
    """(row index, events) for every row of an events-layout batch; events is a Tonic structured array."""
    columns = {name: _list_values(column(batch, name)) for name in ("x", "y", "t", "p")}
    for i in range(batch.num_rows):
        out = np.empty(columns["t"][1][i + 1] - columns["t"][1][i], dtype=EVENT_DTYPE)
        for name, (values, offsets) in columns.items():
            out[name] = values[offsets[i]:offsets[i + 1]]
        yield i, out


def tensors(batch, dtype):
    """(row index, ndarray) for every row of a tensor-layout batch; dtype from file_metadata's tensor_dtype."""
    values, offsets = _list_values(column(batch, "tensor"))
    values = values.astype(dtype, copy=False)
    shapes = column(batch, "tensor_shape").to_pylist()
    for i in range(batch.num_rows):
        yield i, values[offsets[i]:offsets[i + 1]].reshape(shapes[i])


def main(path):
    for shard in shard_files(path):
        meta = file_metadata(shard)
        layout = meta.get("evshard.layout", "events")
        rows = 0
        first = None
        for batch in record_batches(shard):
            if first is None and batch.num_rows > 0:
                ids = column(batch, "sample_id").to_pylist()
                labels = column(batch, "label_name").to_pylist()
                if layout == "tensor":
                    _, value = next(tensors(batch, np.dtype(meta["evshard.tensor_dtype"])))
                    what = f"tensor {value.dtype} {value.shape}"
                else:
                    _, value = next(events(batch))
                    what = f"{len(value)} events, t {value['t'][:1]}..{value['t'][-1:]} us"
                first = f"{ids[0]} ({labels[0]}): {what}"
            rows += batch.num_rows
        print(f"{shard}: {rows} rows, schema {meta.get('evshard.schema_version')}, layout {layout}")
        if first:
            print(f"  first: {first}")
        if "evshard.transforms" in meta:
            print(f"  transforms: {json.loads(meta['evshard.transforms'])}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python3 read_shards.py OUT_FOLDER|SHARD")
    main(sys.argv[1])
