package org.evshard.io.tar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebDatasetNameTest {

  /**
   * Expected splits follow from webdataset's {@code base_plus_ext} regex {@code ^((?:.*\/|)[^.]+)[.]([^/]*)$}
   * (tariterators.py) applied by hand: the key ends at the basename's first dot; a basename that starts with a dot
   * or has none gives no key ({@code NONE}).
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "a.b.c|a|b.c",
      "dir/x.y/z.png|dir/x.y/z|png",
      "x/y/z.tar.gz|x/y/z|tar.gz",
      "00000/000000123.JPG|00000/000000123|JPG",
      "a.|a|''",
      "dir/.hidden|dir/|hidden",
      "noext|NONE|",
      "dir.d/noext|NONE|",
      ".hidden|NONE|",
      "a.b/c|NONE|"})
  void splitsLikeBasePlusExt(String path, String key, String ext) {
    Optional<WebDatasetName> n = WebDatasetName.parse(path);
    if (key.equals("NONE")) {
      assertEquals(Optional.empty(), n);
    } else {
      assertEquals(Optional.of(new WebDatasetName(key, ext)), n);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "__key__|webdataset_meta", // top level __x__
      "__a__/b.json|webdataset_meta", // skip_meta regex at the start
      "x/__a__/b.json|", // skip_meta is anchored at the start: kept
      "__a__.txt|", // neither rule: kept, key __a__
      "/etc/passwd.txt|absolute_path",
      "../x.jpg|parent_path",
      "a/../../x.jpg|parent_path",
      "a..b.jpg|", // dots, but no .. component
      "README|no_extension"})
  void namesSkippedLikeTarFileIterator(String name, String reason) {
    TarSkipReason r = WebDatasetName.skipReason(name);
    assertEquals(reason, r == null ? null : r.label());
  }
}
