package org.mmsim.core.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsim.core.scenario.ParserTestSupport.error;
import static org.mmsim.core.scenario.ParserTestSupport.errors;
import static org.mmsim.core.scenario.ParserTestSupport.lastOp;
import static org.mmsim.core.scenario.ParserTestSupport.ok;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each class of error gives exactly the expected {@code FILE:LINE:COLUMN: message}. */
class ScenarioParserErrorsTest {
    private static final String P = "spawn p\n";
    private static final String PB = "spawn p\nmmap p b anon private\n";
    private static final String PB4 = "spawn p\nmmap p b anon private pages=4\n";
    private static final String F2 = "file f pages=2\nspawn p\n";

    static Stream<Arguments> singleErrors() {
        return Stream.of(
                // statements and arity
                Arguments.of("spawn p\nfrobnicate p\n", "t.mms:2:1: unknown statement 'frobnicate'"),
                Arguments.of("Spawn p\n", "t.mms:1:1: unknown statement 'Spawn'"),
                Arguments.of("  \"spawn\" p\n", "t.mms:1:3: unknown statement '\"spawn\"'"),
                Arguments.of("spawn\n", "t.mms:1:6: missing process name"),
                Arguments.of("spawn p q\n", "t.mms:1:9: unexpected 'q'"),
                Arguments.of(P + "read p\n", "t.mms:2:7: missing page reference"),
                Arguments.of(P + "read p expect 0\n", "t.mms:2:7: missing page reference"),
                Arguments.of(PB + "read p b[0] x\n", "t.mms:3:13: unexpected 'x'"),
                Arguments.of(PB + "read p b[0] expect\n", "t.mms:3:13: missing outcome after 'expect'"),
                Arguments.of(PB + "read p b[0] expect a b\n", "t.mms:3:13: unexpected 'expect'"),
                Arguments.of(PB + "write p b[0]\n", "t.mms:3:13: missing value"),
                Arguments.of(PB + "write p b[0] X expect\n", "t.mms:3:16: missing outcome after 'expect'"),
                Arguments.of(P + "mmap p b\n", "t.mms:2:9: missing 'anon', 'file=F' or 'hugetlb'"),
                Arguments.of(P + "mmap p b anon\n", "t.mms:2:14: missing 'private' or 'shared'"),
                Arguments.of(P + "mmap p b anonymous private\n", "t.mms:2:10: expected 'anon', 'file=F' or 'hugetlb', got 'anonymous'"),
                Arguments.of(P + "mmap p b anon privat\n", "t.mms:2:15: expected 'private' or 'shared', got 'privat'"),
                Arguments.of(PB + "mprotect p b\n", "t.mms:3:13: missing 'ro' or 'rw'"),
                Arguments.of(PB + "mprotect p b rx\n", "t.mms:3:14: expected 'ro' or 'rw', got 'rx'"),
                Arguments.of(PB + "madvise p b\n", "t.mms:3:12: missing advice"),
                Arguments.of(PB + "madvise p b free\n",
                        "t.mms:3:13: expected 'dontneed', 'pageout', 'dontfork', 'dofork', 'hugepage', 'nohugepage' or "
                                + "'collapse', got 'free'"),
                Arguments.of(PB + "get p b[0] rx as h\n", "t.mms:3:12: expected 'ro' or 'rw', got 'rx'"),
                Arguments.of(PB + "get p b[0] ro\n", "t.mms:3:14: missing 'as HANDLE'"),
                Arguments.of(PB + "vmsplice p b[0] h\n", "t.mms:3:17: expected 'as', got 'h'"),
                Arguments.of(PB + "vmsplice p b[0] as\n", "t.mms:3:19: missing handle name"),
                Arguments.of(PB + "iouring p b[0] as h x\n", "t.mms:3:21: unexpected 'x'"),
                Arguments.of(PB + "pin p b[0] rw longterm\n", "t.mms:3:23: missing 'as HANDLE'"),
                Arguments.of(PB + "pin p b[0] longterm as h\n", "t.mms:3:21: missing 'ro' or 'rw'"),
                Arguments.of(PB + "pin p b[0] rw forever as h\n", "t.mms:3:15: unknown option 'forever'"),
                Arguments.of(PB + "pin p b[0] rw longterm longterm as h\n", "t.mms:3:24: duplicate option 'longterm'"),
                Arguments.of(PB + "pin p b[0] fast rw fast as h\n", "t.mms:3:20: duplicate option 'fast'"),
                Arguments.of(PB + "pin p b[0] rw rw as h\n", "t.mms:3:15: duplicate option 'rw'"),
                Arguments.of(PB + "pin p b[0] ro longterm rw as h\n", "t.mms:3:24: conflicting options 'ro' and 'rw'"),
                Arguments.of(PB + "peek\n", "t.mms:3:5: missing handle name"),
                Arguments.of("fwrite\n", "t.mms:1:7: missing page reference"),
                Arguments.of("file f\n", "t.mms:1:7: missing pages=N"),
                Arguments.of("file f fill=x\n", "t.mms:1:14: missing pages=N"),
                // names and the one namespace
                Arguments.of("spawn 1p\n", "t.mms:1:7: bad process name '1p'"),
                Arguments.of("spawn \"p\"\n", "t.mms:1:7: bad process name '\"p\"'"),
                Arguments.of("spawn p.q\n", "t.mms:1:7: bad process name 'p.q'"),
                Arguments.of("spawn p\nspawn p\n", "t.mms:2:7: 'p' is already defined"),
                Arguments.of("file f pages=1\nspawn f\n", "t.mms:2:7: 'f' is already defined"),
                Arguments.of("spawn f\nfile f pages=1\n", "t.mms:2:6: 'f' is already defined"),
                Arguments.of(P + "fork p p\n", "t.mms:2:8: 'p' is already defined"),
                Arguments.of(PB + "vmsplice p b[0] as p\n", "t.mms:3:20: 'p' is already defined"),
                Arguments.of(PB + "exit p\nspawn p\n", "t.mms:4:7: 'p' is already defined"),
                Arguments.of(PB + "vmsplice p b[0] as h\nspawn h\n", "t.mms:4:7: 'h' is already defined"),
                Arguments.of(PB + "vmsplice p b[0] as h\nrelease h\nspawn h\n", "t.mms:5:7: 'h' is already defined"),
                Arguments.of(P + "mmap p 1b anon private\n", "t.mms:2:8: bad region name '1b'"),
                Arguments.of(P + "mmap p b file=1f private\n", "t.mms:2:10: bad file name in 'file=1f'"),
                Arguments.of("read q buf[0]\n", "t.mms:1:6: unknown name 'q'"),
                Arguments.of("exit q\n", "t.mms:1:6: unknown name 'q'"),
                Arguments.of(P + "fork q c\n", "t.mms:2:6: unknown name 'q'"),
                Arguments.of(P + "mmap p m file=g private\n", "t.mms:2:10: unknown name 'g'"),
                Arguments.of(P + "mmap p m file=p private\n", "t.mms:2:10: 'p' is a process, not a file"),
                Arguments.of("fwrite g[0] X\n", "t.mms:1:8: unknown name 'g'"),
                Arguments.of(P + "fwrite p[0] X\n", "t.mms:2:8: 'p' is a process, not a file"),
                Arguments.of("file f pages=1\nread f b[0]\n", "t.mms:2:6: 'f' is a file, not a process"),
                Arguments.of(P + "peek nothere\n", "t.mms:2:6: unknown name 'nothere'"),
                Arguments.of(P + "poke h X\n", "t.mms:2:6: unknown name 'h'"),
                Arguments.of(P + "release h\n", "t.mms:2:9: unknown name 'h'"),
                Arguments.of(P + "peek p\n", "t.mms:2:6: 'p' is a process, not a handle"),
                Arguments.of(PB + "vmsplice p b[0] as h\nvmsplice p b[0] as h\n",
                        "t.mms:4:20: handle h is still live; release it first"),
                Arguments.of(PB + "vmsplice p b[0] as h\nrelease h\niouring p b[0] as h\npin p b[0] rw as h\n",
                        "t.mms:6:18: handle h is still live; release it first"),
                // page references and regions
                Arguments.of(PB + "read p b\n", "t.mms:3:8: expected a page reference like region[0], got 'b'"),
                Arguments.of(PB + "read p b[x]\n", "t.mms:3:8: bad page index in 'b[x]'"),
                Arguments.of(PB + "read p b[]\n", "t.mms:3:8: bad page index in 'b[]'"),
                Arguments.of(PB + "read p b[-1]\n", "t.mms:3:8: bad page index in 'b[-1]'"),
                Arguments.of(PB + "read p b[0\n", "t.mms:3:8: expected a page reference like region[0], got 'b[0'"),
                Arguments.of(PB + "read p [0]\n", "t.mms:3:8: bad region name in '[0]'"),
                Arguments.of(PB + "read p b[1234567890123456789]\n", "t.mms:3:8: page index too large in 'b[1234567890123456789]'"),
                Arguments.of("spawn p\nmmap p buf anon private pages=1\nread p buf[1]\n",
                        "t.mms:3:8: page index 1 out of range for region buf (1 page)"),
                Arguments.of(P + "mmap p b anon private pages=3\nwrite p b[3] X\n",
                        "t.mms:3:9: page index 3 out of range for region b (3 pages)"),
                Arguments.of(PB + "munmap p b[1]\n", "t.mms:3:10: page index 1 out of range for region b (1 page)"),
                Arguments.of(PB + "pin p b[1] rw as h\n", "t.mms:3:7: page index 1 out of range for region b (1 page)"),
                Arguments.of(PB + "munmap p b\nread p b[1]\n", "t.mms:4:8: page index 1 out of range for region b (1 page)"),
                Arguments.of(PB + "fork p c\nread c b[1]\n", "t.mms:4:8: page index 1 out of range for region b (1 page)"),
                Arguments.of(F2 + "fwrite f[2] X\n", "t.mms:3:8: page index 2 out of range for file f (2 pages)"),
                Arguments.of(PB + "mmap p b anon shared\n", "t.mms:3:8: region b is already mapped in p"),
                Arguments.of(P + "mmap p b anon private pages=2\nmunmap p b[0]\nmmap p b anon private\n",
                        "t.mms:4:8: region b is already mapped in p"),
                Arguments.of(PB + "fork p c\nmmap c b anon private\n", "t.mms:4:8: region b is already mapped in c"),
                Arguments.of(PB + "madvise p b dontfork\nmadvise p b dofork\nfork p c\nmmap c b anon private\n",
                        "t.mms:6:8: region b is already mapped in c"),
                Arguments.of(PB + "fork p c\nmunmap c b\nmmap p b anon private\n",
                        "t.mms:5:8: region b is already mapped in p"),
                // values
                Arguments.of(PB + "write p b[0] \"unterminated\n", "t.mms:3:14: unterminated string"),
                Arguments.of(PB + "write p b[0] \"abc\\\"\n", "t.mms:3:14: unterminated string"),
                Arguments.of(PB + "write p b[0] \"a\\nb\"\n", "t.mms:3:16: unknown escape '\\n'"),
                Arguments.of(PB + "write p b[0] bad$value\n", "t.mms:3:14: bad value 'bad$value'"),
                Arguments.of(PB + "write p b[0] ab\"c\"\n", "t.mms:3:14: bad value 'ab\"c\"'"),
                Arguments.of(PB + "write p b[0] \"ab\"c\n", "t.mms:3:18: unexpected text after a quoted string"),
                Arguments.of(PB + "write p b[0] \"\"\n", "t.mms:3:14: empty value"),
                Arguments.of(PB + "write p b[0] x" + "y".repeat(4095) + "\n", "t.mms:3:14: value longer than 4095 bytes"),
                Arguments.of(PB + "write p b[0] \"" + "é".repeat(2048) + "\"\n", "t.mms:3:14: value longer than 4095 bytes"),
                Arguments.of(PB + "read p b[0] expect \"\"\n", "t.mms:3:20: empty outcome"),
                Arguments.of(PB + "read p b[0] expect a$b\n", "t.mms:3:20: bad outcome 'a$b'"),
                Arguments.of("file f pages=1 fill=\n", "t.mms:1:21: empty value"),
                Arguments.of("file f pages=1 fill=a$\n", "t.mms:1:21: bad value 'a$'"),
                Arguments.of("file f pages=1 fill=\"\"\n", "t.mms:1:21: empty value"),
                // numbers and options
                Arguments.of("file f pages=0\n", "t.mms:1:8: pages= must be at least 1"),
                Arguments.of("file f pages=\n", "t.mms:1:8: bad number in 'pages='"),
                Arguments.of("file f pages=-1\n", "t.mms:1:8: bad number in 'pages=-1'"),
                Arguments.of("file f pages=0x10\n", "t.mms:1:8: bad number in 'pages=0x10'"),
                Arguments.of("file f pages=1234567890123456789\n", "t.mms:1:8: number too large in 'pages=1234567890123456789'"),
                Arguments.of("file f pages=16777217\n", "t.mms:1:8: file too large (16777217 pages, limit 16777216)"),
                Arguments.of("file f pages=1 pages=1\n", "t.mms:1:16: duplicate option 'pages='"),
                Arguments.of("file f pages=1 fill=a fill=b\n", "t.mms:1:23: duplicate option 'fill='"),
                Arguments.of("file f pages=1 ro\n", "t.mms:1:16: unknown option 'ro'"),
                Arguments.of(P + "mmap p b anon private pages=0\n", "t.mms:2:23: pages= must be at least 1"),
                Arguments.of(P + "mmap p b anon private pages=1099511627777\n",
                        "t.mms:2:23: mapping too large (1099511627777 pages, limit 1099511627776)"),
                Arguments.of(P + "mmap p b anon private pages=999999999999999999\n",
                        "t.mms:2:23: mapping too large (999999999999999999 pages, limit 1099511627776)"),
                Arguments.of(P + "mmap p b anon private pages=9999999999999999999\n",
                        "t.mms:2:23: number too large in 'pages=9999999999999999999'"),
                Arguments.of(P + "mmap p b anon private rw ro\n", "t.mms:2:26: conflicting options 'rw' and 'ro'"),
                Arguments.of(P + "mmap p b anon private rw rw\n", "t.mms:2:26: duplicate option 'rw'"),
                Arguments.of(P + "mmap p b anon private pages=1 pages=2\n", "t.mms:2:31: duplicate option 'pages='"),
                Arguments.of(P + "mmap p b anon private longterm\n", "t.mms:2:23: unknown option 'longterm'"),
                Arguments.of(P + "mmap p b anon private offset=0\n", "t.mms:2:23: offset= is only for file mappings"),
                Arguments.of(F2 + "mmap p m file=f private offset=x\n", "t.mms:3:25: bad number in 'offset=x'"),
                Arguments.of(F2 + "mmap p m file=f private offset=0 offset=0\n", "t.mms:3:34: duplicate option 'offset='"),
                Arguments.of(F2 + "mmap p m file=f private offset=2\n", "t.mms:3:25: offset 2 is past the end of file f (2 pages)"),
                Arguments.of(F2 + "mmap p m file=f private pages=3\n", "t.mms:3:25: mapping runs past the end of file f (2 pages)"),
                Arguments.of(F2 + "mmap p m file=f private offset=1 pages=2\n", "t.mms:3:34: mapping runs past the end of file f (2 pages)"),
                Arguments.of("file f pages=1\nspawn p\nmmap p m file=f private pages=2\n",
                        "t.mms:3:25: mapping runs past the end of file f (1 page)"),
                // page ranges (v1.1)
                Arguments.of(PB4 + "munmap p b[3..1]\n", "t.mms:3:10: bad page range in 'b[3..1]': 3 is after 1"),
                Arguments.of(PB4 + "munmap p b[1..4]\n", "t.mms:3:10: page range 1..4 out of range for region b (4 pages)"),
                Arguments.of(PB4 + "munmap p b[4..9]\n", "t.mms:3:10: page range 4..9 out of range for region b (4 pages)"),
                Arguments.of(PB4 + "munmap p b[4..4]\n", "t.mms:3:10: page index 4 out of range for region b (4 pages)"),
                Arguments.of(PB4 + "mprotect p b[0..4] ro\n", "t.mms:3:12: page range 0..4 out of range for region b (4 pages)"),
                Arguments.of(PB4 + "madvise p b[5] dontneed\n", "t.mms:3:11: page index 5 out of range for region b (4 pages)"),
                Arguments.of(PB4 + "mremap p b[2..7] as m\n", "t.mms:3:10: page range 2..7 out of range for region b (4 pages)"),
                Arguments.of(PB4 + "munmap p b[1..]\n", "t.mms:3:10: bad page range in 'b[1..]'"),
                Arguments.of(PB4 + "munmap p b[..1]\n", "t.mms:3:10: bad page range in 'b[..1]'"),
                Arguments.of(PB4 + "munmap p b[0...1]\n", "t.mms:3:10: bad page range in 'b[0...1]'"),
                Arguments.of(PB4 + "munmap p b[0..1..2]\n", "t.mms:3:10: bad page range in 'b[0..1..2]'"),
                Arguments.of(PB4 + "munmap p b[0..x]\n", "t.mms:3:10: bad page range in 'b[0..x]'"),
                Arguments.of(PB4 + "munmap p b[0..1234567890123456789]\n",
                        "t.mms:3:10: page index too large in 'b[0..1234567890123456789]'"),
                Arguments.of(PB4 + "munmap p b[0.1]\n", "t.mms:3:10: bad page index in 'b[0.1]'"),
                Arguments.of(PB4 + "read p b[0..1]\n", "t.mms:3:8: expected one page, not a range, in 'b[0..1]'"),
                Arguments.of(PB4 + "write p b[1..1] X\n", "t.mms:3:9: expected one page, not a range, in 'b[1..1]'"),
                Arguments.of(PB4 + "pin p b[0..1] ro as h\n", "t.mms:3:7: expected one page, not a range, in 'b[0..1]'"),
                Arguments.of(PB4 + "folio p b[0..1]\n", "t.mms:3:9: expected one page, not a range, in 'b[0..1]'"),
                Arguments.of(F2 + "fwrite f[0..1] X\n", "t.mms:3:8: expected one page, not a range, in 'f[0..1]'"),
                Arguments.of(P + "munmap p\n", "t.mms:2:9: missing region name or page reference"),
                Arguments.of(P + "mprotect p 1b ro\n", "t.mms:2:12: bad region name '1b'"),
                // thp
                Arguments.of("thp\n", "t.mms:1:4: missing THP size"),
                Arguments.of("thp 4K always\n",
                        "t.mms:1:5: expected '16K', '32K', '64K', '128K', '256K', '512K', '1M' or '2M', got '4K'"),
                Arguments.of("thp 1G never\n",
                        "t.mms:1:5: expected '16K', '32K', '64K', '128K', '256K', '512K', '1M' or '2M', got '1G'"),
                Arguments.of("thp 64k never\n",
                        "t.mms:1:5: expected '16K', '32K', '64K', '128K', '256K', '512K', '1M' or '2M', got '64k'"),
                Arguments.of("thp 2M\n", "t.mms:1:7: missing 'always', 'madvise' or 'never'"),
                Arguments.of("thp 2M inherit\n", "t.mms:1:8: expected 'always', 'madvise' or 'never', got 'inherit'"),
                Arguments.of("thp 2M never now\n", "t.mms:1:14: unexpected 'now'"),
                // madvise, mremap
                Arguments.of(PB4 + "madvise p b[0..1] hugepages\n", "t.mms:3:19: expected 'dontneed', 'pageout', "
                        + "'dontfork', 'dofork', 'hugepage', 'nohugepage' or 'collapse', got 'hugepages'"),
                Arguments.of(PB4 + "mremap p b[0]\n", "t.mms:3:14: missing 'as REGION'"),
                Arguments.of(PB4 + "mremap p b[0] to m\n", "t.mms:3:15: expected 'as', got 'to'"),
                Arguments.of(PB4 + "mremap p b[0] as\n", "t.mms:3:17: missing region name"),
                Arguments.of(PB4 + "mremap p b[0] as 1m\n", "t.mms:3:18: bad region name '1m'"),
                Arguments.of(PB4 + "mremap p b[0] as b\n", "t.mms:3:18: region b is already mapped in p"),
                Arguments.of(PB4 + "mmap p m anon private\nmremap p b[0] as m\n", "t.mms:4:18: region m is already mapped in p"),
                Arguments.of(PB4 + "mremap p b[0] as m\nmremap p b[1] as m\n", "t.mms:4:18: region m is already mapped in p"),
                Arguments.of(PB4 + "mremap p b[0] as m\nmmap p m anon private\n", "t.mms:4:8: region m is already mapped in p"),
                Arguments.of(PB4 + "mremap p b[0] as m x\n", "t.mms:3:20: unexpected 'x'"),
                Arguments.of(PB4 + "mremap q b[0] as m\n", "t.mms:3:8: unknown name 'q'"),
                // folio, same
                Arguments.of(PB4 + "folio p\n", "t.mms:3:8: missing page reference"),
                Arguments.of(PB4 + "folio p b[4]\n", "t.mms:3:9: page index 4 out of range for region b (4 pages)"),
                Arguments.of(PB4 + "folio p b[0] x\n", "t.mms:3:14: unexpected 'x'"),
                Arguments.of(PB4 + "same p b[0]\n", "t.mms:3:12: missing process name"),
                Arguments.of(PB4 + "same p b[0] q b[0]\n", "t.mms:3:13: unknown name 'q'"),
                Arguments.of(PB4 + "same p b[0] p\n", "t.mms:3:14: missing page reference"),
                Arguments.of(PB4 + "same p b[0] p b[4]\n", "t.mms:3:15: page index 4 out of range for region b (4 pages)"),
                Arguments.of(PB4 + "fork p c\nmunmap c b\nmmap c b anon private\nsame p b[3] c b[1]\n",
                        "t.mms:6:15: page index 1 out of range for region b (1 page)"),
                // hugetlb pools and mappings
                Arguments.of("hugetlb\n", "t.mms:1:8: missing huge page size"),
                Arguments.of("hugetlb 4M pages=1\n", "t.mms:1:9: expected '2M' or '1G', got '4M'"),
                Arguments.of("hugetlb 2M\n", "t.mms:1:11: missing pages=N"),
                Arguments.of("hugetlb 2M pages=-1\n", "t.mms:1:12: bad number in 'pages=-1'"),
                Arguments.of("hugetlb 2M pages=1 pages=2\n", "t.mms:1:20: duplicate option 'pages='"),
                Arguments.of("hugetlb 2M pages=1 ro\n", "t.mms:1:20: unknown option 'ro'"),
                Arguments.of(P + "mmap p h hugetlb\n", "t.mms:2:17: missing 'private' or 'shared'"),
                Arguments.of(P + "mmap p h hugetlb private\n", "t.mms:2:25: missing pages=N"),
                Arguments.of(P + "mmap p h hugetlb shared ro size=2M\n", "t.mms:2:35: missing pages=N"),
                Arguments.of(P + "mmap p h hugetlb private pages=511\n",
                        "t.mms:2:26: pages= must be a multiple of 512 for 2M huge pages, not 511"),
                Arguments.of(P + "mmap p h hugetlb private pages=1536 size=1G\n",
                        "t.mms:2:26: pages= must be a multiple of 262144 for 1G huge pages, not 1536"),
                Arguments.of(P + "mmap p h hugetlb private pages=0\n", "t.mms:2:26: pages= must be at least 1"),
                Arguments.of(P + "mmap p h hugetlb private pages=512 size=4K\n",
                        "t.mms:2:36: expected size=2M or size=1G, got 'size=4K'"),
                Arguments.of(P + "mmap p h hugetlb private pages=512 size=\n",
                        "t.mms:2:36: expected size=2M or size=1G, got 'size='"),
                Arguments.of(P + "mmap p h hugetlb private pages=512 size=2M size=2M\n",
                        "t.mms:2:44: duplicate option 'size='"),
                Arguments.of(P + "mmap p h hugetlb private pages=512 offset=0\n",
                        "t.mms:2:36: offset= is only for file mappings"),
                Arguments.of(P + "mmap p b anon private size=2M\n", "t.mms:2:23: size= is only for hugetlb mappings"),
                Arguments.of(F2 + "mmap p m file=f shared size=2M\n", "t.mms:3:24: size= is only for hugetlb mappings"),
                Arguments.of(PB + "mmap p b hugetlb private pages=512\n", "t.mms:3:8: region b is already mapped in p"));
    }

