package org.mmsim.dist.fuzz;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import org.mmsim.core.scenario.ScenarioException;
import org.mmsim.core.scenario.Sizes;
import org.mmsim.core.scenario.Statement;

/**
 * Random valid scenarios, as text, for the fuzzers.
 *
 * <p>What jqwik generates (and shrinks) is an abstract {@link Plan}: a small {@link Universe} (1-2
 * regions of 1-3 pages, each anonymous or file-backed, private or shared, or in language v1.1 also
 * hugetlb of one to three 2M pages; 0-1 file) and a list of at most {@value #MAX_ACTIONS}
 * {@link Action}s, each a statement kind plus a few small integers.
 * {@link #render(Plan)} turns a plan into scenario text, keeping the parser's view of the names
 * (processes, handles, each process's regions across fork, munmap and dontfork) so that every
 * line it writes is valid: an action that would not be (a fourth process, a mapping over a live
 * one, a use of a handle that was never made) is left out. Because rendering never fails, jqwik
 * can drop actions and shrink the integers towards 0 freely: failing cases shrink to a short
 * scenario.
 */
final class ScenarioGen {
    static final int MAX_ACTIONS = 25;
    static final int MAX_PROCESSES = 3;
    static final int HANDLE_NAMES = 3;
    /** Base pages in a 2M huge page. */
    static final int HUGE = 512;

    /** The values written; shrinking goes towards the first. */
    static final List<String> VALUES = List.of("v1", "v2", "0", "x.y:z+1", "\"a b\"", "\"q\\\"uote\"");
    /**
     * The optional expectation of a statement, by what the statement can give (a value only from
     * read and peek, segv also from write, else ok or fail); index 0 (none) is where shrinking goes.
     */
    static final List<String> EXPECTS = List.of("", "", "", " expect ok", " expect 0", " expect segv", " expect fail",
            " expect v1");
    static final List<String> WRITE_EXPECTS = List.of("", "", "", " expect ok", " expect segv", " expect fail");
    static final List<String> OTHER_EXPECTS = List.of("", "", "", " expect ok", " expect fail");
    /** v1.1: write and the GUP statements can give sigbus too; folio and same their own outcomes. */
    static final List<String> WRITE_EXPECTS_11 = List.of("", "", "", " expect ok", " expect segv", " expect sigbus",
            " expect fail");
    static final List<String> GUP_EXPECTS_11 = List.of("", "", "", " expect ok", " expect sigbus", " expect fail");
    static final List<String> FOLIO_EXPECTS = List.of("", "", "", " expect none", " expect 4K:pte", " expect zero",
            " expect 2M:pmd", " expect fail", " expect 64K:pte", " expect hugezero", " expect swap",
            " expect 2M:hugetlb", " expect 1G:hugetlb", " expect 2M:pte");
    static final List<String> SAME_EXPECTS = List.of("", "", "", " expect yes", " expect no", " expect fail");
    static final List<String> ADVICE = List.of("dontneed", "pageout", "dontfork", "dofork", "hugepage", "nohugepage",
            "collapse");
    static final List<String> THP_MODES = List.of("always", "madvise", "never");
    /** Outcomes no statement but read and peek can have; write can still give segv (the last). */
    static final List<String> IMPOSSIBLE = List.of("v1", "0", "okay", "\"a b\"", "segv");

    private ScenarioGen() {
    }

    /** The language a plan is written in: v1 (all the machine and the host column run so far), or v1.1. */
    enum Language { V1, V1_1 }

    enum Src {
        ANON_PRIVATE("anon private"), ANON_SHARED("anon shared"), FILE_PRIVATE("file=f private"),
        FILE_SHARED("file=f shared"), HUGETLB_PRIVATE("hugetlb private"), HUGETLB_SHARED("hugetlb shared");

        static final List<Src> V1 = List.of(ANON_PRIVATE, ANON_SHARED, FILE_PRIVATE, FILE_SHARED);

        final String text;

        Src(String text) {
            this.text = text;
        }

        boolean file() {
            return this == FILE_PRIVATE || this == FILE_SHARED;
        }

        boolean hugetlb() {
            return this == HUGETLB_PRIVATE || this == HUGETLB_SHARED;
        }
    }

    /** Region {@code name}: every mapping of that name has this source, size and offset. */
    record RegionSpec(String name, Src src, int pages, int offset) {
    }

    /** The fixed part of a scenario: its regions and its file ({@code filePages == 0}: no file). */
    record Universe(List<RegionSpec> regions, int filePages, int fill, boolean premap) {
    }

