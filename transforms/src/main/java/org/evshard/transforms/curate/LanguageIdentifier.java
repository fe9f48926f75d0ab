package org.evshard.transforms.curate;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Language identification for DataComp's caption filters inside the JVM, with Lingua 1.2.2 in place of DataComp's
 * fastText {@code lid.176} (top-1 label). It is fed exactly the text DataComp feeds fastText
 * ({@link CaptionText#languageIdInput}: LF replaced by a space) and returns an ISO 639-1 code ({@code "en"},
 * {@code "de"}, ...) or {@link #UNKNOWN} when Lingua cannot decide (no letters, or two languages tie).
 *
 * <p>Configuration (chosen by measurement on real captions, see docs/CURATION.md): the 16 {@link #LANGUAGES} most
 * common in web alt text, high-accuracy mode, models preloaded. With all 75 Lingua languages short English captions
 * such as "a dog on a beach" come out as Irish, and low-accuracy mode mislabels short captions more often; the 16-language
 * set labels them right, needs about a quarter of the memory (about 320 MB) and is about five times faster. Text in a
 * language outside the set gets the closest language of the set (or {@link #UNKNOWN}).
 *
 * <p>The detector is built once per JVM on first use ({@link #shared()}, holder idiom) and is safe to call from many
 * threads: the models are preloaded, so detection only reads them.
 */
public final class LanguageIdentifier {

  /** Returned when Lingua cannot decide. */
  public static final String UNKNOWN = "unknown";

  private static final Language[] DETECTED = {Language.ENGLISH, Language.GERMAN, Language.FRENCH, Language.SPANISH,
      Language.PORTUGUESE, Language.ITALIAN, Language.DUTCH, Language.RUSSIAN, Language.CHINESE, Language.JAPANESE,
      Language.KOREAN, Language.POLISH, Language.TURKISH, Language.VIETNAMESE, Language.INDONESIAN, Language.ARABIC};

  /** The ISO 639-1 codes {@link #identify} can return besides {@link #UNKNOWN}. */
  public static final Set<String> LANGUAGES = Arrays.stream(DETECTED)
      .map(l -> l.getIsoCode639_1().toString().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());

  private final LanguageDetector detector;

  private LanguageIdentifier(LanguageDetector detector) {
    this.detector = detector;
  }

  /** The JVM-wide identifier (built on the first call: loads about 320 MB of models, 5 to 20 seconds). */
  public static LanguageIdentifier shared() {
    return Holder.INSTANCE;
  }

  /** The ISO 639-1 code Lingua detects for the caption after DataComp's newline replacement, or {@link #UNKNOWN}. */
  public String identify(String caption) {
    Language language = detector.detectLanguageOf(CaptionText.languageIdInput(caption));
    IsoCode639_1 iso = language.getIsoCode639_1();
    return iso == IsoCode639_1.NONE ? UNKNOWN : iso.toString().toLowerCase(Locale.ROOT);
  }

  private static final class Holder {
    static final LanguageIdentifier INSTANCE =
        new LanguageIdentifier(LanguageDetectorBuilder.fromLanguages(DETECTED).withPreloadedLanguageModels().build());
  }
}
