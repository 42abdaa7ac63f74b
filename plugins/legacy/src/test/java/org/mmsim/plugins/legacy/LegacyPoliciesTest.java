package org.mmsim.plugins.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.api.Policy;
import org.mmsim.api.PolicyHost;
import org.pf4j.Extension;

class LegacyPoliciesTest {

    @Test
    void contributesMapcountAndPageCount() {
        List<Policy> policies = new LegacyPolicies().policies(mock(PolicyHost.class));
        assertEquals(List.of("mapcount", "page-count"), policies.stream().map(Policy::id).toList());
        assertTrue(policies.get(0) instanceof MapcountPolicy);
        assertTrue(policies.get(1) instanceof PageCountPolicy);
    }

    @Test
    void providerIsAPf4jExtension() {
        assertNotNull(LegacyPolicies.class.getAnnotation(Extension.class));
    }

    @Test
    void annotationProcessorIndexedTheProvider() throws IOException {
        URL classes = LegacyPolicies.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader own = new URLClassLoader(new URL[] {classes}, null);
                InputStream in = own.getResourceAsStream("META-INF/extensions.idx")) {
            assertNotNull(in, "META-INF/extensions.idx missing in " + classes);
            String index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(index.lines().anyMatch(LegacyPolicies.class.getName()::equals), index);
        }
    }
}
