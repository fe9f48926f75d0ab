"""PyTorch datasets over evshard shards (needs pyarrow, numpy, torch; imports read_shards.py from this folder).

    python3 torch_dataset.py OUT train      # iterates a DataLoader over OUT/train once and prints what it got

EvshardEvents streams (events, label) pairs, with the split's shards divided between DataLoader workers, so each
shard is read by exactly one worker, a record batch at a time. Rows inside a shard are in sample_id order, which for
most corpora is class order, so the stream goes through a seeded shuffle buffer (`shuffle_buffer` rows, default
1000; 0 keeps the shard order): without one, most batches hold a single class. Events are Tonic structured arrays:
pass a Tonic transform (e.g. tonic.transforms.ToFrame(sensor_size, n_time_bins=10)) as `transform`. EvshardTensors
is a map-style dataset over a split converted with a representation (`convert --transform 'frame(n_time_bins=10)'`):
every row in memory, shuffled freely by a sampler; one numpy array when every row has the same shape, else a list
(spike_voxel, point_cloud, frames by time window), which a DataLoader batches with collate_fn=list.

Not run on evshard's build machine, which has no pyarrow or torch.
"""
import random
import sys
from pathlib import Path

import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset, IterableDataset, get_worker_info

sys.path.insert(0, str(Path(__file__).resolve().parent))
import read_shards  # noqa: E402


class EvshardEvents(IterableDataset):
    """(events, label) for every row of a split; shards are divided between the DataLoader's workers."""

    def __init__(self, folder, split, transform=None, shuffle_buffer=1000, seed=0):
        self.files = read_shards.shard_files(Path(folder) / split)
        self.transform = transform
        self.shuffle_buffer = shuffle_buffer
        self.seed = seed
        self.epoch = 0

    def set_epoch(self, epoch):
        """Another shuffle per epoch (call before iterating), as DistributedSampler.set_epoch."""
        self.epoch = epoch

    def _rows(self, files):
        for path in files:
            for batch in read_shards.record_batches(path, columns=["label", "x", "y", "t", "p"]):
                labels = read_shards.column(batch, "label").to_pylist()
                for i, events in read_shards.events(batch):
                    yield events, labels[i]

    def __iter__(self):
        worker = get_worker_info()
        wid = 0 if worker is None else worker.id
        files = self.files if worker is None else self.files[worker.id::worker.num_workers]
        rng = random.Random((self.seed * 1_000_003 + self.epoch) * 1_009 + wid)
        buffer = []
        for row in self._rows(files):
            if len(buffer) < self.shuffle_buffer:
                buffer.append(row)
                continue
            k = rng.randrange(len(buffer))
            row, buffer[k] = buffer[k], row
            yield self._item(row)
        rng.shuffle(buffer)
        for row in buffer:
            yield self._item(row)

    def _item(self, row):
        events, label = row
        return (self.transform(events) if self.transform else events), label


class EvshardTensors(Dataset):
    """The tensors of a split and their labels, held in memory: one array when all rows have one shape, else a list
    (self.fixed_shape tells which; batch a list with collate_fn=list)."""

    def __init__(self, folder, split):
        arrays, labels = [], []
        for path in read_shards.shard_files(Path(folder) / split):
            dtype = np.dtype(read_shards.file_metadata(path)["evshard.tensor_dtype"])
            for batch in read_shards.record_batches(path, columns=["label", "tensor", "tensor_shape"]):
                labels.extend(read_shards.column(batch, "label").to_pylist())
                arrays.extend(value for _, value in read_shards.tensors(batch, dtype))
        self.fixed_shape = len({a.shape for a in arrays}) <= 1
        self.x = (np.stack(arrays) if arrays else np.empty((0,))) if self.fixed_shape else arrays
        self.y = np.asarray(labels, dtype=np.int64)

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        return torch.from_numpy(self.x[i]), int(self.y[i])


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python3 torch_dataset.py OUT_FOLDER SPLIT")
    folder, split = sys.argv[1], sys.argv[2]
    if read_shards.file_metadata(read_shards.shard_files(Path(folder) / split)[0]).get("evshard.layout") == "tensor":
        dataset = EvshardTensors(folder, split)
        if dataset.fixed_shape:
            loader = DataLoader(dataset, batch_size=32, shuffle=True)
            for x, y in loader:
                print(f"batch {tuple(x.shape)} {x.dtype}, labels {y[:8].tolist()}...")
                break
        else:  # a shape per row: batch as a list (or pad to a common shape in your own collate_fn)
            loader = DataLoader(dataset, batch_size=32, shuffle=True, collate_fn=list)
            for batch in loader:
                print(f"batch of {len(batch)}: shapes {[tuple(x.shape) for x, _ in batch[:4]]}..., "
                      f"labels {[y for _, y in batch[:8]]}...")
                break
    else:
        # events differ in length: collate into a list, or give a transform that makes fixed-size frames
        loader = DataLoader(EvshardEvents(folder, split), batch_size=8, num_workers=2, collate_fn=list)
        rows = 0
        for batch in loader:
            if rows == 0:
                print(f"first batch: {[(len(e), label) for e, label in batch]} (events, label)")
            rows += len(batch)
        print(f"{rows} samples")
