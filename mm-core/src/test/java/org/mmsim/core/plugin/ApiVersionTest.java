package org.mmsim.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The running API version is mm-api's module version, and Plugin-Requires is read as PF4J reads it. */
class ApiVersionTest {
    @Test
    void theRunningVersionIsMmApisModuleVersion() {
        assertEquals("0.1.0", ApiVersion.running());
    }

    @Test
    void requirementsAreCheckedAgainstIt() {
        assertEquals(Optional.empty(), ApiVersion.unmet(">=0.1.0"));
        assertEquals(Optional.empty(), ApiVersion.unmet("0.1.0"), "a bare version means at least that one");
        assertEquals(Optional.empty(), ApiVersion.unmet(" "), "blank: any");
        assertEquals(Optional.of("requires mm-api >=9.0.0 (Plugin-Requires), this mmsim runs mm-api 0.1.0"),
                ApiVersion.unmet(">=9.0.0"));
        assertEquals(Optional.of("requires mm-api >=0.2.0 (Plugin-Requires), this mmsim runs mm-api 0.1.0"),
                ApiVersion.unmet("0.2.0"));
        assertTrue(ApiVersion.unmet("<0.1.0").isPresent());
        assertTrue(ApiVersion.unmet("banana").orElseThrow().contains("is not a version constraint"));
    }
}
