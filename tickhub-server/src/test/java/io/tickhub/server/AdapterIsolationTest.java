package io.tickhub.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Adapters implement core ports and never import each other; only the wiring (config) knows them all. */
class AdapterIsolationTest {

    private final JavaClasses server = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tickhub.server");

    @Test
    void httpDoesNotDependOnProviders() {
        noClasses().that().resideInAPackage("io.tickhub.server.http..")
                .should().dependOnClassesThat().resideInAPackage("io.tickhub.server.provider..")
                .check(server);
    }

    @Test
    void providersDoNotDependOnHttpOrMetrics() {
        noClasses().that().resideInAPackage("io.tickhub.server.provider..")
                .should().dependOnClassesThat().resideInAnyPackage("io.tickhub.server.http..",
                        "io.tickhub.server.metrics..")
                .check(server);
    }
}
