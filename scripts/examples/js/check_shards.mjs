// Independent check of evshard shards with the JavaScript Arrow and Parquet implementations (apache-arrow, hyparquet),
// which share no code with Arrow Java, parquet-mr or DuckDB: every row's events must equal a decode of its source .bin
// written here from the format's definition, and frame tensors must be equal through both readers.
//
//   cd scripts/examples/js && npm install        (once; the versions are pinned in package.json)
//   node check_shards.mjs CORPUS ARROW_OUT PARQUET_OUT FRAMES_ARROW_OUT FRAMES_PARQUET_OUT
//
// CORPUS is an N-MNIST layout (e.g. the demo's nmnist/ folder); the four outputs are `evshard convert --dataset nmnist`
// of it with --shard-format arrow / parquet, and with --transform 'frame(n_time_bins=3)' in both formats.
// Prints OK and exits 0 when everything agrees, else lists each row that differs and exits 1.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { parquetReadObjects, asyncBufferFromFile } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';

const [corpus, arrowDir, parquetDir, framesArrow, framesParquet] = process.argv.slice(2);

function decodeBin(path) { // ATIS .bin: 5 bytes per event; y == 240 is an overflow marker adding 2^13 to later t
  const b = readFileSync(path);
  const x = [], y = [], t = [], p = [];
  let add = 0n;
  for (let i = 0; i + 5 <= b.length; i += 5) {
    const yy = b[i + 1];
    if (yy === 240) { add += 8192n; continue; }
    x.push(b[i]); y.push(yy); p.push((b[i + 2] >> 7) & 1);
    t.push(BigInt(((b[i + 2] & 0x7f) << 16) | (b[i + 3] << 8) | b[i + 4]) + add);
  }
  return { x, y, t, p };
}
function walk(dir, out = []) {
  for (const e of readdirSync(dir)) {
    const f = join(dir, e);
    if (statSync(f).isDirectory()) walk(f, out); else out.push(f);
  }
  return out;
}
const files = (d) => walk(d).filter((f) => f.endsWith(d === arrowDir || d === framesArrow ? '.arrow' : '.parquet'));
const source = new Map();
for (const f of walk(corpus).filter((f) => f.endsWith('.bin'))) source.set(f.slice(corpus.length + 1), f);

let problems = 0;
function compare(kind, row, x, y, t, p) {
  const ref = decodeBin(source.get(row.source));
  const n = ref.x.length;
  const same = n === x.length && Number(row.n_events) === n
    && ref.x.every((v, i) => v === x[i]) && ref.y.every((v, i) => v === y[i])
    && ref.t.every((v, i) => v === t[i]) && ref.p.every((v, i) => v === p[i]);
  if (!same) { problems++; console.log(`${kind} ${row.sample_id}: differs from the decode of ${row.source}`); }
}

let arrowRows = 0;
for (const f of files(arrowDir)) {
  const table = tableFromIPC(readFileSync(f));
  const col = (name) => table.getChild(name);
  for (let i = 0; i < table.numRows; i++) {
    const row = { sample_id: col('sample_id').get(i), source: col('source').get(i), n_events: col('n_events').get(i) };
    const p = [...col('p').get(i)].map((v) => (v ? 1 : 0));
    compare('arrow', row, [...col('x').get(i)], [...col('y').get(i)], [...col('t').get(i)], p);
    arrowRows++;
  }
}
let parquetRows = 0;
for (const f of files(parquetDir)) {
  const rows = await parquetReadObjects({ file: await asyncBufferFromFile(f), compressors });
  for (const r of rows) {
    compare('parquet', r, r.x, r.y, r.t, r.p.map((v) => (v ? 1 : 0)));
    parquetRows++;
  }
}
console.log(`events: ${source.size} recordings, ${arrowRows} Arrow rows, ${parquetRows} Parquet rows checked`);

// frames: the same tensors through both readers; shape product = tensor length
const tensors = new Map();
let frameRows = 0;
for (const f of files(framesArrow)) {
  const table = tableFromIPC(readFileSync(f));
  const meta = table.schema.fields.find((fl) => fl.name === 'tensor').metadata;
  for (let i = 0; i < table.numRows; i++) {
    tensors.set(table.getChild('sample_id').get(i), { values: [...table.getChild('tensor').get(i)],
      shape: [...table.getChild('tensor_shape').get(i)].map(Number), ext: meta.get('ARROW:extension:name') });
  }
}
for (const f of files(framesParquet)) {
  for (const r of await parquetReadObjects({ file: await asyncBufferFromFile(f), compressors })) {
    const a = tensors.get(r.sample_id);
    const len = r.tensor_shape.map(Number).reduce((u, v) => u * v, 1);
    const same = a && len === r.tensor.length && a.values.length === len
      && a.shape.join() === r.tensor_shape.map(Number).join() && a.values.every((v, i) => v === r.tensor[i]);
    if (!same) { problems++; console.log(`frames ${r.sample_id}: Arrow and Parquet differ`); }
    frameRows++;
  }
}
const any = tensors.values().next().value;
console.log(`frames: ${frameRows} rows equal in both, shape ${any.shape}, Arrow extension ${any.ext}`);
console.log(problems === 0 ? 'OK' : `${problems} problems`);
process.exit(problems === 0 ? 0 : 1);