    enum Kind {
        WRITE, READ, FORK, SPAWN, EXIT, MMAP, MUNMAP, MUNMAP_PAGE, MPROTECT, MADVISE, PIN, GET, VMSPLICE, IOURING,
        PEEK, POKE, RELEASE, FWRITE,
        // v1.1
        MUNMAP_RANGE, MPROTECT_RANGE, MADVISE_RANGE, MREMAP, THP, HUGETLB_POOL, FOLIO, SAME
    }

    /** One statement to be: its kind and small integers that choose its operands and options. */
    record Action(Kind kind, int a, int b, int c, int d, int expect) {
    }

    record Plan(Universe universe, List<Action> actions, Language language) {
    }

    // ---- arbitraries ----------------------------------------------------------------------

    /** Plans in language v1. */
    static Arbitrary<Plan> plans() {
        return plans(Language.V1);
    }

    static Arbitrary<Plan> plans(Language language) {
        return Combinators.combine(universes(language), actions(language).list().ofMinSize(1).ofMaxSize(MAX_ACTIONS)
                .withSizeDistribution(RandomDistribution.uniform())).as((u, a) -> new Plan(u, a, language));
    }

    static Arbitrary<Universe> universes(Language language) {
        Arbitrary<RegionSpec> r0 = regionSpec("r0", language);
        Arbitrary<RegionSpec> r1 = regionSpec("r1", language);
        Arbitrary<Boolean> two = Arbitraries.of(false, true);
        Arbitrary<Integer> extraFilePages = Arbitraries.integers().between(0, 2);
        Arbitrary<Integer> fill = Arbitraries.integers().between(0, VALUES.size());
        // most scenarios start with p0 mapping every region (else most early statements would segv)
        Arbitrary<Boolean> premap = Arbitraries.frequency(Tuple.of(4, true), Tuple.of(1, false));
        return Combinators.combine(r0, r1, two, extraFilePages, fill, premap).as((a, b, both, extra, f, pm) -> {
            List<RegionSpec> regions = both ? List.of(a, b) : List.of(a);
            int needed = 0;
            for (RegionSpec r : regions) {
                if (r.src().file()) {
                    needed = Math.max(needed, r.pages() + r.offset());
                }
            }
            // a region maps the file: it has the pages that needs, plus 0-2; else 0-2 pages (0: no file)
            int filePages = needed > 0 ? needed + extra : extra;
            return new Universe(regions, filePages, f, pm);
        });
    }

    /** A hugetlb region has 1-3 huge pages of 2M: 512 base pages each. */
    private static Arbitrary<RegionSpec> regionSpec(String name, Language language) {
        Arbitrary<Src> src = language == Language.V1 ? Arbitraries.of(Src.V1) : Arbitraries.of(Src.class);
        return Combinators.combine(src, Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(0, 1)).as((s, pages, offset) ->
                new RegionSpec(name, s, s.hugetlb() ? pages * HUGE : pages, s.file() ? offset : 0));
    }

    static Arbitrary<Action> actions(Language language) {
        // the statements that make COW and GUP interesting come more often
        List<Tuple.Tuple2<Integer, Kind>> kinds = new ArrayList<>(List.of(Tuple.of(6, Kind.WRITE),
                Tuple.of(3, Kind.READ), Tuple.of(4, Kind.FORK), Tuple.of(1, Kind.SPAWN), Tuple.of(2, Kind.EXIT),
                Tuple.of(2, Kind.MMAP), Tuple.of(2, Kind.MUNMAP), Tuple.of(2, Kind.MUNMAP_PAGE),
                Tuple.of(2, Kind.MPROTECT), Tuple.of(3, Kind.MADVISE), Tuple.of(4, Kind.PIN), Tuple.of(2, Kind.GET),
                Tuple.of(2, Kind.VMSPLICE), Tuple.of(2, Kind.IOURING), Tuple.of(4, Kind.PEEK), Tuple.of(2, Kind.POKE),
                Tuple.of(3, Kind.RELEASE), Tuple.of(2, Kind.FWRITE)));
        if (language == Language.V1_1) {
            kinds.addAll(List.of(Tuple.of(2, Kind.MUNMAP_RANGE), Tuple.of(2, Kind.MPROTECT_RANGE),
                    Tuple.of(3, Kind.MADVISE_RANGE), Tuple.of(2, Kind.MREMAP), Tuple.of(2, Kind.THP),
                    Tuple.of(1, Kind.HUGETLB_POOL), Tuple.of(3, Kind.FOLIO), Tuple.of(2, Kind.SAME)));
        }
        int expects = language == Language.V1 ? EXPECTS.size() : FOLIO_EXPECTS.size();
        return actions(kinds, Arbitraries.integers().between(0, expects - 1));
    }

