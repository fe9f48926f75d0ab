package org.evshard.pipelines;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps Beam (and each module's upward dependencies) out of the modules that must stay Beam-free. */
class ModuleBoundariesTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.evshard");
  }

  @Test
  void onlyPipelinesUsesBeam() {
    noClasses().that().resideOutsideOfPackage("org.evshard.pipelines..")
        .should().dependOnClassesThat().resideInAPackage("org.apache.beam..")
        .because("io-formats, transforms and datasets are plain libraries; Beam belongs to pipelines")
        .check(classes);
  }

  @Test
  void ioFormatsKnowsNoCorpusTransformOrPipeline() {
    noClasses().that().resideInAPackage("org.evshard.io..")
        .should().dependOnClassesThat().resideInAnyPackage("org.evshard.transforms..", "org.evshard.datasets..",
            "org.evshard.pipelines..")
        .check(classes);
  }

  @Test
  void transformsKnowNoCorpusOrPipeline() {
    noClasses().that().resideInAPackage("org.evshard.transforms..")
        .should().dependOnClassesThat().resideInAnyPackage("org.evshard.datasets..", "org.evshard.pipelines..")
        .check(classes);
  }

  @Test
  void datasetsKnowNoTransformOrPipeline() {
    noClasses().that().resideInAPackage("org.evshard.datasets..")
        .should().dependOnClassesThat().resideInAnyPackage("org.evshard.transforms..", "org.evshard.pipelines..")
        .check(classes);
  }
}
