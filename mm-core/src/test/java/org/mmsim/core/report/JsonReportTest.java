package org.mmsim.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mmsim.core.run.ComparisonResult;
import org.mmsim.testkit.MiniJson;

class JsonReportTest {
    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> arr(Object o) {
        return (List<Object>) o;
    }

    private static String json(ComparisonResult r) throws IOException {
        StringWriter w = new StringWriter();
        BuiltinFormat.JSON.write(r, w);
        return w.toString();
    }

    @Test
    void hasExactlyTheSpecShape() throws IOException {
        String text = json(ReportFixtures.comparison());
        Map<String, Object> root = obj(MiniJson.parse(text));
        assertEquals(List.of("policies", "results"), List.copyOf(root.keySet()));

        List<Object> policies = arr(root.get("policies"));
        assertEquals(2, policies.size());
        Map<String, Object> p1 = obj(policies.get(1));
        assertEquals(List.of("id", "qualifiedId", "plugin", "version", "summary"), List.copyOf(p1.keySet()),
                "the spec's fields, and the qualified id, which always names the policy");
        assertEquals("mapcount", p1.get("id"));
        assertEquals("legacy:mapcount", p1.get("qualifiedId"));
        assertEquals("legacy", p1.get("plugin"));
        assertEquals("0.2.0", p1.get("version"));
        assertEquals("Linux up to 5.7 \"legacy\"", p1.get("summary"));

        List<Object> results = arr(root.get("results"));
        assertEquals(4, results.size());
        // the spec's fields in its order, then ours
        List<String> resultKeys = List.of("scenario", "file", "policy", "verdict", "steps", "failures", "violations",
                "error", "counters", "tags");
        for (Object o : results) {
            assertEquals(resultKeys, List.copyOf(obj(o).keySet()));
            Map<String, Object> counters = obj(obj(o).get("counters"));
            assertEquals(List.of("faults", "copies", "reuses", "unshares", "pins", "pinFailures", "framesPeak"),
                    List.copyOf(counters.keySet()));
            counters.values().forEach(v -> assertTrue(v instanceof Long, "counter " + v));
        }

        Map<String, Object> pass = obj(results.get(0));
        assertEquals("vmsplice() + unmap in child (CVE-2020-29374)", pass.get("scenario"));
        assertEquals("examples/cve.mms", pass.get("file"));
        assertEquals("unshare", pass.get("policy"));
        assertEquals(List.of("vmsplice", "cve"), pass.get("tags"));
        assertEquals(List.of(), obj(results.get(2)).get("tags"));
        assertEquals("pass", pass.get("verdict"));
        assertSame(MiniJson.NULL, pass.get("error"));
        assertEquals(List.of(), pass.get("failures"));
        assertEquals(List.of(), pass.get("violations"));
        Map<String, Object> step = obj(arr(pass.get("steps")).get(1));
        assertEquals(List.of("line", "statement", "outcome"), List.copyOf(step.keySet()));
        assertEquals(14L, step.get("line"));
        assertEquals("peek pipe", step.get("statement"));
        assertEquals("secret-2", step.get("outcome"));
        Map<String, Object> counters = obj(pass.get("counters"));
        assertEquals(2L, counters.get("faults"));
        assertEquals(1L, counters.get("copies"));
        assertEquals(3L, counters.get("framesPeak"));

        Map<String, Object> fail = obj(results.get(1));
        assertEquals("fail", fail.get("verdict"));
        Map<String, Object> failure = obj(arr(fail.get("failures")).get(0));
        assertEquals(List.of("line", "expected", "actual"), List.copyOf(failure.keySet()));
        assertEquals(14L, failure.get("line"));
        assertEquals("secret-1", failure.get("expected"));
        assertEquals("secret-2", failure.get("actual"));
        Map<String, Object> violation = obj(arr(fail.get("violations")).get(0));
        assertEquals(List.of("invariant", "line", "message"), List.copyOf(violation.keySet()));
        assertEquals("isolation", violation.get("invariant"));
        assertEquals(13L, violation.get("line"));
        assertEquals(1L, obj(fail.get("counters")).get("reuses"));

        Map<String, Object> nasty = obj(results.get(2));
        assertEquals("odd * title | with " + ReportFixtures.NASTY, nasty.get("scenario"));
        assertEquals("dir/odd|name.mms", nasty.get("file"));
        assertEquals(ReportFixtures.NASTY, obj(arr(nasty.get("steps")).get(0)).get("outcome"));
        assertEquals(ReportFixtures.NASTY, obj(arr(nasty.get("failures")).get(0)).get("actual"));

        Map<String, Object> error = obj(results.get(3));
        assertEquals("error", error.get("verdict"));
        assertEquals("timed out after 10s", error.get("error"));
        assertEquals(List.of(), error.get("steps"));
        assertFalse(text.contains("\u2028"), "U+2028 is escaped");
        assertTrue(text.endsWith("}\n"));
    }

    @Test
    void emptyComparisonIsStillTheShape() throws IOException {
        ComparisonResult empty = new ComparisonResult(List.of(), List.of(), List.of());
        Map<String, Object> root = obj(MiniJson.parse(json(empty)));
        assertEquals(List.of(), root.get("policies"));
        assertEquals(List.of(), root.get("results"));
    }

    @Test
    void escaping() {
        assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0000\\u001f\\u007f\"", Json.quote("a\"b\\c\n\r\t\b\f\u0000\u001f\u007f"));
        assertEquals("\"\\u2028\\u2029\"", Json.quote("\u2028\u2029"));
        assertEquals("\"\ud83d\ude00\"", Json.quote("\ud83d\ude00"), "pairs stay as they are");
        assertEquals("\"\\ud83d x \\ude00\"", Json.quote("\ud83d x \ude00"), "lone surrogates are escaped");
        assertEquals("null", Json.quote(null));
        String all = "é€ / <>&'";
        assertEquals(all, MiniJson.parse(Json.quote(all)));
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x300; c++) {
            every.append(c);
        }
        assertEquals(every.toString(), MiniJson.parse(Json.quote(every.toString())));
    }
}
