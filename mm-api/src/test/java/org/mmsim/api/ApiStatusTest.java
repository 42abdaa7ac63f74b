package org.mmsim.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/**
 * Every public type of the SPI says what a third party may rely on, as the JUnit Platform's do
 * (apiguardian's {@code @API} is kept in class files only, so this reads the bytecode).
 */
class ApiStatusTest {
    private static final JavaClasses API_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.mmsim.api");

    @Test
    void everyPublicTypeCarriesItsStatusAndSince() {
        classes().that().arePublic().should().beAnnotatedWith(API.class).check(API_CLASSES);
        for (JavaClass c : API_CLASSES) {
            if (c.getModifiers().contains(JavaModifier.PUBLIC)) {
                API api = c.getAnnotationOfType(API.class);
                assertTrue(api.since().matches("\\d+\\.\\d+\\.\\d+"), c.getName() + " since " + api.since());
            }
        }
    }

    @Test
    void theExtensionPointsOfThisReleaseAreExperimentalAndWhatPluginsWereBuiltAgainstIsStable() {
        Set<String> experimental = new TreeSet<>();
        for (JavaClass c : API_CLASSES) {
            if (c.getModifiers().contains(JavaModifier.PUBLIC) && c.getAnnotationOfType(API.class).status()
                    == API.Status.EXPERIMENTAL) {
                experimental.add(c.getSimpleName());
            }
        }
        assertEquals(Set.of("ComparisonView", "Frame", "Handle", "Invariant", "InvariantProvider", "MachineView",
                "Mapping", "Problem", "Process", "ReportFormat", "ReportFormatProvider", "Run", "Scenario", "Step",
                "Violations"), experimental);
        assertEquals(API.Status.STABLE, API_CLASSES.get(Policy.class).getAnnotationOfType(API.class).status());
    }
}
