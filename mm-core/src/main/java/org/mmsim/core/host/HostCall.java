package org.mmsim.core.host;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.mmsim.core.scenario.Op;
import org.mmsim.core.scenario.Scenario;

/**
 * One statement as a call of the host runtime ({@code mms_runtime.c}): the function ({@code mmap}
 * for {@code mms_mmap}) and its arguments, names and tokens as strings, numbers as longs, values
 * as {@link Value}, an absent file as null. The one mapping from the language to the runtime: the
 * host column sends it as a line, an exported reproducer writes it as a C call.
 */
public record HostCall(String function, List<Object> args) {
    /** An opaque page value: hex on the helper's line (it may hold anything), a C string literal in C. */
    public record Value(String text) {}

    public HostCall {
        args = java.util.Collections.unmodifiableList(new ArrayList<>(args));
    }

    private static HostCall call(String function, Object... args) {
        return new HostCall(function, java.util.Arrays.asList(args));
    }

    /** The runtime call that performs {@code op}. */
    public static HostCall of(Op op) {
        if (op instanceof Op.Spawn s) {
            return call("spawn", s.process());
        } else if (op instanceof Op.FileDecl f) {
            return call("file", f.file(), f.pages(), new Value(f.fill()));
        } else if (op instanceof Op.Mmap m && m.hugetlb()) {
            return call("mmap_hugetlb", m.process(), m.region(), sharing(m), prot(m.writable()), m.pages(),
                    m.hugetlbPages());
        } else if (op instanceof Op.Mmap m) {
            return call("mmap", m.process(), m.region(), m.file(), sharing(m), prot(m.writable()), m.pages(),
                    m.offset());
        } else if (op instanceof Op.Write w) {
            return call("write", w.process(), w.region(), w.index(), new Value(w.value()));
        } else if (op instanceof Op.Read r) {
            return call("read", r.process(), r.region(), r.index());
        } else if (op instanceof Op.Fwrite f) {
            return call("fwrite", f.file(), f.index(), new Value(f.value()));
        } else if (op instanceof Op.Fork f) {
            return call("fork", f.parent(), f.child());
        } else if (op instanceof Op.Exit e) {
            return call("exit", e.process());
        } else if (op instanceof Op.Munmap u) {
            return call("munmap", u.process(), u.region(), first(u.range()), last(u.range()));
        } else if (op instanceof Op.Mprotect p) {
            return call("mprotect", p.process(), p.region(), first(p.range()), last(p.range()), prot(p.writable()));
        } else if (op instanceof Op.Madvise a) {
            return call("madvise", a.process(), a.region(), first(a.range()), last(a.range()), lower(a.advice()));
        } else if (op instanceof Op.Mremap m) {
            return call("mremap", m.process(), m.region(), first(m.range()), last(m.range()), m.target());
        } else if (op instanceof Op.Folio f) {
            return call("folio", f.process(), f.region(), f.index());
        } else if (op instanceof Op.Same s) {
            return call("same", s.process(), s.region(), s.index(), s.otherProcess(), s.otherRegion(), s.otherIndex());
        } else if (op instanceof Op.Thp t) {
            return call("thp", t.pages(), lower(t.mode()));
        } else if (op instanceof Op.HugetlbPool h) {
            return call("hugetlb", h.hugePages(), h.count());
        } else if (op instanceof Op.Gup g) {
            return call("gup", g.process(), g.region(), g.index(), gupKind(g), g.handle());
        } else if (op instanceof Op.Peek p) {
            return call("peek", p.handle());
        } else if (op instanceof Op.Poke p) {
            return call("poke", p.handle(), new Value(p.value()));
        } else if (op instanceof Op.Release r) {
            return call("release", r.handle());
        }
        throw new IllegalArgumentException("no host call for " + op);
    }

    /**
     * Whether {@code op} needs the system settings of language 1.1 (THP sizes, hugetlb pools, the
     * {@code hugepage} advice): a scenario with one runs with the settings its own, from the
     * language's starting values ({@code mms_begin_large_folios()}); any other leaves them alone and
     * gets base pages by {@code MADV_NOHUGEPAGE}, as language v1 says.
     */
    public static boolean needsSettings(Op op) {
        return op instanceof Op.Thp || op instanceof Op.HugetlbPool || op instanceof Op.Mmap m && m.hugetlb()
                || op instanceof Op.Madvise a && (a.advice() == Op.Advice.HUGEPAGE
                        || a.advice() == Op.Advice.NOHUGEPAGE || a.advice() == Op.Advice.COLLAPSE);
    }

    /** {@link #needsSettings} of any statement of the scenario. */
    public static boolean needsSettings(Scenario scenario) {
        return scenario.statements().stream().anyMatch(s -> needsSettings(s.op()));
    }

    private static String sharing(Op.Mmap m) {
        return m.shared() ? "shared" : "private";
    }

    private static String prot(boolean writable) {
        return writable ? "rw" : "ro";
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** The first page of a range, -1 for the whole region ({@code mms_range()} in the runtime). */
    private static long first(Op.Range r) {
        return r == null ? -1 : r.from();
    }

    /** The last page of a range (included), -1 for the whole region. */
    private static long last(Op.Range r) {
        return r == null ? -1 : r.to();
    }

    /**
     * What the kernel can be made to do from user space: a {@code vmsplice()} (a plain FOLL_GET,
     * R/O) or an io_uring fixed buffer (FOLL_PIN|FOLL_WRITE|FOLL_LONGTERM, slow GUP). Anything else
     * (R/O and short-term pins, GUP-fast, a R/W FOLL_GET) needs the kernel's gup_test module.
     */
    static String gupKind(Op.Gup g) {
        if (!g.pin() && !g.write()) {
            return "vmsplice";
        }
        if (g.pin() && g.write() && g.longterm() && !g.fast()) {
            return "iouring";
        }
        return (g.pin() ? "pin-" : "get-") + (g.write() ? "rw" : "ro") + (g.longterm() ? "-longterm" : "")
                + (g.fast() ? "-fast" : "");
    }

    /** The helper's input line: line number, statement text, function and arguments, tab-separated. */
    public String line(int line, String text) {
        StringBuilder sb = new StringBuilder().append(line).append('\t').append(hex(text)).append('\t').append(function);
        for (Object a : args) {
            sb.append('\t').append(a == null ? "-" : a instanceof Value v ? hex(v.text()) : a.toString());
        }
        return sb.toString();
    }

    /** The C call: {@code mms_mmap("p", "buf", NULL, "private", "rw", 1L, 0L)}. */
    public String c() {
        StringBuilder sb = new StringBuilder("mms_").append(function).append('(');
        for (int k = 0; k < args.size(); k++) {
            Object a = args.get(k);
            sb.append(k == 0 ? "" : ", ");
            if (a == null) {
                sb.append("NULL");
            } else if (a instanceof Long n) {
                sb.append(n).append('L');
            } else {
                sb.append(cString(a instanceof Value v ? v.text() : a.toString()));
            }
        }
        return sb.append(')').toString();
    }

    private static String hex(String s) {
        return HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A C string literal of s (UTF-8 bytes, escaped where C needs it, octal for the rest). */
    static String cString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == '"' || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7f && c != '?') { // '?' would start a trigraph
                sb.append((char) c);
            } else {
                sb.append(String.format("\\%03o", c));
            }
        }
        return sb.append('"').toString();
    }
}
