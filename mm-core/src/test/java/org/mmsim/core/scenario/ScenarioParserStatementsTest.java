package org.mmsim.core.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsim.core.scenario.ParserTestSupport.errors;
import static org.mmsim.core.scenario.ParserTestSupport.lastOp;
import static org.mmsim.core.scenario.ParserTestSupport.ok;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every statement and option form parses into the expected {@link Op}. */
class ScenarioParserStatementsTest {
    private static final String P = "spawn p\n";
    private static final String PB = "spawn p\nmmap p b anon private pages=4\n";
    private static final String FILE3 = "file f pages=3\nspawn p\n";

    @Test
    void spawn() {
        assertEquals(new Op.Spawn("p"), lastOp("spawn p"));
        assertEquals(new Op.Spawn("_A-9_x"), lastOp("spawn _A-9_x"));
    }

    @Test
    void fileDeclarations() {
        assertEquals(new Op.FileDecl("f", 3, "0"), lastOp("file f pages=3"));
        assertEquals(new Op.FileDecl("f", 2, "F0"), lastOp("file f pages=2 fill=F0"));
        assertEquals(new Op.FileDecl("f", 2, "F0"), lastOp("file f fill=F0 pages=2"));
        assertEquals(new Op.FileDecl("f", 1, "hello world"), lastOp("file f pages=1 fill=\"hello world\""));
        assertEquals(new Op.FileDecl("f", 1 << 24, "0"), lastOp("file f pages=16777216"));
        assertEquals(new Op.FileDecl("f", 7, "0"), lastOp("file f pages=007"));
    }

    @Test
    void anonymousMappings() {
        assertEquals(new Op.Mmap("p", "b", null, false, true, 1, 0), lastOp(P + "mmap p b anon private"));
        assertEquals(new Op.Mmap("p", "b", null, true, true, 1, 0), lastOp(P + "mmap p b anon shared"));
        assertEquals(new Op.Mmap("p", "b", null, false, false, 1, 0), lastOp(P + "mmap p b anon private ro"));
        assertEquals(new Op.Mmap("p", "b", null, false, true, 3, 0), lastOp(P + "mmap p b anon private rw pages=3"));
        assertEquals(new Op.Mmap("p", "b", null, true, false, 5, 0), lastOp(P + "mmap p b anon shared pages=5 ro"));
        Op.Mmap m = (Op.Mmap) lastOp(P + "mmap p b anon private");
        assertTrue(m.anonymous());
    }

    @Test
    void mappingsLargerThanTheAddressSpaceAreNotParseErrors() {
        long twoTo35 = 1L << 35;
        assertEquals(twoTo35 + 1, ((Op.Mmap) lastOp(P + "mmap p b anon private pages=" + (twoTo35 + 1))).pages());
        assertEquals(1L << 40, ((Op.Mmap) lastOp(P + "mmap p b anon private pages=" + (1L << 40))).pages());
    }

    @Test
    void fileMappings() {
        assertEquals(new Op.Mmap("p", "m", "f", false, true, 3, 0), lastOp(FILE3 + "mmap p m file=f private"));
        assertEquals(new Op.Mmap("p", "m", "f", true, true, 2, 1), lastOp(FILE3 + "mmap p m file=f shared offset=1"));
        assertEquals(new Op.Mmap("p", "m", "f", false, false, 1, 2),
                lastOp(FILE3 + "mmap p m file=f private pages=1 offset=2 ro"));
        assertEquals(new Op.Mmap("p", "m", "f", true, false, 2, 0),
                lastOp(FILE3 + "mmap p m file=f shared ro pages=2 offset=0"));
        assertEquals(new Op.Mmap("p", "m", "f", false, true, 3, 0),
                lastOp(FILE3 + "mmap p m file=f private offset=0 rw pages=3"));
        assertFalse(((Op.Mmap) lastOp(FILE3 + "mmap p m file=f private")).anonymous());
    }

