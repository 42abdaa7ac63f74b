package org.mmsim.core.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.core.scenario.Op;
import org.mmsim.core.scenario.Scenario;
import org.mmsim.core.scenario.ScenarioParser;
import org.mmsim.core.scenario.Statement;

/** The one mapping from statements to runtime calls, as the helper's line and as C. */
class HostCallTest {
    private static List<Statement> parse(String text) throws Exception {
        return ScenarioParser.parse("t.mms", text.getBytes(StandardCharsets.UTF_8)).statements();
    }

    /** The call of the last statement, after a prelude that declares what it may name. */
    private static HostCall call(String statement) throws Exception {
        String prelude = statement.matches("(peek|poke|release) .*")
                ? "spawn p\nmmap p m anon private\nvmsplice p m[0] as h\n"
                : "spawn p\nfile f pages=2\n";
        List<Statement> s = parse(prelude + statement + "\n");
        return HostCall.of(s.get(s.size() - 1).op());
    }

    @Test
    void everyStatementMapsToItsRuntimeFunction() throws Exception {
        assertEquals("mms_spawn(\"q\")", call("spawn q").c());
        assertEquals("mms_file(\"g\", 3L, \"Z\")", call("file g pages=3 fill=Z").c());
        assertEquals("mms_mmap(\"p\", \"m\", \"f\", \"shared\", \"ro\", 2L, 0L)",
                call("mmap p m file=f shared ro pages=2").c());
        assertEquals("mms_mmap(\"p\", \"m\", NULL, \"private\", \"rw\", 1L, 0L)", call("mmap p m anon private").c());
        assertEquals("mms_write(\"p\", \"m\", 1L, \"V\")", call("write p m[1] V").c());
        assertEquals("mms_read(\"p\", \"m\", 0L)", call("read p m[0]").c());
        assertEquals("mms_fwrite(\"f\", 1L, \"W\")", call("fwrite f[1] W").c());
        assertEquals("mms_fork(\"p\", \"c\")", call("fork p c").c());
        assertEquals("mms_exit(\"p\")", call("exit p").c());
        assertEquals("mms_munmap(\"p\", \"m\", -1L, -1L)", call("munmap p m").c());
        assertEquals("mms_munmap(\"p\", \"m\", 3L, 3L)", call("munmap p m[3]").c());
        assertEquals("mms_mprotect(\"p\", \"m\", -1L, -1L, \"ro\")", call("mprotect p m ro").c());
        assertEquals("mms_madvise(\"p\", \"m\", -1L, -1L, \"pageout\")", call("madvise p m pageout").c());
        assertEquals("mms_peek(\"h\")", call("peek h").c());
        assertEquals("mms_poke(\"h\", \"D\")", call("poke h D").c());
        assertEquals("mms_release(\"h\")", call("release h").c());
    }

