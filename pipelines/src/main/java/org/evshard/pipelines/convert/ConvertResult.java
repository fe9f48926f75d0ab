package org.evshard.pipelines.convert;

import java.nio.file.Path;

/** What a conversion run produced, for the command line to report. */
public record ConvertResult(Path output, Path manifest, long discovered, long written, long rejected, int shards,
    double seconds) {}