    /** Actions of these kinds, at these weights, each with four small integers and an expectation choice. */
    static Arbitrary<Action> actions(List<Tuple.Tuple2<Integer, Kind>> kinds, Arbitrary<Integer> expect) {
        Arbitrary<Integer> small = Arbitraries.integers().between(0, 7);
        return Combinators.combine(Arbitraries.frequency(kinds), small, small, small, small, expect).as(Action::new);
    }

    // ---- rendering ------------------------------------------------------------------------

    /**
     * The parser's view of one region of one process (see ScenarioState.Region): which pages are
     * unmapped, which marked dontfork; {@code owner} made this entry, others inherited it at fork.
     */
    private record RegionState(int pages, BitSet unmapped, BitSet dontfork, int owner) {
        static RegionState mapped(int pages, int owner) {
            return new RegionState(pages, new BitSet(), new BitSet(), owner);
        }

        boolean fullyUnmapped() {
            return unmapped.cardinality() == pages;
        }

        /** Pages r[0] to r[1] (null: all) unmapped, or marked dontfork ({@code on}) or not; the entry owner's. */
        RegionState with(int[] r, boolean unmap, boolean on, int owner) {
            BitSet u = (BitSet) unmapped.clone();
            BitSet d = (BitSet) dontfork.clone();
            (unmap ? u : d).set(r == null ? 0 : r[0], r == null ? pages : r[1] + 1, on);
            return new RegionState(pages, u, d, owner);
        }

        /** What mremap of pages r[0] to r[1] (null: all) makes: a region of those pages, marks kept. */
        RegionState moved(int[] r, int owner) {
            int from = r == null ? 0 : r[0];
            int to = r == null ? pages : r[1] + 1;
            return new RegionState(to - from, new BitSet(), dontfork.get(from, to), owner);
        }
    }

    private static final class Proc {
        final String name;
        final int id;
        final Map<String, RegionState> regions;

        Proc(String name, int id, Map<String, RegionState> regions) {
            this.name = name;
            this.id = id;
            this.regions = regions;
        }

        /** How many pages region rs has as this process knows it (mremap makes smaller ones), else its spec's. */
        int pages(RegionSpec rs) {
            RegionState s = region(rs.name());
            return s == null ? rs.pages() : s.pages();
        }

        /** As the parser sees it: an inherited region has holes where it was dontfork, none if it all was. */
        RegionState region(String r) {
            RegionState s = regions.get(r);
            if (s == null || s.owner() == id) {
                return s;
            }
            if (s.dontfork().cardinality() == s.pages()) {
                return null;
            }
            BitSet u = (BitSet) s.unmapped().clone();
            u.or(s.dontfork());
            return new RegionState(s.pages(), u, new BitSet(), id);
        }
    }

    /** The scenario text of a plan; every line parses (see the class comment). */
    static String render(Plan plan) {
        return render(plan, false);
    }

    /**
     * As {@link #render(Plan)}; with {@code hostOnly}, every GUP is one the live kernel can be made to
     * do from user space (the host column's): {@code pin} is {@code rw longterm}, {@code get} is
     * {@code ro}, as {@code vmsplice} and {@code iouring} are.
     */
    static String render(Plan plan, boolean hostOnly) {
        return render(plan, hostOnly, Layout.SMALL);
    }

