package org.evshard.pipelines.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The report counts rejections by the words of their reason, not by the sample's details. */
class CurateReportTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "not a JPEG, PNG or WebP image (first bytes 6e 6f 74) (at byte 0 of the image)|not a JPEG, PNG or WebP image",
      "row 5, column 'uid': not a hexadecimal uid: 'xyz'|row #, column 'uid'",
      "image file of 123456 bytes exceeds the limit of 4096|image file of # bytes exceeds the limit of #",
      "no image (img2dataset status failed_to_download: HTTP Error 404)|no image",
      "not valid JSON: Unexpected character (000000001.json)|not valid JSON",
      "img2dataset's metadata lists it as downloaded, but the shard 00012.tar holds no file of it"
          + "|img2dataset's metadata lists it as downloaded, but the shard #.tar holds no file of it",
      "an image of 40000x30000 pixels, more than the limit 89478485|an image of #x# pixels, more than the limit #",
      "plain reason|plain reason"})
  void reasonsCountTogetherByTheirWords(String reason, String key) {
    assertEquals(key, CurateReport.firstWords(reason));
  }
}