    @ParameterizedTest
    @MethodSource("singleErrors")
    void singleError(String source, String expected) {
        assertEquals(expected, error(source));
    }

    /** Outcomes a statement can never have, each pointed at the outcome token. */
    static Stream<Arguments> impossibleExpectations() {
        String h = PB + "pin p b[0] rw as h\n";      // line 3
        String fb = F2 + "mmap p m file=f private\n"; // line 3
        return Stream.of(
                Arguments.of(PB + "write p b[0] A expect A\n", "t.mms:3:23: 'write' can only be ok, segv, sigbus or fail, not 'A'"),
                Arguments.of(PB + "write p b[0] A expect 0\n", "t.mms:3:23: 'write' can only be ok, segv, sigbus or fail, not '0'"),
                Arguments.of(PB + "write p b[0] A expect \"ok \"\n",
                        "t.mms:3:23: 'write' can only be ok, segv, sigbus or fail, not '\"ok \"'"),
                Arguments.of(PB + "pin p b[0] ro longterm as h expect okay\n",
                        "t.mms:3:36: 'pin' can only be ok, sigbus or fail, not 'okay'"),
                Arguments.of(PB + "pin p b[0] ro as h expect segv\n", "t.mms:3:27: 'pin' can only be ok, sigbus or fail, not 'segv'"),
                Arguments.of(PB + "get p b[0] ro as h expect 0\n", "t.mms:3:27: 'get' can only be ok, sigbus or fail, not '0'"),
                Arguments.of(PB + "vmsplice p b[0] as h expect A\n", "t.mms:3:29: 'vmsplice' can only be ok, sigbus or fail, not 'A'"),
                Arguments.of(PB + "iouring p b[0] as h expect segv\n",
                        "t.mms:3:28: 'iouring' can only be ok, sigbus or fail, not 'segv'"),
                Arguments.of(h + "release h expect 0\n", "t.mms:4:18: 'release' can only be ok or fail, not '0'"),
                Arguments.of(h + "poke h A expect A\n", "t.mms:4:17: 'poke' can only be ok or fail, not 'A'"),
                Arguments.of(P + "spawn q expect segv\n", "t.mms:2:16: 'spawn' can only be ok or fail, not 'segv'"),
                Arguments.of("file f pages=1 expect 0\n", "t.mms:1:23: 'file' can only be ok or fail, not '0'"),
                Arguments.of(P + "mmap p b anon private expect 0\n", "t.mms:2:30: 'mmap' can only be ok or fail, not '0'"),
                Arguments.of(fb + "fwrite f[0] A expect A\n", "t.mms:4:22: 'fwrite' can only be ok or fail, not 'A'"),
                Arguments.of(P + "fork p c expect segv\n", "t.mms:2:17: 'fork' can only be ok or fail, not 'segv'"),
                Arguments.of(P + "exit p expect 0\n", "t.mms:2:15: 'exit' can only be ok or fail, not '0'"),
                Arguments.of(PB + "munmap p b expect segv\n", "t.mms:3:19: 'munmap' can only be ok or fail, not 'segv'"),
                Arguments.of(PB + "mprotect p b ro expect ro\n", "t.mms:3:24: 'mprotect' can only be ok or fail, not 'ro'"),
                Arguments.of(PB + "madvise p b pageout expect segv\n",
                        "t.mms:3:28: 'madvise' can only be ok or fail, not 'segv'"),
                // v1.1
                Arguments.of(PB + "pin p b[0] ro as h expect segv\n", "t.mms:3:27: 'pin' can only be ok, sigbus or fail, not 'segv'"),
                Arguments.of(h + "peek h expect sigbus\n" + "poke h A expect sigbus\n",
                        "t.mms:5:17: 'poke' can only be ok or fail, not 'sigbus'"),
                Arguments.of(PB + "madvise p b[0] collapse expect sigbus\n",
                        "t.mms:3:32: 'madvise' can only be ok or fail, not 'sigbus'"),
                Arguments.of(PB + "munmap p b[0..0] expect no\n", "t.mms:3:25: 'munmap' can only be ok or fail, not 'no'"),
                Arguments.of(PB + "mremap p b[0] as m expect segv\n", "t.mms:3:27: 'mremap' can only be ok or fail, not 'segv'"),
                Arguments.of("thp 2M always expect yes\n", "t.mms:1:22: 'thp' can only be ok or fail, not 'yes'"),
                Arguments.of("hugetlb 2M pages=1 expect 0\n", "t.mms:1:27: 'hugetlb' can only be ok or fail, not '0'"),
                Arguments.of(P + "mmap p h hugetlb private pages=512 expect sigbus\n",
                        "t.mms:2:43: 'mmap' can only be ok or fail, not 'sigbus'"),
                Arguments.of(PB + "same p b[0] p b[0] expect ok\n", "t.mms:3:27: 'same' can only be yes, no or fail, not 'ok'"),
                Arguments.of(PB + "same p b[0] p b[0] expect YES\n",
                        "t.mms:3:27: 'same' can only be yes, no or fail, not 'YES'"),
                Arguments.of(PB + "folio p b[0] expect ok\n", "t.mms:3:21: " + FOLIO_WORDS + "'ok'"),
                Arguments.of(PB + "folio p b[0] expect segv\n", "t.mms:3:21: " + FOLIO_WORDS + "'segv'"),
                Arguments.of(PB + "folio p b[0] expect pte\n", "t.mms:3:21: " + FOLIO_WORDS + "'pte'"),
                Arguments.of(PB + "folio p b[0] expect 64K\n", "t.mms:3:21: " + FOLIO_WORDS + "'64K'"),
                Arguments.of(PB + "folio p b[0] expect 64k:pte\n", "t.mms:3:21: " + FOLIO_WORDS + "'64k:pte'"),
                Arguments.of(PB + "folio p b[0] expect 3K:pte\n", "t.mms:3:21: " + FOLIO_WORDS + "'3K:pte'"),
                Arguments.of(PB + "folio p b[0] expect 2M:pud\n", "t.mms:3:21: " + FOLIO_WORDS + "'2M:pud'"),
                Arguments.of(PB + "folio p b[0] expect 2M:\n", "t.mms:3:21: " + FOLIO_WORDS + "'2M:'"),
                Arguments.of(PB + "folio p b[0] expect :pmd\n", "t.mms:3:21: " + FOLIO_WORDS + "':pmd'"),
                Arguments.of(PB + "folio p b[0] expect 2M:pmd:pte\n", "t.mms:3:21: " + FOLIO_WORDS + "'2M:pmd:pte'"),
                Arguments.of(PB + "folio p b[0] expect \"2M:pmd \"\n", "t.mms:3:21: " + FOLIO_WORDS + "'\"2M:pmd \"'"),
                Arguments.of(PB + "folio p b[0] expect 4K:pmd\n", "t.mms:3:21: " + PMD + "'4K:pmd'"),
                Arguments.of(PB + "folio p b[0] expect 64K:pmd\n", "t.mms:3:21: " + PMD + "'64K:pmd'"),
                Arguments.of(PB + "folio p b[0] expect 1G:pmd\n", "t.mms:3:21: " + PMD + "'1G:pmd'"),
                Arguments.of(PB + "folio p b[0] expect 64K:hugetlb\n", "t.mms:3:21: " + HUGETLB + "'64K:hugetlb'"),
                Arguments.of(PB + "folio p b[0] expect 4K:hugetlb\n", "t.mms:3:21: " + HUGETLB + "'4K:hugetlb'"),
                Arguments.of(PB + "folio p b[0] expect 1G:pte\n", "t.mms:3:21: " + PTE + "'1G:pte'"),
                Arguments.of(PB + "folio p b[0] expect 8K:pte\n", "t.mms:3:21: " + PTE + "'8K:pte'"));
    }

