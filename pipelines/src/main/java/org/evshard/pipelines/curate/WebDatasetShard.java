package org.evshard.pipelines.curate;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;
import org.evshard.io.shard.ImageRow;
import org.evshard.io.tar.WebDatasetWriter;
import org.evshard.pipelines.convert.ConvertSamples;

/**
 * Writes the rows of one image shard again as a webdataset tar ({@code <shard>.tar} beside the Parquet or Arrow file):
 * per row the key {@code NNNNNNNNN} (its position in the shard), the image under its format's extension, {@code txt}
 * (caption), {@code cls} (label) when present, and {@code json} with {@code sample_id} (the DataComp uid for pools),
 * source, sizes, sha256 and the attributes: the resharded tars DataComp's and webdataset's loaders read.
 */
final class WebDatasetShard {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String output;
  private final String shard;
  private final ResourceId temp;
  private final WebDatasetWriter tar;
  private int next;

  private WebDatasetShard(String output, String shard) throws IOException {
    this.output = output;
    this.shard = shard;
    this.temp = FileSystems.matchNewResource(
        output + "/" + ConvertSamples.TEMP_DIR + "/" + UUID.randomUUID() + ".tar", false);
    this.tar = new WebDatasetWriter(Channels.newOutputStream(FileSystems.create(temp, MimeTypes.BINARY)));
  }

  /** A tar for {@code <output>/<shard>.tar}, written to a temporary file until {@link #finish}. */
  static WebDatasetShard open(String output, String shard) throws IOException {
    return new WebDatasetShard(output, shard);
  }

  /** Writes {@code rows} as the tar of {@code shard}. */
  static void write(String output, String shard, List<ImageRow> rows) throws IOException {
    WebDatasetShard tar = open(output, shard);
    for (ImageRow row : rows) {
      tar.add(row);
    }
    tar.finish();
  }

  /** Appends one row as the next sample. */
  void add(ImageRow row) throws IOException {
    Map<String, byte[]> members = new TreeMap<>();
    members.put(row.imageFormat(), row.image());
    if (row.caption() != null) {
      members.put("txt", row.caption().getBytes(StandardCharsets.UTF_8));
    }
    if (row.label() != null) {
      members.put("cls", Integer.toString(row.label()).getBytes(StandardCharsets.UTF_8));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("sample_id", row.sampleId());
    json.put("uid", row.sampleId().contains("/") ? null : row.sampleId());
    json.put("source", row.source());
    json.put("width", row.width());
    json.put("height", row.height());
    json.put("original_width", row.originalWidth());
    json.put("original_height", row.originalHeight());
    json.put("sha256", row.sha256());
    json.putAll(row.attributes());
    members.put("json", JSON.writeValueAsBytes(json));
    tar.write(String.format("%09d", next++), members);
  }

  /** Closes the tar and renames it to its final name. */
  void finish() throws IOException {
    tar.close();
    FileSystems.rename(List.of(temp), List.of(FileSystems.matchNewResource(output + "/" + shard + ".tar", false)),
        StandardMoveOptions.IGNORE_MISSING_FILES);
  }
}
