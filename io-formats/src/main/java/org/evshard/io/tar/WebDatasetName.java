package org.evshard.io.tar;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A member path split into sample key and extension as webdataset's {@code base_plus_ext} does
 * ({@code webdataset/tariterators.py}; the same regular expression, see {@code BASE_PLUS_EXT}): the key is the directory part plus
 * the basename up to its first dot, the extension everything after that dot. {@code dir/a.seg.png} gives key
 * {@code dir/a} and extension {@code seg.png}; a basename without a dot has no key. The extension is returned as
 * stored; webdataset's {@code group_by_keys} lower-cases it ({@link #lowerCaseExtension()}).
 *
 * @param key the sample key (never empty)
 * @param extension the member's extension (may be empty for {@code a.})
 */
public record WebDatasetName(String key, String extension) {

  // Python's re.match: "." does not match '\n', "$" also matches before a final '\n'; UNIX_LINES gives Java the same
  // tar_file_iterator's skip_meta default
  private static final Pattern SKIP_META = Pattern.compile("__[^/]*__($|/)", Pattern.UNIX_LINES);
  private static final Pattern BASE_PLUS_EXT = Pattern.compile("^((?:.*/|)[^.]+)[.]([^/]*)$", Pattern.UNIX_LINES);

  /** Splits {@code path}, or empty when webdataset would find no key. */
  public static Optional<WebDatasetName> parse(String path) {
    Matcher m = BASE_PLUS_EXT.matcher(path);
    if (!m.lookingAt()) {
      return Optional.empty();
    }
    return Optional.of(new WebDatasetName(m.group(1), m.group(2)));
  }

  /** The extension lower-cased, as {@code group_by_keys(lcase=True)} stores it. */
  public String lowerCaseExtension() {
    return extension.toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Why a regular file with this name is not part of any sample (absolute or {@code ..} path, webdataset metadata
   * name, no extension), or null when it is.
   */
  static TarSkipReason skipReason(String name) {
    if (name.startsWith("/")) {
      return TarSkipReason.ABSOLUTE_PATH;
    }
    for (String part : name.split("/", -1)) {
      if (part.equals("..")) {
        return TarSkipReason.PARENT_PATH;
      }
    }
    if ((!name.contains("/") && name.startsWith("__") && name.endsWith("__"))
        || SKIP_META.matcher(name).lookingAt()) {
      return TarSkipReason.WEBDATASET_META;
    }
    return parse(name).isEmpty() ? TarSkipReason.NO_EXTENSION : null;
  }
}