    @Test
    void pageAccesses() {
        assertEquals(new Op.Write("p", "b", 3, "v1.2:3+4-5_x"), lastOp(PB + "write p b[3] v1.2:3+4-5_x"));
        assertEquals(new Op.Write("p", "b", 0, "a \"q\" # \\ end"), lastOp(PB + "write p b[0] \"a \\\"q\\\" # \\\\ end\""));
        assertEquals(new Op.Write("p", "b", 0, "é ü 漢字"), lastOp(PB + "write p b[0] \"é ü 漢字\""));
        assertEquals(new Op.Read("p", "b", 2), lastOp(PB + "read p b[2]"));
        assertEquals(new Op.Fwrite("f", 2, "X"), lastOp(FILE3 + "fwrite f[2] X"));
    }

    @Test
    void aRegionNeverMappedIsLeftToRunTime() {
        assertEquals(new Op.Read("p", "nosuch", 99), lastOp(P + "read p nosuch[99]"));
        assertEquals(new Op.Mprotect("p", "nosuch", null, true), lastOp(P + "mprotect p nosuch rw"));
    }

    @Test
    void processes() {
        assertEquals(new Op.Fork("p", "c"), lastOp(P + "fork p c"));
        assertEquals(new Op.Exit("p"), lastOp(P + "exit p"));
        // exit does not remove the name: later statements are run-time failures, not parse errors
        assertEquals(new Op.Read("p", "b", 0), lastOp(PB + "exit p\nread p b[0]"));
    }

    @Test
    void munmap() {
        Op.Munmap whole = (Op.Munmap) lastOp(PB + "munmap p b");
        assertEquals(new Op.Munmap("p", "b", null), whole);
        assertTrue(whole.range() == null);
        Op.Munmap one = (Op.Munmap) lastOp(PB + "munmap p b[3]");
        assertEquals(new Op.Munmap("p", "b", Op.Range.of(3)), one);
        assertFalse(one.range() == null);
    }

    @Test
    void mprotectAndMadvise() {
        assertEquals(new Op.Mprotect("p", "b", null, false), lastOp(PB + "mprotect p b ro"));
        assertEquals(new Op.Mprotect("p", "b", null, true), lastOp(PB + "mprotect p b rw"));
        assertEquals(new Op.Madvise("p", "b", null, Op.Advice.DONTNEED), lastOp(PB + "madvise p b dontneed"));
        assertEquals(new Op.Madvise("p", "b", null, Op.Advice.PAGEOUT), lastOp(PB + "madvise p b pageout"));
        assertEquals(new Op.Madvise("p", "b", null, Op.Advice.DONTFORK), lastOp(PB + "madvise p b dontfork"));
        assertEquals(new Op.Madvise("p", "b", null, Op.Advice.DOFORK), lastOp(PB + "madvise p b dofork"));
    }

    @Test
    void pageRanges() {
        assertEquals(new Op.Munmap("p", "b", new Op.Range(1, 3)), lastOp(PB + "munmap p b[1..3]"));
        assertEquals(new Op.Munmap("p", "b", Op.Range.of(2)), lastOp(PB + "munmap p b[2..2]"));
        assertEquals(new Op.Munmap("p", "b", new Op.Range(0, 3)), lastOp(PB + "munmap p b[0..3]"));
        assertEquals(new Op.Mprotect("p", "b", Op.Range.of(3), false), lastOp(PB + "mprotect p b[3] ro"));
        assertEquals(new Op.Mprotect("p", "b", new Op.Range(0, 1), true), lastOp(PB + "mprotect p b[0..1] rw"));
        assertEquals(new Op.Madvise("p", "b", Op.Range.of(0), Op.Advice.DONTNEED), lastOp(PB + "madvise p b[0] dontneed"));
        assertEquals(new Op.Madvise("p", "b", new Op.Range(2, 3), Op.Advice.PAGEOUT),
                lastOp(PB + "madvise p b[2..3] pageout"));
        assertEquals(new Op.Madvise("p", "b", new Op.Range(1, 2), Op.Advice.DOFORK), lastOp(PB + "madvise p b[1..2] dofork"));
        // a range in a region the parser does not know is left to run time, as a page is
        assertEquals(new Op.Munmap("p", "nosuch", new Op.Range(5, 99)), lastOp(P + "munmap p nosuch[5..99]"));
        // ranges of a region of 2^40 pages, and leading zeros
        assertEquals(new Op.Munmap("p", "b", new Op.Range(7, (1L << 40) - 1)),
                lastOp(P + "mmap p b anon private pages=1099511627776\nmunmap p b[007..1099511627775]"));
    }