    private static final String FOLIO_WORDS =
            "'folio' can only be none, swap, zero, hugezero, fail or SIZE:pte|pmd|hugetlb, not ";
    private static final String PMD = "'folio' can only be 2M:pmd for a PMD mapping, not ";
    private static final String HUGETLB = "'folio' can only be 2M:hugetlb or 1G:hugetlb for hugetlb, not ";
    private static final String PTE = "'folio' can only be 4K:pte, 16K:pte, 32K:pte, 64K:pte, 128K:pte, 256K:pte, "
            + "512K:pte, 1M:pte or 2M:pte for a PTE mapping, not ";

    @ParameterizedTest
    @MethodSource("impossibleExpectations")
    void anExpectationThatCanNeverHoldIsAParseError(String source, String expected) {
        assertEquals(expected, error(source));
    }

    @Test
    void everyOutcomeAStatementCanHaveIsAccepted() {
        String h = PB + "pin p b[0] rw as h\n";
        for (String line : List.of("read p b[0] expect A", "read p b[0] expect segv", "read p b[0] expect fail",
                "read p b[0] expect ok", "read p b[0] expect \"a b\"", "peek h expect A", "peek h expect segv",
                "peek h expect fail", "write p b[0] A expect ok", "write p b[0] A expect segv",
                "write p b[0] A expect fail", "write p b[0] A expect \"ok\"", "poke h A expect ok", "poke h A expect fail",
                "release h expect ok", "release h expect fail", "spawn q expect fail", "exit p expect fail",
                "munmap p b expect ok", "mprotect p b ro expect fail", "madvise p b dontneed expect ok",
                "fork p c expect fail", "mmap p c anon shared expect fail", "get p b[0] ro as g expect fail",
                "vmsplice p b[0] as g expect ok", "iouring p b[0] as g expect fail", "pin p b[0] ro as g expect ok")) {
            ok(h + line + "\n");
        }
        for (String line : List.of("write p b[0] A expect sigbus", "read p b[0] expect sigbus",
                "pin p b[0] ro as g expect sigbus", "get p b[0] rw as g expect sigbus",
                "vmsplice p b[0] as g expect sigbus", "iouring p b[0] as g expect sigbus", "munmap p b[0..0] expect fail",
                "mprotect p b[0] rw expect ok", "madvise p b collapse expect fail", "madvise p b[0] hugepage expect ok",
                "mremap p b[0] as m expect ok", "mremap p b as m expect fail", "thp 16K always expect ok",
                "thp 2M never expect fail", "hugetlb 1G pages=2 expect ok", "hugetlb 2M pages=0 expect fail",
                "mmap p m hugetlb private pages=512 expect fail", "mmap p m hugetlb shared pages=512 expect ok",
                "same p b[0] p b[0] expect yes", "same p b[0] p b[0] expect no", "same p b[0] p b[0] expect fail",
                "folio p b[0] expect none", "folio p b[0] expect swap", "folio p b[0] expect zero",
                "folio p b[0] expect hugezero", "folio p b[0] expect fail", "folio p b[0] expect \"4K:pte\"")) {
            ok(h + line + "\n");
        }
        for (String size : Sizes.ALL) {
            for (String how : List.of("pte", "pmd", "hugetlb")) {
                String folio = size + ":" + how;
                boolean possible = how.equals("pte") ? !size.equals("8K") && !size.equals("1G")
                        : how.equals("pmd") ? size.equals("2M") : size.equals("2M") || size.equals("1G");
                if (possible) {
                    assertEquals(folio, ok(PB + "folio p b[0] expect " + folio).statements().get(2).expect());
                } else {
                    assertTrue(error(PB + "folio p b[0] expect " + folio).endsWith(" not '" + folio + "'"), folio);
                }
            }
        }
        assertEquals("fail", ok("file f pages=1 expect fail\n").statements().get(0).expect());
        assertEquals("ok", ok(F2 + "fwrite f[0] A expect ok\n").statements().get(2).expect());
    }

