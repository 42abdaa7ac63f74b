package org.mmsim.plugins.unshare;

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

class UnsharePoliciesTest {

    @Test
    void contributesTheThreePoliciesOfTheFamily() {
        List<Policy> policies = new UnsharePolicies().policies(mock(PolicyHost.class));
        assertEquals(List.of("unshare", "unshare-cow-mapping", "fail-pin"), policies.stream().map(Policy::id).toList());
        UnsharePolicy unshare = (UnsharePolicy) policies.get(0);
        UnsharePolicy cow = (UnsharePolicy) policies.get(1);
        UnsharePolicy fail = (UnsharePolicy) policies.get(2);
        assertEquals(false, unshare.unshareCowMappings());
        assertEquals(true, cow.unshareCowMappings());
        assertEquals(false, fail.unshareCowMappings());
        assertEquals(UnsharePolicy.SharedAnonPin.UNSHARE, unshare.sharedAnonPin());
        assertEquals(UnsharePolicy.SharedAnonPin.UNSHARE, cow.sharedAnonPin());
        assertEquals(UnsharePolicy.SharedAnonPin.REFUSE, fail.sharedAnonPin());
    }

    @Test
    void summariesNameTheKernels() {
        List<Policy> policies = new UnsharePolicies().policies(mock(PolicyHost.class));
        assertTrue(policies.get(0).summary().startsWith("Linux 5.19-6.1"), policies.get(0).summary());
        assertTrue(policies.get(1).summary().startsWith("Linux 6.2"), policies.get(1).summary());
        assertTrue(policies.get(2).summary().contains("linux-mm thread"), policies.get(2).summary());
        for (Policy p : policies) {
            assertTrue(!p.summary().contains("\n"), p.id());
        }
    }

    @Test
    void providerIsAPf4jExtension() {
        assertNotNull(UnsharePolicies.class.getAnnotation(Extension.class));
    }

    @Test
    void annotationProcessorIndexedTheProvider() throws IOException {
        // Read this module's own META-INF/extensions.idx (not another module's on the test class path).
        URL classes = UnsharePolicies.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader own = new URLClassLoader(new URL[] {classes}, null);
                InputStream in = own.getResourceAsStream("META-INF/extensions.idx")) {
            assertNotNull(in, "META-INF/extensions.idx missing in " + classes);
            String index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(index.lines().anyMatch(UnsharePolicies.class.getName()::equals), index);
        }
    }
}