    /** Language 1.1's statements, built as the parser will build them (it does not take them yet). */
    @Test
    void largeFolioStatementsMapToTheirRuntimeFunctions() {
        Op.Range r = new Op.Range(2, 5);
        assertEquals("mms_munmap(\"p\", \"m\", 2L, 5L)", HostCall.of(new Op.Munmap("p", "m", r)).c());
        assertEquals("mms_mprotect(\"p\", \"m\", 2L, 5L, \"rw\")", HostCall.of(new Op.Mprotect("p", "m", r, true)).c());
        assertEquals("mms_madvise(\"p\", \"m\", 0L, 0L, \"collapse\")",
                HostCall.of(new Op.Madvise("p", "m", Op.Range.of(0), Op.Advice.COLLAPSE)).c());
        assertEquals("mms_madvise(\"p\", \"m\", -1L, -1L, \"hugepage\")",
                HostCall.of(new Op.Madvise("p", "m", null, Op.Advice.HUGEPAGE)).c());
        assertEquals("mms_madvise(\"p\", \"m\", -1L, -1L, \"nohugepage\")",
                HostCall.of(new Op.Madvise("p", "m", null, Op.Advice.NOHUGEPAGE)).c());
        assertEquals("mms_thp(16L, \"always\")", HostCall.of(new Op.Thp(16, Op.ThpMode.ALWAYS)).c());
        assertEquals("mms_thp(512L, \"never\")", HostCall.of(new Op.Thp(512, Op.ThpMode.NEVER)).c());
        assertEquals("mms_mremap(\"p\", \"m\", 2L, 5L, \"n\")", HostCall.of(new Op.Mremap("p", "m", r, "n")).c());
        assertEquals("mms_mremap(\"p\", \"m\", -1L, -1L, \"n\")", HostCall.of(new Op.Mremap("p", "m", null, "n")).c());
        assertEquals("mms_folio(\"p\", \"m\", 7L)", HostCall.of(new Op.Folio("p", "m", 7)).c());
        assertEquals("mms_same(\"p\", \"m\", 1L, \"q\", \"n\", 2L)", HostCall.of(new Op.Same("p", "m", 1, "q", "n", 2)).c());
        assertEquals("mms_hugetlb(262144L, 1L)", HostCall.of(new Op.HugetlbPool(262144, 1)).c());
        assertEquals("mms_mmap_hugetlb(\"p\", \"h\", \"shared\", \"ro\", 1024L, 512L)",
                HostCall.of(new Op.Mmap("p", "h", null, true, false, 1024, 0, 512)).c());
        assertEquals("4\t" + hex("thp 64K always") + "\tthp\t16\talways",
                HostCall.of(new Op.Thp(16, Op.ThpMode.ALWAYS)).line(4, "thp 64K always"));
        assertEquals("5\t" + hex("munmap p m") + "\tmunmap\tp\tm\t-1\t-1",
                HostCall.of(new Op.Munmap("p", "m", null)).line(5, "munmap p m"));
    }

    @Test
    void onlyThpHugetlbAndTheHugepageAdvicesTakeTheSystemSettings() {
        assertTrue(HostCall.needsSettings(new Op.Thp(512, Op.ThpMode.ALWAYS)));
        assertTrue(HostCall.needsSettings(new Op.HugetlbPool(512, 1)));
        assertTrue(HostCall.needsSettings(new Op.Mmap("p", "h", null, false, true, 512, 0, 512)));
        for (Op.Advice a : List.of(Op.Advice.HUGEPAGE, Op.Advice.NOHUGEPAGE, Op.Advice.COLLAPSE)) {
            assertTrue(HostCall.needsSettings(new Op.Madvise("p", "m", null, a)), a.name());
        }
        for (Op.Advice a : List.of(Op.Advice.DONTNEED, Op.Advice.PAGEOUT, Op.Advice.DONTFORK, Op.Advice.DOFORK)) {
            assertFalse(HostCall.needsSettings(new Op.Madvise("p", "m", null, a)), a.name());
        }
        assertFalse(HostCall.needsSettings(new Op.Mmap("p", "m", null, false, true, 512, 0)));
        assertFalse(HostCall.needsSettings(new Op.Folio("p", "m", 0)));
        assertFalse(HostCall.needsSettings(new Op.Same("p", "m", 0, "q", "m", 0)));
        assertFalse(HostCall.needsSettings(new Op.Mremap("p", "m", null, "n")));
    }

    @Test
    void anExportThatUsesLargeFoliosOwnsTheSettings() throws Exception {
        Scenario v1 = ScenarioParser.parse("t.mms", "spawn p\nmmap p m anon private\n".getBytes(StandardCharsets.UTF_8));
        Scenario thp = new Scenario("t.mms", "t", List.of(), List.of(new Statement(1, "spawn p", null, new Op.Spawn("p")),
                new Statement(2, "thp 64K always", null, new Op.Thp(16, Op.ThpMode.ALWAYS))));
        assertTrue(CExport.program(v1).contains("int main(void) {\n    mms_begin();\n"));
        assertFalse(CExport.program(v1).contains("run it as root"));
        String c = CExport.program(thp);
        assertTrue(c.contains("int main(void) {\n    mms_begin_large_folios();\n"), c);
        assertTrue(c.contains(" * It uses large folios: run it as root."), c);
        assertTrue(c.contains("    mms_step(2, \"thp 64K always\", mms_thp(16L, \"always\"), NULL);\n"), c);
    }

