package org.evshard.io.text;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.evshard.io.format.Detection;
import org.evshard.io.format.EventFormat;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;

/**
 * Events as text lines, {@code t x y p} separated by blanks or commas ({@code .txt}, {@code .csv}). The registered
 * instance reads the RPG event-camera dataset layout (t in seconds, then x, y, p); other layouts are
 * {@code new TextEventFormat(TextLayout.parse("order=xytp,unit=us"))}. Text has no magic number: recognised by
 * extension only.
 */
public final class TextEventFormat implements EventFormat {

  public static final String NAME = "text";

  private final TextLayout layout;
  private final boolean headerDecides;

  /**
   * The RPG layout ({@link TextLayout#rpg()}) for files without a header line of column names; a file with one is
   * read in the order it names (t in microseconds, or seconds when the first t has a fraction). The constructor the
   * service loader uses.
   */
  public TextEventFormat() {
    this.layout = TextLayout.rpg();
    this.headerDecides = true;
  }

  /** Always {@code layout}; a header line of column names must agree with it. */
  public TextEventFormat(TextLayout layout) {
    this.layout = Objects.requireNonNull(layout, "layout");
    this.headerDecides = false;
  }

  public TextLayout layout() {
    return layout;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> aliases() {
    return List.of("txt", "csv", "rpg-txt");
  }

  @Override
  public List<String> extensions() {
    return List.of(".txt", ".csv");
  }

  @Override
  public Detection detect(byte[] head, int length, String fileName) {
    if (fileName == null || length <= 0) {
      return Detection.NO;
    }
    String n = fileName.toLowerCase(Locale.ROOT);
    return n.endsWith(".txt") || n.endsWith(".csv") ? Detection.EXTENSION : Detection.NO;
  }

  @Override
  public EventReader open(InputStream in, String sourceName, ReadOptions options) throws IOException {
    return new TextEventReader(in, sourceName, options, layout, headerDecides);
  }
}