    @Test
    void columnsCountCharactersNotBytes() {
        assertEquals("t.mms:3:18: unexpected 'x'", error(PB + "write p b[0] \"é\" x\n"));
        assertEquals("t.mms:3:18: unexpected 'x'", error(PB + "write p b[0] \"😀\" x\n"));
        assertEquals("t.mms:3:13: unexpected 'x'", error(PB + "read\tp\tb[0]\tx\n"));
    }

    @Test
    void longTokensAreCutInMessages() {
        String name = "q".repeat(100);
        assertEquals("t.mms:1:6: unknown name '" + "q".repeat(40) + "...'", error("exit " + name + "\n"));
        assertEquals("t.mms:3:8: page index 1 out of range for region " + "r".repeat(40) + "... (1 page)",
                error("spawn p\nmmap p " + "r".repeat(50) + " anon private\nread p " + "r".repeat(50) + "[1]\n"));
    }

    @Test
    void valueLengthIsCountedInUtf8Bytes() {
        String v = "é".repeat(2047) + "a"; // 4095 bytes
        assertEquals(new Op.Write("p", "b", 0, v), lastOp(PB + "write p b[0] \"" + v + "\""));
        String bare = "x".repeat(4095);
        assertEquals(new Op.Write("p", "b", 0, bare), lastOp(PB + "write p b[0] " + bare));
    }