    @Test
    void hugePageAdvice() {
        assertEquals(new Op.Madvise("p", "b", null, Op.Advice.HUGEPAGE), lastOp(PB + "madvise p b hugepage"));
        assertEquals(new Op.Madvise("p", "b", Op.Range.of(1), Op.Advice.NOHUGEPAGE),
                lastOp(PB + "madvise p b[1] nohugepage"));
        assertEquals(new Op.Madvise("p", "b", new Op.Range(0, 3), Op.Advice.COLLAPSE),
                lastOp(PB + "madvise p b[0..3] collapse"));
    }

    @Test
    void thpSettings() {
        String[] sizes = {"16K", "32K", "64K", "128K", "256K", "512K", "1M", "2M"};
        for (int k = 0; k < sizes.length; k++) {
            assertEquals(new Op.Thp(4L << k, Op.ThpMode.ALWAYS), lastOp("thp " + sizes[k] + " always"));
        }
        assertEquals(new Op.Thp(16, Op.ThpMode.MADVISE), lastOp("thp 64K madvise"));
        assertEquals(new Op.Thp(512, Op.ThpMode.NEVER), lastOp("thp 2M never"));
    }

    @Test
    void mremap() {
        assertEquals(new Op.Mremap("p", "b", new Op.Range(1, 2), "m"), lastOp(PB + "mremap p b[1..2] as m"));
        assertEquals(new Op.Mremap("p", "b", Op.Range.of(3), "m"), lastOp(PB + "mremap p b[3] as m"));
        assertEquals(new Op.Mremap("p", "b", null, "m"), lastOp(PB + "mremap p b as m"));
        // the new region has the pages moved: its indexes are checked against that size
        assertEquals(new Op.Read("p", "m", 1), lastOp(PB + "mremap p b[1..2] as m\nread p m[1]"));
        assertEquals(new Op.Read("p", "m", 3), lastOp(PB + "mremap p b as m\nread p m[3]"));
        // the source keeps its size and its other pages: moving them all lets its name be mapped again
        assertEquals(new Op.Read("p", "b", 3), lastOp(PB + "mremap p b[1..2] as m\nread p b[3]"));
        assertEquals(new Op.Mmap("p", "b", null, false, true, 1, 0),
                lastOp(PB + "mremap p b[0..1] as m\nmremap p b[2..3] as n\nmmap p b anon private"));
        // ... and unmapping the moved pages lets the target's name be used again
        assertEquals(new Op.Mremap("p", "b", Op.Range.of(0), "m"),
                lastOp(PB + "mremap p b[1..2] as m\nmunmap p m\nmremap p b[0] as m"));
        // a region p does not have moves nothing: the target stays unknown to the parser
        assertEquals(new Op.Read("p", "m", 99), lastOp(P + "mremap p nosuch[0..3] as m\nread p m[99]"));
    }

    @Test
    void foliosAndSamePages() {
        assertEquals(new Op.Folio("p", "b", 3), lastOp(PB + "folio p b[3]"));
        assertEquals(new Op.Same("p", "b", 0, "c", "b", 3), lastOp(PB + "fork p c\nsame p b[0] c b[3]"));
        assertEquals(new Op.Same("p", "b", 1, "p", "m", 0),
                lastOp(PB + "mmap p m anon shared\nsame p b[1] p m[0]"));
    }

