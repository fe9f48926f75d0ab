package org.evshard.io.img2dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** Writes test Parquet files with parquet-mr's example Group writer, schemas spelled as pyarrow writes them. */
public final class TestParquet {

  private TestParquet() {}

  public static MessageType schema(String text) {
    return MessageTypeParser.parseMessageType(text);
  }

  public static void write(Path file, MessageType schema, List<Group> rows) throws IOException {
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema).build()) {
      for (Group g : rows) {
        w.write(g);
      }
    }
  }
}
