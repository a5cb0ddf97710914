package io.tickhub.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Style rule 1: the core knows no framework, and imports nothing of the other modules. */
class CoreHasNoFrameworkDependenciesTest {

    private static final String[] FRAMEWORKS = {
        "org.springframework..", "io.netty..", "reactor..", "jakarta..", "io.micrometer..", "com.fasterxml..",
        "tools.jackson.."
    };

    private static JavaClasses core;

    @BeforeAll
    static void importCoreMainClasses() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tickhub.core");
    }

    @Test
    void importFindsTheCoreMainClassesAndNoTests() {
        assertThat(core.size()).isGreaterThan(10);
        assertThat(core.contain("io.tickhub.core.book.Book")).isTrue();
        assertThat(core.contain("io.tickhub.core.ingest.Sequencer")).isTrue();
        assertThat(core.stream().map(JavaClass::getName))
                .noneMatch(name -> name.endsWith("Test") || name.contains(".testing."));
    }

    @Test
    void coreDependsOnNoFramework() {
        forbidding(FRAMEWORKS).check(core);
    }

    @Test
    void coreDependsOnNoOtherTickhubModule() {
        forbidding("io.tickhub.server..", "io.tickhub.bench..").check(core);
    }

    /** Guards the two rules above against passing vacuously: the same rule does catch a dependency core has. */
    @Test
    void ruleCatchesADependencyThatExists() {
        assertThatThrownBy(() -> forbidding("com.lmax..").check(core))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("io.tickhub.core.ingest.IngestPipeline")
                .hasMessageContaining("com.lmax.disruptor");
    }

    private static ArchRule forbidding(String... packages) {
        return noClasses()
                .that().resideInAPackage("io.tickhub.core..")
                .should().dependOnClassesThat().resideInAnyPackage(packages)
                .allowEmptyShould(false)
                .because("tickhub-core is plain Java: adapters depend on it, never the reverse");
    }
}