    @Test
    void hugetlbPools() {
        assertEquals(new Op.HugetlbPool(512, 4), lastOp("hugetlb 2M pages=4"));
        assertEquals(new Op.HugetlbPool(262_144, 1), lastOp("hugetlb 1G pages=1"));
        assertEquals(new Op.HugetlbPool(512, 0), lastOp("hugetlb 2M pages=0")); // shrinks the pool
    }

    @Test
    void hugetlbMappings() {
        assertEquals(new Op.Mmap("p", "h", null, false, true, 512, 0, 512),
                lastOp(P + "mmap p h hugetlb private pages=512"));
        assertEquals(new Op.Mmap("p", "h", null, true, false, 1024, 0, 512),
                lastOp(P + "mmap p h hugetlb shared ro pages=1024 size=2M"));
        assertEquals(new Op.Mmap("p", "h", null, false, true, 262_144, 0, 262_144),
                lastOp(P + "mmap p h hugetlb private size=1G rw pages=262144"));
        Op.Mmap m = (Op.Mmap) lastOp(P + "mmap p h hugetlb shared pages=512");
        assertTrue(m.hugetlb());
        assertTrue(m.anonymous());
        assertFalse(((Op.Mmap) lastOp(P + "mmap p b anon private")).hugetlb());
        // page indexes stay 4 KiB-granular
        assertEquals(new Op.Read("p", "h", 1023), lastOp(P + "mmap p h hugetlb private pages=1024\nread p h[1023]"));
        // a range that is not huge-page aligned is a run-time fail (EINVAL), not a parse error
        assertEquals(new Op.Munmap("p", "h", new Op.Range(1, 2)),
                lastOp(P + "mmap p h hugetlb private pages=512\nmunmap p h[1..2]"));
    }

    @Test
    void pins() {
        assertEquals(new Op.Gup("p", "b", 1, true, false, false, false, "h"), lastOp(PB + "pin p b[1] ro as h"));
        assertEquals(new Op.Gup("p", "b", 1, true, true, false, false, "h"), lastOp(PB + "pin p b[1] rw as h"));
        assertEquals(new Op.Gup("p", "b", 0, true, true, true, false, "h"), lastOp(PB + "pin p b[0] rw longterm as h"));
        assertEquals(new Op.Gup("p", "b", 0, true, false, false, true, "h"), lastOp(PB + "pin p b[0] ro fast as h"));
        assertEquals(new Op.Gup("p", "b", 0, true, false, true, true, "h"),
                lastOp(PB + "pin p b[0] ro longterm fast as h"));
        // options in any order
        assertEquals(new Op.Gup("p", "b", 0, true, true, true, true, "h"),
                lastOp(PB + "pin p b[0] fast longterm rw as h"));
        assertEquals(new Op.Gup("p", "b", 0, true, false, true, false, "h"),
                lastOp(PB + "pin p b[0] longterm ro as h"));
    }

    @Test
    void getVmspliceIouring() {
        assertEquals(new Op.Gup("p", "b", 2, false, false, false, false, "g"), lastOp(PB + "get p b[2] ro as g"));
        assertEquals(new Op.Gup("p", "b", 2, false, true, false, false, "g"), lastOp(PB + "get p b[2] rw as g"));
        assertEquals(new Op.Gup("p", "b", 0, false, false, false, false, "pipe"),
                lastOp(PB + "vmsplice p b[0] as pipe"));
        assertEquals(new Op.Gup("p", "b", 0, true, true, true, false, "ring"), lastOp(PB + "iouring p b[0] as ring"));
    }

