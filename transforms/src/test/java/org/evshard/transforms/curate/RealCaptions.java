package org.evshard.transforms.curate;

import java.util.List;

/**
 * Real image captions and alt texts with the language they are written in (the ground truth is the language of the
 * source, not the output of any detector). Shared by {@link LanguageIdentifierTest} and the curation bench.
 *
 * <p>Sources: DataComp pool rows ({@code fixtures/images/datacomp_sample}, English); MS-COCO human captions as listed in
 * mtanti/mtanti-phd {@code experiments/thesis/results/whereimage/_sample/mscoco/data.sql} (English); Multi30k
 * train/val first lines (English, German, French; as quoted in many repositories, e.g. torchnlp's multi30k test);
 * German alt captions from greuters/greuters.github.io {@code gwunderwelt/_posts/2023-09-11-fairtrade.md}; Spanish
 * image alt texts from web pages stored in public repositories (a prison foundation's gallery, a yoga page); Japanese
 * captions from a Japanese VLM comparison README (llava-jp); Chinese AI Challenger captions (word-segmented as
 * published) from aodiwei/ChineseImg2Cap's README; Tagalog captions from
 * tep-vila/MS-COCO-2014-Dataset-and-xmodal3600-captions-by-Google's README.
 */
public final class RealCaptions {

  /** One caption and the ISO 639-1 code of its language. */
  public record Labelled(String text, String language) {}

  public static final List<Labelled> ALL = List.of(
      // English: DataComp pool rows
      new Labelled("Customizing Windows 7 Setup Please Help Solved", "en"),
      new Labelled("Jack Strong Official Trailer 1 (2015)   Patrick Wilson Drama Thriller HD", "en"),
      new Labelled("WEN Fall Ginger Pumpkin Cleansing Conditioner ~ 16 oz ~  sealed  plus 6 oz Mist", "en"),
      new Labelled("mercedes jeep 2015 mercedes jeep 2015 mercedes g63 amg best images collections", "en"),
      // English: short COCO human captions
      new Labelled("a yellow bird sitting on a white piece of wood", "en"),
      new Labelled("a boat next to a an animal swimming in water", "en"),
      new Labelled("closeup of pieces of broccoli on a cutting board", "en"),
      new Labelled("a suitcase is open with clothes lying on it", "en"),
      new Labelled("a kid skiing on the snow bundled in winter clothes", "en"),
      new Labelled("a dog on a beach", "en"),
      // English: Multi30k
      new Labelled("Two young, White males are outside near many bushes.", "en"),
      new Labelled("Several men in hard hats are operating a giant pulley system.", "en"),
      new Labelled("A little girl climbing into a wooden playhouse.", "en"),
      // German
      new Labelled("Zwei junge weiße Männer sind im Freien in der Nähe vieler Büsche.", "de"),
      new Labelled("Mehrere Männer mit Schutzhelmen bedienen ein Antriebsradsystem.", "de"),
      new Labelled("Ein kleines Mädchen klettert in ein Spielhaus aus Holz.", "de"),
      new Labelled("Kükenzucht im Selbstinteresse der Genossenschafter", "de"),
      new Labelled("Wurmkompost - selbst hergestellter Bio-Dünger", "de"),
      // French
      new Labelled("Deux jeunes hommes blancs sont dehors près de buissons.", "fr"),
      new Labelled("Plusieurs hommes en casque font fonctionner un système de poulies géant.", "fr"),
      new Labelled("Une petite fille grimpe dans une maisonnette en bois.", "fr"),
      new Labelled("Un homme dans une chemise bleue se tient sur une échelle pour nettoyer une fenêtre.", "fr"),
      // Spanish
      new Labelled("Dos mujeres de la fundación oran junto a una mujer sentada en una banca del patio de la cárcel.",
          "es"),
      new Labelled("Detalle de manos que sostienen hojas y una Biblia durante un encuentro.", "es"),
      new Labelled("Una mujer sentada en postura de meditación con los siete chakras marcados a lo largo del eje del"
          + " cuerpo, numerados del uno en la base al siete en la coronilla.", "es"),
      new Labelled("un perro corre por la playa", "es"),
      // Japanese
      new Labelled("猫はノートパソコンの上に座っている。", "ja"),
      new Labelled("猫の隣にはノートパソコンがあります。", "ja"),
      // Chinese
      new Labelled("球场上 有 一个 右手 拿 着 球拍 的 女人 在 打网球 .", "zh"),
      new Labelled("一个 右手 拎 着 包 的 女人 走 在 房屋 外 的 道路 上", "zh"),
      // Tagalog (a language outside small language sets): COCO captions translated for Crossmodal-3600-style data
      new Labelled("Ang batang babae ay kumakain ng sorbetes.", "tl"),
      new Labelled("Isang bata ang nakaupo habang may hawak na sorbetes.", "tl"),
      new Labelled("Masayang kumakain ang bata sa parke.", "tl"));

  private RealCaptions() {}
}
