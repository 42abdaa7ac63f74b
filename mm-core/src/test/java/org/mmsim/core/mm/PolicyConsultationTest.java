package org.mmsim.core.mm;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import org.junit.jupiter.api.Test;
import org.mmsim.core.testing.KernelUnsharePolicy;

/** The machine asks its policy exactly where the kernel consults the corresponding rule, and nowhere else. */
class PolicyConsultationTest {
    private final KernelUnsharePolicy policy = spy(KernelUnsharePolicy.stub());
    private final Machine m = new Machine(policy, new FlagRegistry(), Limits.DEFAULT);

    private void anon(String proc, boolean shared) {
        m.spawn(proc);
        m.mmap(proc, "b", null, shared, true, 2, 0);
    }

    @Test
    void doWpPageOnlyForWriteProtectedAnonymousPagesInPrivateMappings() {
        anon("p", false);
        m.write("p", "b", 0, "A");            // do_anonymous_page
        m.read("p", "b", 1);
        m.write("p", "b", 1, "B");            // zeropage: always copied
        m.file("f", 1, "F");
        m.mmap("p", "m", "f", false, true, 1, 0);
        m.read("p", "m", 0);
        m.write("p", "m", 0, "P");            // page-cache page: always copied
        anon("q", true);
        m.read("q", "b", 0);
        m.write("q", "b", 0, "S");            // shared: wp_page_shared
        verify(policy, never()).doWpPage(any());
        m.fork("p", "c");
        m.write("c", "b", 0, "C");
        verify(policy, times(1)).doWpPage(any());
    }

    @Test
    void pinRuleOnlyForReadOnlyPins() {
        anon("p", false);
        m.write("p", "b", 0, "A");
        m.gup("p", "b", 0, false, false, false, false, "get");
        m.gup("p", "b", 0, true, true, true, false, "rw");
        verify(policy, never()).pinReadOnly(any());
        m.gup("p", "b", 0, true, false, false, false, "ro");
        verify(policy, times(1)).pinReadOnly(any());
    }

    @Test
    void pinRuleAskedAgainAfterTheUnshareFault() {
        anon("p", false);
        m.write("p", "b", 0, "A");
        m.fork("p", "c");
        m.gup("p", "b", 0, true, false, true, true, "ro");
        verify(policy, times(2)).pinReadOnly(any());
        verify(policy, times(1)).doWpPage(any());
    }

    @Test
    void forkRuleOnlyForPresentAnonymousPagesOfPrivateMappings() {
        anon("p", false);
        m.write("p", "b", 0, "A");
        m.read("p", "b", 1);                  // zeropage
        anon("q", true);
        m.write("q", "b", 0, "S");
        m.fork("q", "d");
        verify(policy, never()).copyPresentAnonPte(any(), any());
        m.fork("p", "c");
        verify(policy, times(1)).copyPresentAnonPte(any(), any());
        m.madvise("p", "b", "pageout");       // b[0] is now shared: not paged out
        m.exit("c");
        m.madvise("p", "b", "pageout");       // now it is
        m.fork("p", "e");                     // a swap entry: no question
        verify(policy, times(1)).copyPresentAnonPte(any(), any());
    }

    @Test
    void pageOutRuleOnlyForAnonymousPagesMappedOnce() {
        anon("p", false);
        m.write("p", "b", 0, "A");
        m.read("p", "b", 1);
        m.fork("p", "c");
        m.madvise("p", "b", "pageout");
        verify(policy, never()).mayPageOut(any());
        m.exit("c");
        m.madvise("p", "b", "pageout");
        verify(policy, times(1)).mayPageOut(any());
    }

    @Test
    void mprotectRuleOnlyWhenMakingPrivateAnonymousPagesWritable() {
        anon("p", false);
        m.write("p", "b", 0, "A");
        m.read("p", "b", 1);
        m.mprotect("p", "b", false);
        verify(policy, never()).canChangePteWritable(any(), any());
        m.mprotect("p", "b", true);
        verify(policy, times(1)).canChangePteWritable(any(), any());
    }
}