    @Test
    void handles() {
        String h = PB + "iouring p b[0] as h\n";
        assertEquals(new Op.Peek("h"), lastOp(h + "peek h"));
        assertEquals(new Op.Poke("h", "D"), lastOp(h + "poke h D"));
        assertEquals(new Op.Poke("h", "x y"), lastOp(h + "poke h \"x y\""));
        assertEquals(new Op.Release("h"), lastOp(h + "release h"));
        // a released handle: releasing, peeking again is a run-time failure, not a parse error
        assertEquals(new Op.Peek("h"), lastOp(h + "release h\nrelease h\npeek h"));
        // and its name may be used again
        assertEquals(new Op.Gup("p", "b", 1, false, false, false, false, "h"),
                lastOp(h + "release h\nvmsplice p b[1] as h"));
    }

    @Test
    void aHandleOutlivesItsProcess() {
        assertEquals(new Op.Peek("h"), lastOp(PB + "vmsplice p b[0] as h\nexit p\npeek h"));
    }

    @Test
    void expectClauses() {
        List<Statement> st = ok(PB + "read p b[0] expect A\n"
                + "write p b[0] X expect segv\n"
                + "read p b[1] expect \"x \\\"y\\\"\"\n"
                + "vmsplice p b[0] as h expect ok\n"
                + "peek h expect fail # comment\n"
                + "read p b[2]\n"
                + "write p b[0] expect\n"
                + "write p b[0] expect expect ok\n").statements();
        assertEquals("A", st.get(2).expect());
        assertEquals("segv", st.get(3).expect());
        assertEquals("x \"y\"", st.get(4).expect());
        assertEquals("ok", st.get(5).expect());
        assertEquals("fail", st.get(6).expect());
        assertNull(st.get(7).expect());
        // "expect" is a bare value like any other
        assertNull(st.get(8).expect());
        assertEquals(new Op.Write("p", "b", 0, "expect"), st.get(8).op());
        assertEquals("ok", st.get(9).expect());
        assertEquals(new Op.Write("p", "b", 0, "expect"), st.get(9).op());
    }

    @Test
    void statementTextAndLines() {
        List<Statement> st = ok("# a comment\n"
                + "\n"
                + "spawn\tp   # trailing comment\n"
                + "  mmap   p b  anon\tprivate pages=2   \n"
                + "write p b[0]   \"a  b\"   expect   ok\n"
                + "file   f pages=1 fill=\"hello  world\"   # quoted fill\n"
                + "write p b[1] \"a \\\"q\\\" \\\\\" expect ok\n"
                + "write p b[1] a#b\n").statements();
        assertEquals(6, st.size());
        assertEquals(3, st.get(0).line());
        assertEquals("spawn p", st.get(0).text());
        assertEquals(4, st.get(1).line());
        assertEquals("mmap p b anon private pages=2", st.get(1).text());
        assertEquals("write p b[0] \"a  b\"", st.get(2).text());
        assertEquals("ok", st.get(2).expect());
        assertEquals("file f pages=1 fill=\"hello  world\"", st.get(3).text());
        assertEquals("write p b[1] \"a \\\"q\\\" \\\\\"", st.get(4).text());
        assertEquals(new Op.Write("p", "b", 1, "a \"q\" \\"), st.get(4).op());
        // '#' outside quotes starts a comment, even inside a word
        assertEquals("write p b[1] a", st.get(5).text());
        assertEquals(new Op.Write("p", "b", 1, "a"), st.get(5).op());
    }

