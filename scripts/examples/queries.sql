-- DuckDB queries over the Parquet shards of an `evshard convert` output folder.
--
--   duckdb -c "SET VARIABLE shards = 'OUT/*/part-*.parquet'" -c ".read scripts/examples/queries.sql"
--
-- (or edit the default on the first statement). Each query reads only the columns it names. Columns and types:
-- docs/SHARDS.md. Event lists: x, y SMALLINT[]; t BIGINT[] in microseconds; p BOOLEAN[] (true = ON).
-- Queries 2, 3 and 4 read the event lists, so they need an events-layout output (no representation in
-- --transform); on a tensor-layout output run 1 and 5 only (the DuckDB CLI stops at the first failing statement).
-- ConsumerQueriesTest runs this file against a converted corpus.

SET VARIABLE shards = COALESCE(getvariable('shards'), 'out/*/part-*.parquet');

-- 1. samples and events per split and class
SELECT split, label, label_name, count(*) AS samples, sum(n_events) AS events
FROM read_parquet(getvariable('shards'))
GROUP BY ALL
ORDER BY split, label;

-- 2. recording length and event rate per class (events layout)
SELECT label_name,
       count(*) AS samples,
       avg(n_events) AS mean_events,
       avg(list_max(t) - list_min(t)) / 1e6 AS mean_seconds,
       sum(n_events) / (sum(list_max(t) - list_min(t)) / 1e6) AS events_per_second
FROM read_parquet(getvariable('shards'))
WHERE n_events > 1
GROUP BY ALL
ORDER BY label_name;

-- 3. ON and OFF events per split (events layout)
SELECT split,
       sum(list_sum(CAST(p AS INTEGER[]))) AS on_events,
       sum(n_events) - sum(list_sum(CAST(p AS INTEGER[]))) AS off_events
FROM read_parquet(getvariable('shards'))
GROUP BY ALL
ORDER BY split;

-- 4. the events of one sample, one row per event (Tonic's x, y, t, p; events layout)
SELECT unnest(x) AS x, unnest(y) AS y, unnest(t) AS t, unnest(p) AS p
FROM read_parquet(getvariable('shards'))
WHERE sample_id = (SELECT min(sample_id) FROM read_parquet(getvariable('shards')))
LIMIT 10;

-- 5. what the run wrote into each file's metadata: schema version, tool version, layout, transforms
SELECT file_name, decode(key) AS key, decode(value) AS value
FROM parquet_kv_metadata(getvariable('shards'))
WHERE decode(key) LIKE 'evshard.%'
ORDER BY file_name, key;
