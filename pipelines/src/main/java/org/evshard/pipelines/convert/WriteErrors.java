package org.evshard.pipelines.convert;

import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;

/** Writes every rejected input as one JSON line of {@code output/errors.jsonl} (the file exists even when empty). */
public final class WriteErrors extends PTransform<PCollection<SampleError>, PDone> {

  public static final String FILE_NAME = "errors.jsonl";

  private final String output;

  public WriteErrors(String output) {
    this.output = output;
  }

  @Override
  public PDone expand(PCollection<SampleError> errors) {
    return errors
        .apply("ToJson", MapElements.into(TypeDescriptors.strings()).via(SampleError::toJsonLine))
        .apply("WriteErrors", TextIO.write().to(output + "/errors").withSuffix(".jsonl").withoutSharding()
            .withTempDirectory(org.apache.beam.sdk.io.FileSystems.matchNewResource(
                output + "/" + ConvertSamples.TEMP_DIR, true)));
  }
}
