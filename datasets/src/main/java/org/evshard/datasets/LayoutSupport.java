package org.evshard.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/** Layout rules shared by the descriptors: what looks like a recording, archives, and the final sort. */
final class LayoutSupport {

  /** Folder some archivers (macOS Finder) add beside the content. */
  static final String MAC_RESOURCE_FOLDER = "__MACOSX";

  private LayoutSupport() {}

  /** A folder found in an archive, with what else the archive holds around it. */
  record Found(TreeNode node, Location location, List<String> ignored) {}

  /** Hidden names ({@code .DS_Store}, AppleDouble {@code ._x.bin}) are never samples. */
  static boolean isHidden(String name) {
    return name.startsWith(".");
  }

  /** A name a recording of the ATIS datasets has: {@code *.bin}, not hidden. File or directory alike. */
  static boolean isRecordingName(String name) {
    return !isHidden(name) && name.length() > 4 && name.toLowerCase(Locale.ROOT).endsWith(".bin");
  }

  /** A non-hidden name ending with {@code extension} (lower-case, with the dot), ignoring case, with a stem. */
  static boolean hasExtension(String name, String extension) {
    return !isHidden(name) && name.length() > extension.length()
        && name.toLowerCase(Locale.ROOT).endsWith(extension);
  }

  /** {@code 00012.bin} gives {@code 00012}. */
  static String stem(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  static void requireDirectory(String dataset, Path root, String layout) {
    if (!Files.isDirectory(root)) {
      throw new DatasetLayoutException(dataset, root,
          Files.exists(root) ? "is not a directory" : "does not exist", layout);
    }
  }

  /**
   * Opens {@code zip} with names in UTF-8; when a name without the UTF-8 flag is not valid UTF-8, as the zip format's
   * own default CP437 names written by Windows Explorer and older tools are ({@code café} as {@code caf\x82}), with
   * those names read as CP437 (names flagged UTF-8 stay UTF-8). Discovery and reading both open through here, so
   * they name the members alike.
   */
  static ZipFile openZip(Path zip) throws IOException {
    try {
      return new ZipFile(zip.toFile());
    } catch (ZipException e) {
      try {
        return new ZipFile(zip.toFile(), java.nio.charset.Charset.forName("IBM437"));
      } catch (ZipException stillBroken) {
        throw new IOException(zip + ": not a readable zip archive (" + e.getMessage() + ")", e);
      }
    }
  }

  /**
   * Finds directory {@code folder} at the top of an archive or under one top folder. Everything else the archive
   * holds at those levels is reported as ignored. Returns null when the folder is in neither place.
   */
  static Found locate(TreeNode zipRoot, String folder, String archive) {
    Location top = Location.inArchive(archive, "");
    TreeNode direct = zipRoot.child(folder);
    if (direct != null && direct.isDirectory()) {
      return new Found(direct, top.child(folder), ignoredExcept(zipRoot, top, direct));
    }
    for (TreeNode wrapper : zipRoot.children()) {
      TreeNode inner = wrapper.child(folder);
      if (wrapper.isDirectory() && !wrapper.name().equals(MAC_RESOURCE_FOLDER) && inner != null
          && inner.isDirectory()) {
        List<String> ignored = ignoredExcept(zipRoot, top, wrapper);
        ignored.addAll(ignoredExcept(wrapper, top.child(wrapper.name()), inner));
        return new Found(inner, top.child(wrapper.name()).child(folder), ignored);
      }
    }
    return null;
  }

  private static List<String> ignoredExcept(TreeNode parent, Location where, TreeNode kept) {
    List<String> ignored = new ArrayList<>();
    for (TreeNode child : parent.children()) {
      if (child != kept) {
        ignored.add(where.ignored(child));
      }
    }
    return ignored;
  }

  /**
   * Sorts by sample id, rejects two recordings with one id, keeps the first {@code maxSamples} (0 = all), sorts the
   * ignored paths.
   */
  static Discovery finish(String dataset, Path root, String layout, List<SampleRef> samples, List<String> ignored,
      Map<String, Object> parameters, int maxSamples) {
    return finish(dataset, root, layout, samples, ignored, parameters, maxSamples, List.of());
  }

  /**
   * Sorts the samples by id and caps them at {@code maxSamples} (0: no cap). Recordings that would share one sample
   * id are all rejected (which one was meant cannot be told), next to the inputs the descriptor rejected itself.
   */
  static Discovery finish(String dataset, Path root, String layout, List<SampleRef> samples, List<String> ignored,
      Map<String, Object> parameters, int maxSamples, List<RejectedInput> rejectedByDescriptor) {
    List<SampleRef> sorted = new ArrayList<>(samples);
    sorted.sort(Comparator.comparing(SampleRef::sampleId));
    List<RejectedInput> rejected = new ArrayList<>(rejectedByDescriptor);
    List<SampleRef> unique = new ArrayList<>(sorted.size());
    for (int i = 0; i < sorted.size(); ) {
      int j = i + 1;
      while (j < sorted.size() && sorted.get(j).sampleId().equals(sorted.get(i).sampleId())) {
        j++;
      }
      if (j - i == 1) {
        unique.add(sorted.get(i));
      } else {
        List<String> sources = sorted.subList(i, j).stream().map(SampleRef::source).sorted().toList();
        List<String> distinct = sources.stream().distinct().toList();
        String reason = distinct.size() == 1
            ? (j - i) + " members of one archive are named " + distinct.get(0) + " (which one is the recording "
                + "cannot be told): keep one of them"
            : (j - i) + " recordings would share sample id " + sorted.get(i).sampleId() + " ("
                + String.join(", ", distinct) + "): keep one of them";
        for (String source : sources) { // one rejection per input, so that inputs = written + rejected
          rejected.add(new RejectedInput(sorted.get(i).sampleId(), source, reason));
        }
      }
      i = j;
    }
    if (maxSamples > 0 && unique.size() > maxSamples) {
      unique = unique.subList(0, maxSamples);
    }
    List<String> sortedIgnored = new ArrayList<>(ignored);
    sortedIgnored.sort(Comparator.naturalOrder());
    return new Discovery(unique, sortedIgnored, parameters, rejected);
  }
}