    /** As {@link #render(Plan, boolean)}, with the settings, regions, pages and ranges that {@code layout} chooses. */
    static String render(Plan plan, boolean hostOnly, Layout layout) {
        Universe u = plan.universe();
        List<String> out = new ArrayList<>();
        out.add("scenario \"fuzz\"");
        out.add("tags fuzz generated");
        out.addAll(layout.prologue());
        List<RegionSpec> named = layout.named(u);
        List<Proc> procs = new ArrayList<>();
        procs.add(new Proc("p0", 0, new HashMap<>()));
        out.add("spawn p0");
        if (u.filePages() > 0) {
            out.add("file f pages=" + u.filePages() + (u.fill() < VALUES.size() ? " fill=" + VALUES.get(u.fill()) : ""));
        }
        if (u.premap()) {
            for (RegionSpec rs : u.regions()) {
                procs.get(0).regions.put(rs.name(), RegionState.mapped(rs.pages(), 0));
                out.add(mmap("p0", rs, u, 2, 0));
            }
            out.addAll(layout.setup());
        }
        Set<String> defined = new LinkedHashSet<>(); // handle names made so far
        Set<String> live = new HashSet<>();           // of those, not released (as the parser sees it)
        for (Action x : plan.actions()) {
            Proc p = procs.get(x.a() % procs.size());
            RegionSpec rs = named.get(x.b() % named.size());
            int pages = p.pages(rs);
            int page = layout.page(rs, pages, x.c());
            int[] range = layout.range(rs, pages, x.c());
            String pageRef = rs.name() + "[" + page + "]";
            String value = VALUES.get(x.d() % VALUES.size());
            String line = switch (x.kind()) {
                case WRITE -> "write " + p.name + " " + pageRef + " " + value;
                case READ -> "read " + p.name + " " + pageRef;
                case SPAWN -> {
                    if (procs.size() == MAX_PROCESSES) {
                        yield null;
                    }
                    Proc q = new Proc("p" + procs.size(), procs.size(), new HashMap<>());
                    procs.add(q);
                    yield "spawn " + q.name;
                }
                case FORK -> {
                    if (procs.size() == MAX_PROCESSES) {
                        yield null;
                    }
                    Proc q = new Proc("p" + procs.size(), procs.size(), new HashMap<>(p.regions));
                    procs.add(q);
                    yield "fork " + p.name + " " + q.name;
                }
                case EXIT -> "exit " + p.name;
                case MMAP -> {
                    RegionState old = p.region(rs.name());
                    if (old != null && !old.fullyUnmapped()) {
                        yield null;
                    }
                    p.regions.put(rs.name(), RegionState.mapped(rs.pages(), p.id));
                    yield mmap(p.name, rs, u, x.c(), x.d());
                }
                case MUNMAP -> munmap(p, rs, null, "");
                case MUNMAP_PAGE -> munmap(p, rs, new int[] {page, page}, pageRef.substring(rs.name().length()));
                case MUNMAP_RANGE -> munmap(p, rs, range, rangeText(range, x.c()));
                case MPROTECT -> "mprotect " + p.name + " " + rs.name() + (x.c() % 2 == 0 ? " ro" : " rw");
                case MPROTECT_RANGE -> "mprotect " + p.name + " " + rs.name() + rangeText(range, x.c())
                        + (x.d() % 2 == 0 ? " ro" : " rw");
                case MADVISE -> madvise(p, rs, null, "", ADVICE.get(x.c() % 4));
                case MADVISE_RANGE -> madvise(p, rs, range, rangeText(range, x.c()),
                        ADVICE.get(x.d() % ADVICE.size()));
                case MREMAP -> {
                    int[] r = x.d() % 4 == 3 ? null : range;
                    String target = "m" + x.d() % 2;
                    RegionState old = p.region(rs.name());
                    RegionState there = p.region(target);
                    // on the kernel: leaks a hugetlb reservation for good (findings/ENV-hugetlb-mremap-reservation-leak.mms)
                    if (there != null && !there.fullyUnmapped() || hostOnly && rs.src().hugetlb()) {
                        yield null;
                    }
                    if (old != null) { // else the parser does not know the source, nor so the target
                        p.regions.put(rs.name(), old.with(r, true, true, p.id));
                        p.regions.put(target, old.moved(r, p.id));
                    }
                    yield "mremap " + p.name + " " + rs.name() + (r == null ? "" : rangeText(r, x.c())) + " as " + target;
                }
                case THP -> "thp " + Sizes.THP.get(x.c() % Sizes.THP.size()) + " " + THP_MODES.get(x.d() % 3);
                case HUGETLB_POOL -> "hugetlb " + (x.d() % 4 == 3 ? "1G" : "2M") + " pages=" + x.c();
                case FOLIO -> "folio " + p.name + " " + pageRef;
                case SAME -> { // mostly the same page in the next process (after fork: shared or copied?)
                    Proc q = procs.get((x.a() + 1 + x.d() / 2) % procs.size());
                    RegionSpec other = x.d() < 4 ? rs : named.get(x.d() % named.size());
                    int j = other == rs && x.d() % 2 == 0 && page < q.pages(rs) ? page
                            : layout.page(other, q.pages(other), x.d());
                    yield "same " + p.name + " " + pageRef + " " + q.name + " " + other.name() + "[" + j + "]";
                }
                case PIN, GET, VMSPLICE, IOURING -> {
                    String h = freeHandle(defined, live, x.d());
                    if (h == null) {
                        yield null;
                    }
                    defined.add(h);
                    live.add(h);
                    String head = x.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + p.name + " " + pageRef;
                    yield switch (x.kind()) {
                        case PIN -> head + (hostOnly ? longtermWrite(x.d()) : pinOptions(x.c(), x.d())) + " as " + h;
                        case GET -> head + (x.c() % 2 == 0 || hostOnly ? " ro" : " rw") + " as " + h;
                        default -> head + " as " + h;
                    };
                }
                case PEEK, POKE, RELEASE -> {
                    if (defined.isEmpty()) {
                        yield null;
                    }
                    String h = new ArrayList<>(defined).get(x.a() % defined.size());
                    if (x.kind() == Kind.RELEASE) {
                        live.remove(h);
                        yield "release " + h;
                    }
                    yield x.kind() == Kind.PEEK ? "peek " + h : "poke " + h + " " + value;
                }
                case FWRITE -> u.filePages() == 0 ? null : "fwrite f[" + (x.c() % u.filePages()) + "] " + value;
            };
            if (line != null) {
                List<String> possible = expects(x.kind(), plan.language());
                out.add(line + possible.get(x.expect() % possible.size()));
            }
        }
        return String.join("\n", out) + "\n";
    }

