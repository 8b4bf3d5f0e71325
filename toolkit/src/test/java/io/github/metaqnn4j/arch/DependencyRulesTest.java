package io.github.metaqnn4j.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arrows of ARCHITECTURE.md: dependencies point one way, and only train touches DL4J. */
class DependencyRulesTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(location -> !location.contains("-tests.jar")) // core's test helpers
          .importPackages("io.github.metaqnn4j");

  @Test
  void spaceDependsOnNothingElseOfTheToolkit() {
    noClasses()
        .that()
        .resideInAPackage("..metaqnn4j.space..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "..metaqnn4j.agent..",
            "..metaqnn4j.search..",
            "..metaqnn4j.train..",
            "..metaqnn4j.data..",
            "..metaqnn4j.store..",
            "..metaqnn4j.predict..",
            "..metaqnn4j.analysis..",
            "..metaqnn4j.notebook..")
        .check(CLASSES);
  }

  @Test
  void agentDependsOnlyOnSpace() {
    noClasses()
        .that()
        .resideInAPackage("..metaqnn4j.agent..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "..metaqnn4j.search..",
            "..metaqnn4j.train..",
            "..metaqnn4j.data..",
            "..metaqnn4j.store..",
            "..metaqnn4j.predict..",
            "..metaqnn4j.analysis..",
            "..metaqnn4j.notebook..")
        .check(CLASSES);
  }

  @Test
  void controllerDependsOnlyOnSpaceAndAgent() {
    noClasses()
        .that()
        .resideInAPackage("..metaqnn4j.controller..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "..metaqnn4j.search..",
            "..metaqnn4j.train..",
            "..metaqnn4j.data..",
            "..metaqnn4j.store..",
            "..metaqnn4j.predict..",
            "..metaqnn4j.analysis..",
            "..metaqnn4j.notebook..",
            "org.deeplearning4j..",
            "org.nd4j..")
        .check(CLASSES);
  }

  @Test
  void storeDependsOnlyOnSpaceAgentAndController() {
    noClasses()
        .that()
        .resideInAPackage("..metaqnn4j.store..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "..metaqnn4j.interop..",
            "..metaqnn4j.search..",
            "..metaqnn4j.train..",
            "..metaqnn4j.data..",
            "..metaqnn4j.analysis..",
            "..metaqnn4j.notebook..")
        .check(CLASSES);
  }

  @Test
  void interopReadsAndWritesStoresButNeverTrainsOrDisplays() {
    noClasses()
        .that()
        .resideInAPackage("..metaqnn4j.interop..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..metaqnn4j.train..", "..metaqnn4j.notebook..", "..metaqnn4j.cli..")
        .check(CLASSES);
  }

  @Test
  void predictionAndTabularBenchmarksNeverTrainOrDisplay() {
    noClasses()
        .that()
        .resideInAnyPackage("..metaqnn4j.predict..", "..metaqnn4j.tabular..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "..metaqnn4j.train..",
            "..metaqnn4j.notebook..",
            "..metaqnn4j.cli..",
            "..metaqnn4j.store..",
            "..metaqnn4j.analysis..")
        .check(CLASSES);
  }

  @Test
  void theSearchKnowsStoppingRulesOnlyByTheirInterface() {
    noClasses()
        .that()
        .resideInAPackage("..metaqnn4j.search..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..metaqnn4j.predict..", "..metaqnn4j.tabular..")
        .check(CLASSES);
  }

  @Test
  void searchNeverTouchesTrainingOrData() {
    noClasses()
        .that()
        .resideInAPackage("..metaqnn4j.search..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..metaqnn4j.train..", "..metaqnn4j.data..", "..metaqnn4j.notebook..")
        .check(CLASSES);
  }

  @Test
  void onlyTrainImportsDeeplearning4j() {
    noClasses()
        .that()
        .resideOutsideOfPackage("..metaqnn4j.train..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.deeplearning4j..", "org.nd4j..")
        .allowEmptyShould(true)
        .check(CLASSES);
  }

  @Test
  void onlyNotebookSpeaksToTheKernel() {
    noClasses()
        .that()
        .resideOutsideOfPackage("..metaqnn4j.notebook..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.dflib.jjava..", "..metaqnn4j.notebook..")
        .check(CLASSES);
  }

  /**
   * What {@code metaqnn4j-toolkit} brings (this module's test class path is its run-time path plus
   * JUnit and ArchUnit): no logging binding, one commons-math3, a commons-compress without the 2024
   * CVEs (CVE-2024-25710, CVE-2024-26308: fixed in 1.26.0).
   */
  @Test
  void theToolkitShipsNoLoggingBindingAndCurrentLibraries() {
    List<String> jars =
        Arrays.stream(System.getProperty("surefire.test.class.path", "").split(File.pathSeparator))
            .map(e -> Path.of(e).getFileName().toString())
            .filter(n -> n.endsWith(".jar"))
            .toList();
    assertTrue(jars.stream().noneMatch(n -> n.startsWith("slf4j-simple")), jars.toString());
    assertEquals(
        List.of("commons-math3-3.6.1.jar"),
        jars.stream().filter(n -> n.startsWith("commons-math3")).toList());
    String compress =
        jars.stream().filter(n -> n.startsWith("commons-compress-")).findFirst().orElseThrow();
    String[] v = compress.replace("commons-compress-", "").replace(".jar", "").split("\\.");
    assertTrue(Integer.parseInt(v[0]) > 1 || Integer.parseInt(v[1]) >= 26, "too old: " + compress);
    // the PyTorch engine is an option (metaqnn4j-pytorch, 111 MB of native code): never brought
    assertTrue(
        jars.stream().noneMatch(n -> n.startsWith("metaqnn4j-pytorch") || n.startsWith("pytorch-")),
        jars.toString());
  }
}