    @Test
    void everyProblemIsReportedOnePerLine() {
        List<String> e = errors("spawn p\n"
                + "frobnicate\n"
                + "read q b[0]\n"
                + "mmap p b anon private pages=0 rw rw\n"
                + "spawn p\n"
                + "write p b[0] \"open\n");
        assertEquals(List.of(
                "t.mms:2:1: unknown statement 'frobnicate'",
                "t.mms:3:6: unknown name 'q'",
                "t.mms:4:23: pages= must be at least 1",
                "t.mms:5:7: 'p' is already defined",
                "t.mms:6:14: unterminated string"), e);
    }

    @Test
    void atMostFiftyDiagnostics() {
        List<String> e = errors("frobnicate\n".repeat(200));
        assertEquals(50, e.size());
        assertEquals("t.mms:50:1: unknown statement 'frobnicate'", e.get(49));
    }

    @Test
    void aStatementWithAnErrorStillIntroducesItsName() {
        // no cascade of "unknown name" after a definition that had another error
        assertEquals(List.of("t.mms:1:9: unexpected 'x'"), errors("spawn p x\nspawn q\nfork p c\nexit c\n"));
        assertEquals(List.of("t.mms:1:8: pages= must be at least 1"),
                errors("file f pages=0\nspawn p\nmmap p m file=f private pages=5\nfwrite f[7] X\n"));
        assertEquals(List.of("t.mms:3:12: page index 5 out of range for region b (1 page)"),
                errors(PB + "vmsplice p b[5] as h\npeek h\nrelease h\n"));
        assertEquals(List.of("t.mms:2:6: unknown name 'q'"), errors("spawn p\nfork q c\nexit c\n"));
    }