    /**
     * The statement kinds and options that {@code n} plans in {@code language} never write, of
     * {@code kinds} (named as {@link #kinds} names them); every scenario written must parse. A check
     * of the generator: the fuzzers would otherwise test less than they seem to.
     */
    static List<String> missing(Language language, int n, List<String> kinds) {
        return missing(plans(language).map(ScenarioGen::render), n, kinds);
    }

    /** As {@link #missing(Language, int, List)}, of {@code n} scenario texts of any generator. */
    static List<String> missing(Arbitrary<String> texts, int n, List<String> kinds) {
        Set<String> seen = new TreeSet<>();
        // a fixed seed: the same n texts every run, so that a coverage check cannot fail by chance
        net.jqwik.api.RandomGenerator<String> gen = texts.generator(1000);
        java.util.Random random = new java.util.Random(7);
        java.util.stream.Stream.generate(() -> gen.next(random).value()).limit(n).forEach(text -> {
            try {
                Engine.parse(text).statements().forEach(st -> seen.addAll(kinds(st)));
            } catch (ScenarioException e) {
                throw new AssertionError("a generated scenario does not parse:\n" + Engine.describe(e) + text, e);
            }
        });
        List<String> missing = new ArrayList<>(kinds);
        missing.removeAll(seen);
        return missing;
    }

    /**
     * What one statement shows of the language: its keyword (with the source of mmap, the advice of
     * madvise, ro|rw of mprotect and get, the options of pin), {@code munmap region|page}, {@code KEYWORD
     * i..j} and {@code KEYWORD i} for the v1.1 ranges, {@code expect} and {@code expect OUTCOME}.
     */
    private static List<String> kinds(Statement st) {
        String[] w = st.text().split(" ");
        List<String> kinds = new ArrayList<>();
        kinds.add(switch (w[0]) {
            case "mmap" -> "mmap " + w[3] + " " + w[4];
            case "munmap" -> "munmap" + (w[2].contains("[") ? " page" : " region");
            case "madvise", "mprotect" -> w[0] + " " + w[3];
            case "get" -> "get " + w[3];
            default -> w[0];
        });
        if (List.of("munmap", "mprotect", "madvise", "mremap").contains(w[0]) && w[2].contains("[")) {
            kinds.add(w[0] + (w[2].contains("..") ? " i..j" : " i"));
        }
        if (w[0].equals("pin")) {
            for (int i = 3; i < w.length - 2; i++) {
                kinds.add("pin " + w[i]);
            }
        }
        if (st.expect() != null) {
            kinds.add("expect");
            kinds.add("expect " + st.expect());
        }
        return kinds;
    }

    /** The expectations a statement of that kind may be given in that language. */
    private static List<String> expects(Kind kind, Language language) {
        boolean v11 = language == Language.V1_1;
        return switch (kind) {
            case READ, PEEK -> EXPECTS;
            case WRITE -> v11 ? WRITE_EXPECTS_11 : WRITE_EXPECTS;
            case PIN, GET, VMSPLICE, IOURING -> v11 ? GUP_EXPECTS_11 : OTHER_EXPECTS;
            case FOLIO -> FOLIO_EXPECTS;
            case SAME -> SAME_EXPECTS;
            default -> OTHER_EXPECTS;
        };
    }

