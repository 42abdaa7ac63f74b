package org.mmsim.core.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.mmsim.core.scenario.ParserTestSupport.error;
import static org.mmsim.core.scenario.ParserTestSupport.errors;
import static org.mmsim.core.scenario.ParserTestSupport.ok;

import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input hygiene: size, encoding, control characters, line length, hostile and random input. */
class ScenarioParserInputTest {
    // a guard against hangs and quadratic blow-ups, not a speed measurement (that is what bench is for)
    private static final Duration FAST = Duration.ofSeconds(5);

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            } else {
                for (int b : (int[]) p) {
                    out.write(b);
                }
            }
        }
        return out.toByteArray();
    }

    private static int[] raw(int... b) {
        return b;
    }

    @Test
    void aHugeFileIsRejectedAtOnce() {
        byte[] big = new byte[20 * 1024 * 1024];
        Arrays.fill(big, (byte) 'x');
        String e = assertTimeoutPreemptively(FAST, () -> error(big));
        assertEquals("t.mms:1:1: file too large (20971520 bytes, limit 1 MiB)", e);
        assertEquals("t.mms:1:1: file too large (1048577 bytes, limit 1 MiB)", error(new byte[1024 * 1024 + 1]));
    }

    @Test
    void aHugeLineIsRejectedAtColumn16385() {
        byte[] line = ("spawn p\n" + "x".repeat(100_000) + "\nspawn p\n").getBytes(StandardCharsets.UTF_8);
        List<String> e = assertTimeoutPreemptively(FAST, () -> errors(line));
        assertEquals(List.of("t.mms:2:16385: line longer than 16384 characters", "t.mms:3:7: 'p' is already defined"), e);
        // multi-byte characters count once
        assertEquals("t.mms:1:16385: line longer than 16384 characters", error("#" + "é".repeat(20000)));
        // exactly 16384 characters is fine, also with CRLF
        ok("#" + "x".repeat(16383) + "\n");
        ok("#" + "é".repeat(16383) + "\r\n");
        assertEquals("t.mms:1:16385: line longer than 16384 characters", error("#" + "x".repeat(16384) + "\n"));
    }

    @Test
    void aMebibyteFileOfLongLinesIsFast() {
        byte[] data = ("x".repeat(100_000) + "\n").repeat(10).getBytes(StandardCharsets.UTF_8);
        assertTrue(data.length <= ScenarioParser.MAX_FILE_BYTES);
        assertEquals(10, assertTimeoutPreemptively(FAST, () -> errors(data)).size());
    }

    @Test
    void manyRegionsAndForksStayFast() {
        // 10k regions, then 10k forks each re-mapping in the child: linear-logarithmic, not quadratic
        StringBuilder b = new StringBuilder("spawn p\n");
        for (int i = 0; i < 10_000; i++) {
            b.append("mmap p r").append(i).append(" anon private\n");
        }
        for (int i = 0; i < 10_000; i++) {
            b.append("fork p c").append(i).append("\nmunmap c").append(i).append(" r").append(i)
                    .append("\nmmap c").append(i).append(" r").append(i).append(" anon private\n");
        }
        byte[] data = b.toString().getBytes(StandardCharsets.UTF_8);
        assertTrue(data.length <= ScenarioParser.MAX_FILE_BYTES);
        Scenario s = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> ScenarioParser.parse("t.mms", data));
        assertEquals(40_001, s.statements().size());
    }

    @Test
    void manyRangesAndForksStayFast() {
        // ranges anywhere in a region of 2^40 pages, each version kept by a fork: O(log pages) each
        StringBuilder b = new StringBuilder("spawn p\nmmap p b anon private pages=1099511627776\n");
        Random rnd = new Random(7);
        int n = 0;
        while (b.length() < ScenarioParser.MAX_FILE_BYTES - 100) {
            long i = rnd.nextLong() >>> 25;
            long j = Math.min(i + (rnd.nextLong() >>> 30), (1L << 40) - 1);
            String[] stmt = {"munmap p b[%d..%d]", "madvise p b[%d..%d] dontfork", "mremap p b[%d..%d] as m" + n};
            b.append(String.format(stmt[n % 3], i, j)).append("\nfork p c").append(n).append('\n');
            n++;
        }
        byte[] data = b.toString().getBytes(StandardCharsets.UTF_8);
        Scenario s = assertTimeoutPreemptively(FAST, () -> ScenarioParser.parse("t.mms", data));
        assertEquals(2 + 2 * n, s.statements().size());
    }

    @Test
    void malformedUtf8IsLocated() {
        assertEquals("t.mms:2:15: invalid UTF-8 (byte 0xC3)",
                error(bytes("spawn p\nwrite p b[0] \"", raw(0xc3, 0x28), "\"\n")));
        assertEquals("t.mms:1:3: invalid UTF-8 (byte 0xFF)", error(bytes("# ", raw(0xff), "\n")));
        assertEquals("t.mms:1:3: invalid UTF-8 (byte 0x80)", error(bytes("# ", raw(0x80), "\n")));
        // overlong encodings, surrogates, beyond U+10FFFF, truncated at end of file
        assertEquals("t.mms:1:3: invalid UTF-8 (byte 0xC0)", error(bytes("# ", raw(0xc0, 0x80))));
        assertEquals("t.mms:1:3: invalid UTF-8 (byte 0xE0)", error(bytes("# ", raw(0xe0, 0x80, 0x80))));
        assertEquals("t.mms:1:3: invalid UTF-8 (byte 0xED)", error(bytes("# ", raw(0xed, 0xa0, 0x80))));
        assertEquals("t.mms:1:3: invalid UTF-8 (byte 0xF4)", error(bytes("# ", raw(0xf4, 0x90, 0x80, 0x80))));
        assertEquals("t.mms:1:3: invalid UTF-8 (byte 0xF5)", error(bytes("# ", raw(0xf5, 0x80, 0x80, 0x80))));
        assertEquals("t.mms:1:4: invalid UTF-8 (byte 0xE2)", error(bytes("# é", raw(0xe2, 0x82))));
        // valid multi-byte characters of every length are fine
        ok("# é € 😀 \uFEFF\n");
    }

    @Test
    void controlCharactersAreLocated() {
        assertEquals("t.mms:1:8: NUL character not allowed", error(bytes("spawn p", raw(0), "\n")));
        assertEquals("t.mms:2:3: control character U+001B not allowed", error(bytes("spawn p\n# ", raw(0x1b))));
        assertEquals("t.mms:1:1: control character U+007F not allowed", error(bytes(raw(0x7f))));
        assertEquals("t.mms:1:4: control character U+0085 not allowed", error("# é\u0085"));
        assertEquals("t.mms:1:6: stray carriage return (U+000D) not allowed", error("spawn\rp\n"));
        assertEquals("t.mms:1:8: stray carriage return (U+000D) not allowed", error("spawn p\r"));
        assertEquals("t.mms:1:1: byte order mark (U+FEFF) not allowed", error("\uFEFFspawn p\n"));
    }

    @Test
    void tabsAndCrlfAreFine() {
        Scenario s = ok("scenario \"T\"\r\nspawn\tp\r\n\r\nmmap p b anon private\r\nwrite p b[0] \"a\tb\"\r\n");
        assertEquals("T", s.title());
        assertEquals("spawn p", s.statements().get(0).text());
        assertEquals(new Op.Write("p", "b", 0, "a\tb"), s.statements().get(2).op());
        assertEquals(5, s.statements().get(2).line());
    }

    @Test
    void randomBytesOnlyEverGiveScenarioExceptions() {
        Random rnd = new Random(20240601);
        String[] words = {"spawn", "fork", "exit", "file", "mmap", "munmap", "mprotect", "madvise", "write",
            "read", "fwrite", "pin", "get", "vmsplice", "iouring", "peek", "poke", "release", "scenario", "tags",
            "p", "q", "c", "f", "h", "b", "b[0]", "b[1]", "f[0]", "anon", "file=f", "private", "shared", "ro",
            "rw", "pages=1", "pages=3", "pages=0", "offset=1", "fill=x", "longterm", "fast", "as", "expect",
            "ok", "\"x y\"", "\"", "\\", "#", "dontneed", "dontfork", "dofork", "pageout", "99999999999999999999",
            "\n", "\n", "\t", " ", " ", " ", "thp", "hugetlb", "mremap", "folio", "same", "hugepage", "nohugepage",
            "collapse", "always", "never", "16K", "2M", "1G", "size=1G", "b[0..1]", "b[1..0]", "b[..]", "sigbus",
            "2M:pmd", "yes"};
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int n = 0; n < 4000; n++) {
                byte[] data;
                if (n % 2 == 0) {
                    data = new byte[rnd.nextInt(300)];
                    rnd.nextBytes(data);
                } else {
                    StringBuilder b = new StringBuilder();
                    int len = rnd.nextInt(60);
                    for (int i = 0; i < len; i++) {
                        b.append(words[rnd.nextInt(words.length)]).append(rnd.nextInt(3) == 0 ? "\n" : " ");
                    }
                    data = b.toString().getBytes(StandardCharsets.UTF_8);
                    if (rnd.nextInt(4) == 0 && data.length > 0) {
                        data[rnd.nextInt(data.length)] = (byte) rnd.nextInt(256);
                    }
                }
                try {
                    ScenarioParser.parse("r.mms", data);
                } catch (ScenarioException e) {
                    List<Diagnostic> d = e.diagnostics();
                    assertFalse(d.isEmpty());
                    assertTrue(d.size() <= ScenarioParser.MAX_DIAGNOSTICS);
                    for (Diagnostic x : d) {
                        assertEquals("r.mms", x.file());
                        assertTrue(x.line() >= 1 && x.column() >= 1, x::toString);
                        assertFalse(x.message().isEmpty());
                    }
                } catch (RuntimeException | Error e) {
                    fail("input #" + n + " " + Arrays.toString(data) + " threw " + e, e);
                }
            }
        });
    }

    @Test
    void parseAPath(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("07-demo.mms");
        Files.writeString(f, "spawn p\nspawn p\n");
        try {
            ScenarioParser.parse(f);
            fail("expected a ScenarioException");
        } catch (ScenarioException e) {
            assertEquals(f + ":2:7: 'p' is already defined", e.getMessage());
        }
        Files.writeString(f, "spawn p\n");
        Scenario s = ScenarioParser.parse(f);
        assertEquals("07-demo", s.title());
        assertEquals(f.toString(), s.file());
    }

    @Test
    void aHugeFileOnDiskIsNotRead(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("big.mms");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(20L * 1024 * 1024 * 1024); // sparse: 20 GiB
        }
        ScenarioException e = assertTimeoutPreemptively(FAST, () -> {
            try {
                ScenarioParser.parse(f);
            } catch (ScenarioException x) {
                return x;
            }
            throw new AssertionError("accepted");
        });
        assertEquals(f + ":1:1: file too large (21474836480 bytes, limit 1 MiB)", e.getMessage());
    }
}
