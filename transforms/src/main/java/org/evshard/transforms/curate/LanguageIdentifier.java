package org.evshard.transforms.curate;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

/**
 * Language identification for DataComp's caption filters inside the JVM, with Lingua 1.2.2 in place of DataComp's
 * fastText {@code lid.176} (top-1 label). It is fed exactly the text DataComp feeds fastText
 * ({@link CaptionText#languageIdInput}: LF replaced by a space) and returns an ISO 639-1 code ({@code "en"},
 * {@code "de"}, ...) or {@link #UNKNOWN} when Lingua cannot decide (no letters, or two languages tie).
 *
 * <p>Configuration (chosen by measurement, see docs/CURATION.md): all 75 Lingua languages, high-accuracy mode, models
 * preloaded. The detector is built once per JVM on first use ({@link #shared()}, holder idiom) and is safe to call
 * from many threads: after preloading, detection only reads the models.
 */
public final class LanguageIdentifier {

  /** Returned when Lingua cannot decide. */
  public static final String UNKNOWN = "unknown";

  private final LanguageDetector detector;

  private LanguageIdentifier(LanguageDetector detector) {
    this.detector = detector;
  }

  /** The JVM-wide identifier (built on first call: loads about a gigabyte of models, a few seconds). */
  public static LanguageIdentifier shared() {
    return Holder.INSTANCE;
  }

  /** The ISO 639-1 code Lingua detects for the caption after DataComp's newline replacement, or {@link #UNKNOWN}. */
  public String identify(String caption) {
    Language language = detector.detectLanguageOf(CaptionText.languageIdInput(caption));
    IsoCode639_1 iso = language.getIsoCode639_1();
    return iso == IsoCode639_1.NONE ? UNKNOWN : iso.toString();
  }

  private static final class Holder {
    static final LanguageIdentifier INSTANCE =
        new LanguageIdentifier(LanguageDetectorBuilder.fromAllLanguages().withPreloadedLanguageModels().build());
  }
}