    @Test
    void gupKindsAreWhatUserSpaceCanDoAndNamedOtherwise() throws Exception {
        assertEquals("mms_gup(\"p\", \"m\", 0L, \"vmsplice\", \"h\")", call("vmsplice p m[0] as h").c());
        assertEquals("mms_gup(\"p\", \"m\", 0L, \"vmsplice\", \"h\")", call("get p m[0] ro as h").c());
        assertEquals("mms_gup(\"p\", \"m\", 2L, \"iouring\", \"h\")", call("iouring p m[2] as h").c());
        assertEquals("mms_gup(\"p\", \"m\", 0L, \"iouring\", \"h\")", call("pin p m[0] rw longterm as h").c());
        // the rest needs gup_test: the runtime answers unsupported for them
        assertEquals("pin-ro-longterm", call("pin p m[0] ro longterm as h").args().get(3));
        assertEquals("pin-rw", call("pin p m[0] rw as h").args().get(3));
        assertEquals("get-rw", call("get p m[0] rw as h").args().get(3));
        assertEquals("pin-rw-longterm-fast",
                call("pin p m[0] rw longterm fast as h").args().get(3));
    }

    @Test
    void theHelpersLineCarriesTextAndValuesAsHex() throws Exception {
        HostCall c = call("write p m[1] \"a b\\\"c\"");
        assertEquals("7\t" + hex("write p m[1] \"a b\\\"c\"") + "\twrite\tp\tm\t1\t" + hex("a b\"c"),
                c.line(7, "write p m[1] \"a b\\\"c\""));
        assertEquals("3\t" + hex("mmap") + "\tmmap\tp\tm\t-\tprivate\trw\t1\t0",
                call("mmap p m anon private").line(3, "mmap"));
    }

    @Test
    void cStringsEscapeWhatCNeedsAndNoTrigraphs() {
        assertEquals("\"plain-1\"", HostCall.cString("plain-1"));
        assertEquals("\"a\\\"b\\\\c\"", HostCall.cString("a\"b\\c"));
        assertEquals("\"\\077\\077/\"", HostCall.cString("??/"));
        assertEquals("\"\\303\\251\\011\"", HostCall.cString("é\t"));
    }

    @Test
    void theHelpersStringsComeBackAsTheyWent() {
        assertEquals("a\"b\\c", HostRun.unescape("a\\\"b\\\\c"));
        assertEquals("é\u0001x", HostRun.unescape("\\u00c3\\u00a9\\u0001x"));
        assertEquals("é", HostRun.unescape("é"));
    }

    @Test
    void anExportIsTheRuntimeAndOneStepPerStatement() throws Exception {
        Scenario s = ScenarioParser.parse("t.mms", """
                scenario "a */ b"
                spawn p
                mmap p m anon private
                write p m[0] A
                read p m[0] expect A
                """.getBytes(StandardCharsets.UTF_8));
        String c = CExport.program(s);
        assertTrue(c.startsWith("/*\n * Reproducer exported by mmsim "), c);
        assertTrue(c.contains(" *   scenario \"a * / b\"\n"), "a title cannot end the comment");
        assertTrue(c.contains(CExport.runtime()), "the same runtime the helper is built from");
        assertTrue(c.contains("    mms_step(5, \"read p m[0]\", mms_read(\"p\", \"m\", 0L), \"A\");\n"), c);
        assertTrue(c.contains("    mms_step(3, \"mmap p m anon private\", mms_mmap(\"p\", \"m\", NULL, \"private\", "
                + "\"rw\", 1L, 0L), NULL);\n"), c);
        assertTrue(c.endsWith("    mms_end();\n    return mms_failed ? 1 : 0;\n}\n"), c);
    }

    private static String hex(String s) {
        return java.util.HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
    }
}
