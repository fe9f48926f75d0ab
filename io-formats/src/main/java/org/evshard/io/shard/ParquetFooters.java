package org.evshard.io.shard;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * Opens a local Parquet file for its footer without Hadoop's configuration. {@code ParquetFileReader.open(InputFile)}
 * builds default read options on a Hadoop {@code Configuration}, which parses {@code core-default.xml} on first use:
 * about 15-20 ms per file on a cold JVM, and the manifest opens every shard's footer.
 */
public final class ParquetFooters {

  private ParquetFooters() {}

  public static ParquetFileReader open(Path file) throws IOException {
    return ParquetFileReader.open(new LocalInputFile(org.evshard.io.file.RegularFile.require(file)),
        ParquetReadOptions.builder(new PlainParquetConfiguration()).build());
  }
}
