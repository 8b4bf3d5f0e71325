package io.github.metaqnn4j.pytorch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The engines stay apart: only this package speaks to DJL, and it never to Deeplearning4j or ND4J
 * (it shares the training scheme's loop and the architecture's sizes, which touch neither).
 */
class EngineBoundaryTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.github.metaqnn4j");

  @Test
  void onlyThePyTorchEngineImportsDjl() {
    noClasses()
        .that()
        .resideOutsideOfPackage("..metaqnn4j.pytorch..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("ai.djl..")
        .check(CLASSES);
  }

  @Test
  void thePyTorchEngineNeverImportsDeeplearning4j() {
    noClasses()
        .that()
        .resideInAPackage("..metaqnn4j.pytorch..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.deeplearning4j..", "org.nd4j..")
        .check(CLASSES);
  }
}