    /** {@code munmap P R<where>} of pages r (null: all), as the parser sees it. */
    private static String munmap(Proc p, RegionSpec rs, int[] r, String where) {
        RegionState old = p.region(rs.name());
        if (old != null) {
            p.regions.put(rs.name(), old.with(r, true, true, p.id));
        }
        return "munmap " + p.name + " " + rs.name() + where;
    }

    /** {@code madvise P R<where> ADVICE} of pages r (null: all): dontfork and dofork change what fork passes on. */
    private static String madvise(Proc p, RegionSpec rs, int[] r, String where, String advice) {
        RegionState old = p.region(rs.name());
        if (old != null && (advice.equals("dontfork") || advice.equals("dofork"))) {
            p.regions.put(rs.name(), old.with(r, false, advice.equals("dontfork"), p.id));
        }
        return "madvise " + p.name + " " + rs.name() + where + " " + advice;
    }

    /**
     * Pages {@code r[0]} to {@code r[1]} of rs that {@code c} chooses: any range of a small region;
     * of a hugetlb one, a whole huge page (c even) or one base page (off the huge-page boundaries).
     */
    static int[] range(RegionSpec rs, int c) {
        if (rs.src().hugetlb()) {
            int h = c / 2 % (rs.pages() / HUGE);
            return c % 2 == 0 ? new int[] {h * HUGE, h * HUGE + HUGE - 1} : new int[] {c, c};
        }
        int i = c % rs.pages();
        return new int[] {i, i + c / rs.pages() % (rs.pages() - i)};
    }

    /** {@code [i..j]}, or {@code [i]} for one page when c is even. */
    private static String rangeText(int[] r, int c) {
        return "[" + r[0] + (r[0] == r[1] && c % 2 == 0 ? "" : ".." + r[1]) + "]";
    }

    /**
     * An outcome that statement {@code line} (one that {@link #render} wrote) can never have, or null
     * for read and peek, which can have any.
     */
    static String impossibleFor(String line, int choice) {
        String keyword = line.substring(0, line.indexOf(' '));
        if (keyword.equals("read") || keyword.equals("peek")) {
            return null;
        }
        List<String> never = keyword.equals("write") ? IMPOSSIBLE.subList(0, IMPOSSIBLE.size() - 1) : IMPOSSIBLE;
        return never.get(choice % never.size());
    }

    private static String mmap(String p, RegionSpec rs, Universe u, int c, int d) {
        StringBuilder b = new StringBuilder("mmap ").append(p).append(' ').append(rs.name()).append(' ')
                .append(rs.src().text);
        switch (c % 3) {
            case 1 -> b.append(" ro");
            case 2 -> b.append(" rw");
            default -> { } // the default, rw
        }
        int defaultPages = rs.src().file() ? u.filePages() - rs.offset() : 1;
        if (rs.pages() != defaultPages || d % 2 == 1) {
            b.append(" pages=").append(rs.pages());
        }
        if (rs.src().hugetlb() && d % 4 >= 2) {
            b.append(" size=2M");
        }
        if (rs.offset() != 0 || (rs.src().file() && d % 4 == 3)) {
            b.append(" offset=").append(rs.offset());
        }
        return b.toString();
    }

    /** ro|rw, longterm and fast in the orders the language allows. */
    private static String pinOptions(int c, int d) {
        List<String> opts = new ArrayList<>();
        opts.add(c % 2 == 0 ? "ro" : "rw");
        if ((c & 2) != 0) {
            opts.add("longterm");
        }
        if ((c & 4) != 0) {
            opts.add("fast");
        }
        if (d % 2 == 1) {
            java.util.Collections.reverse(opts);
        }
        return " " + String.join(" ", opts);
    }

    /** rw longterm, in either order: the pin io_uring's fixed buffers take. */
    private static String longtermWrite(int d) {
        return d % 2 == 0 ? " rw longterm" : " longterm rw";
    }

    /** A handle name the parser accepts for a new handle: never made, or released; null when none. */
    private static String freeHandle(Set<String> defined, Set<String> live, int choice) {
        List<String> free = new ArrayList<>();
        for (int i = 0; i < HANDLE_NAMES; i++) {
            String h = "h" + i;
            if (!live.contains(h)) {
                free.add(h);
            }
        }
        return free.isEmpty() ? null : free.get(choice % free.size());
    }
}
