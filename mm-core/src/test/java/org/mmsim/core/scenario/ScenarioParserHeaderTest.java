package org.mmsim.core.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mmsim.core.scenario.ParserTestSupport.error;
import static org.mmsim.core.scenario.ParserTestSupport.ok;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code scenario "Title"} and {@code tags} lines. */
class ScenarioParserHeaderTest {
    @Test
    void titleAndTags() {
        Scenario s = ok("# leading comment\nscenario \"syntax: \\\"quoted\\\" title\"\ntags a b-c _d\nspawn p\n");
        assertEquals("syntax: \"quoted\" title", s.title());
        assertEquals(List.of("a", "b-c", "_d"), s.tags());
        assertEquals(1, s.statements().size());
        assertEquals(4, s.statements().get(0).line());
        assertEquals("t.mms", s.file());
    }

    @Test
    void headerLinesAreOptional() {
        assertEquals(List.of("x"), ok("tags x\nspawn p").tags());
        assertEquals("T", ok("scenario \"T\"\nspawn p").title());
        assertEquals(List.of(), ok("scenario \"T\"\nspawn p").tags());
    }

    @Test
    void defaultTitleIsTheFileNameWithoutDirectoryAndExtension() throws Exception {
        byte[] src = "spawn p\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("02-vmsplice", ScenarioParser.parse("dir/sub/02-vmsplice.mms", src).title());
        assertEquals("plain", ScenarioParser.parse("plain", src).title());
        assertEquals("x.txt", ScenarioParser.parse("/abs/x.txt", src).title());
        assertEquals("a.mms", ScenarioParser.parse("a.mms.mms", src).title());
        assertEquals("dir/sub/02-vmsplice.mms", ScenarioParser.parse("dir/sub/02-vmsplice.mms", src).file());
    }

    @Test
    void scenarioAtMostOnceAndFirst() {
        assertEquals("t.mms:2:1: duplicate 'scenario' line", error("scenario \"A\"\nscenario \"B\"\n"));
        assertEquals("t.mms:2:1: 'scenario' must come before any other statement", error("spawn p\nscenario \"late\"\n"));
        assertEquals("t.mms:2:1: 'scenario' must come before any other statement", error("tags a\nscenario \"late\"\n"));
    }

    @Test
    void tagsAtMostOnceBeforeStatements() {
        assertEquals("t.mms:3:1: duplicate 'tags' line", error("scenario \"A\"\ntags a\ntags b\n"));
        assertEquals("t.mms:2:1: 'tags' must come before any statement", error("spawn p\ntags a\n"));
    }

    @Test
    void titleMustBeOneQuotedString() {
        assertEquals("t.mms:1:10: the title must be a quoted string", error("scenario Title\n"));
        assertEquals("t.mms:1:9: missing title", error("scenario\n"));
        assertEquals("t.mms:1:10: empty title", error("scenario \"\"\n"));
        assertEquals("t.mms:1:14: unexpected 'extra'", error("scenario \"A\" extra\n"));
        assertEquals("t.mms:1:13: unexpected text after a quoted string", error("scenario \"A\"x\n"));
        assertEquals("t.mms:1:10: title longer than 4095 bytes",
                error("scenario \"" + "x".repeat(4096) + "\"\n"));
        assertEquals(4095, ok("scenario \"" + "x".repeat(4095) + "\"\n").title().length());
    }

    @Test
    void tagsAreNames() {
        assertEquals("t.mms:1:5: missing tag", error("tags\n"));
        assertEquals("t.mms:1:8: bad tag '9b'", error("tags a 9b\n"));
        assertEquals("t.mms:1:8: bad tag '\"b\"'", error("tags a \"b\"\n"));
        assertEquals("t.mms:1:10: duplicate tag 'a'", error("tags a b a\n"));
    }

    @Test
    void noExpectOnHeaderLines() {
        assertEquals("t.mms:1:14: no 'expect' on a header line", error("scenario \"A\" expect ok\n"));
        assertEquals("t.mms:1:8: no 'expect' on a header line", error("tags a expect ok\n"));
    }

    @Test
    void aBadHeaderStillCountsAsTheHeader() {
        // the title line is wrong, but a tags line after it is in its place
        assertEquals("t.mms:1:10: the title must be a quoted string", error("scenario bad\ntags a\nspawn p\n"));
    }
}