    @Test
    void runTimeProblemsAreNotParseErrors() {
        // unknown region, statements after exit, double release, poke through a read-only handle
        lastOp(PB + "read p nosuch[3]\nmunmap p nosuch\nmadvise p nosuch dontneed\nexit p\nwrite p b[0] X\n"
                + "vmsplice p b[0] as h\npoke h X\nrelease h\nrelease h\npeek h\npoke h Y");
        // v1.1: a hugetlb range off the huge-page boundaries (EINVAL), v1.1 statements on unknown regions
        lastOp(P + "mmap p h hugetlb private pages=1024\nmunmap p h[1..511]\nmprotect p h[0] ro\n"
                + "madvise p h[0..1] dontneed\nmremap p h[1..512] as m\nfolio p nosuch[7]\nsame p nosuch[1] p h[0]\n"
                + "mremap p nosuch as n\nmadvise p nosuch[3..9] collapse\nexit p\nfolio p h[0]\nthp 2M always");
    }

    @Test
    void diagnosticFormat() {
        Diagnostic d = new Diagnostic("dir/a b.mms", 3, 7, "unknown name 'q'");
        assertEquals("dir/a b.mms:3:7: unknown name 'q'", d.toString());
        ScenarioException e = new ScenarioException(List.of(d, new Diagnostic("x", 1, 1, "m")));
        assertEquals("dir/a b.mms:3:7: unknown name 'q'\nx:1:1: m", e.getMessage());
        assertEquals(2, e.diagnostics().size());
        assertEquals(0, e.getStackTrace().length);
        assertTrue(e.diagnostics().getClass().getName().contains("Immutable"));
    }
}