    @Test
    void regionsAfterUnmapAndFork() {
        // re-mapping after unmapping the whole region, or every page of it
        assertEquals(new Op.Mmap("p", "b", null, false, true, 2, 0),
                lastOp(PB + "munmap p b\nmmap p b anon private pages=2"));
        assertEquals(new Op.Mmap("p", "b", null, false, true, 1, 0),
                lastOp(P + "mmap p b anon private pages=2\nmunmap p b[1]\nmunmap p b[0]\nmunmap p b[1]\n"
                        + "mmap p b anon private"));
        // the new size is the one checked
        assertEquals(new Op.Read("p", "b", 7),
                lastOp(P + "mmap p b anon private\nmunmap p b\nmmap p b anon private pages=8\nread p b[7]"));
        // the child inherits the parent's regions at fork; the parent's later unmap is its own
        assertEquals(new Op.Mmap("p", "b", null, false, true, 1, 0),
                lastOp(PB + "fork p c\nmunmap p b\nmmap p b anon private"));
        assertEquals(new Op.Mmap("c", "b", null, false, true, 1, 0),
                lastOp(PB + "fork p c\nmunmap c b\nmmap c b anon private"));
        // a MADV_DONTFORK region is not inherited: the child may map the name anew
        assertEquals(new Op.Read("c", "b", 8),
                lastOp(PB + "madvise p b dontfork\nfork p c\nmmap c b anon private pages=9\nread c b[8]"));
        // ... and its page indexes are not checked in the child (a run-time segv there)
        assertEquals(new Op.Read("c", "b", 99), lastOp(PB + "madvise p b dontfork\nfork p c\nread c b[99]"));
        assertEquals(new Op.Read("c", "b", 3),
                lastOp(PB + "madvise p b dontfork\nmadvise p b dofork\nfork p c\nread c b[3]"));
        // grandchildren inherit what the child inherited
        assertEquals(new Op.Read("g", "b", 3), lastOp(PB + "fork p c\nfork c g\nread g b[3]"));
    }

    @Test
    void regionsAfterRangesAndFork() {
        // unmapping every page, in ranges, lets the name be mapped again
        assertEquals(new Op.Mmap("p", "b", null, false, true, 1, 0),
                lastOp(PB + "munmap p b[0..1]\nmunmap p b[3]\nmunmap p b[1..2]\nmmap p b anon private"));
        // dontfork over part of a region: the child has the other pages, so the name stays mapped...
        assertEquals(List.of("t.mms:5:8: region b is already mapped in c"), errors(
                PB + "madvise p b[0..1] dontfork\nfork p c\nmmap c b anon private\n"));
        // ... with the region's size (a hole where the dontfork pages were)
        assertEquals(List.of("t.mms:5:8: page index 4 out of range for region b (4 pages)"), errors(
                PB + "madvise p b[0..1] dontfork\nfork p c\nread c b[4]\n"));
        // the other pages unmapped: the child has nothing of the region left and may map its name anew
        assertEquals(new Op.Read("c", "b", 8), lastOp(PB + "munmap p b[2..3]\nmadvise p b[0..1] dontfork\nfork p c\n"
                + "mmap c b anon private pages=9\nread c b[8]"));
        // dontfork over every page, in ranges, is dontfork of the region: the child does not know it
        assertEquals(new Op.Read("c", "b", 99),
                lastOp(PB + "madvise p b[0..1] dontfork\nmadvise p b[2..3] dontfork\nfork p c\nread c b[99]"));
        // dofork over part of it brings those pages back
        assertEquals(List.of("t.mms:6:8: region b is already mapped in c"), errors(
                PB + "madvise p b dontfork\nmadvise p b[3] dofork\nfork p c\nmmap c b anon private\n"));
        // the child's grandchild sees what the child has
        assertEquals(List.of("t.mms:6:8: page index 4 out of range for region b (4 pages)"), errors(
                PB + "madvise p b[0..1] dontfork\nfork p c\nfork c g\nread g b[4]\n"));
        // mremap keeps the moved pages' dontfork mark (the VMA's flags move with it)
        assertEquals(new Op.Read("c", "m", 99),
                lastOp(PB + "madvise p b[0..1] dontfork\nmremap p b[0..1] as m\nfork p c\nread c m[99]"));
        assertEquals(List.of("t.mms:6:8: page index 2 out of range for region m (2 pages)"), errors(
                PB + "madvise p b[0] dontfork\nmremap p b[0..1] as m\nfork p c\nread c m[2]\n"));
    }

    @Test
    void emptyFileIsAnEmptyScenario() {
        Scenario s = ok("");
        assertEquals(List.of(), s.statements());
        assertEquals("t", s.title());
        assertEquals(List.of(), ok("# only a comment\n\n   \n").statements());
    }
}
