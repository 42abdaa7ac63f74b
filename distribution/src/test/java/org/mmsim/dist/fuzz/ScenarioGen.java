package org.mmsim.dist.fuzz;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * Random valid scenarios, as text, for the fuzzers.
 *
 * <p>What jqwik generates (and shrinks) is an abstract {@link Plan}: a small {@link Universe} (1-2
 * regions of 1-3 pages, each anonymous or file-backed, private or shared; 0-1 file) and a list of
 * at most {@value #MAX_ACTIONS} {@link Action}s, each a statement kind plus a few small integers.
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
    /** Outcomes no statement but read and peek can have; write can still give segv (the last). */
    static final List<String> IMPOSSIBLE = List.of("v1", "0", "okay", "\"a b\"", "segv");

    private ScenarioGen() {
    }

    enum Src {
        ANON_PRIVATE("anon private"), ANON_SHARED("anon shared"), FILE_PRIVATE("file=f private"),
        FILE_SHARED("file=f shared");

        final String text;

        Src(String text) {
            this.text = text;
        }

        boolean file() {
            return this == FILE_PRIVATE || this == FILE_SHARED;
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
        PEEK, POKE, RELEASE, FWRITE
    }

    /** One statement to be: its kind and small integers that choose its operands and options. */
    record Action(Kind kind, int a, int b, int c, int d, int expect) {
    }

    record Plan(Universe universe, List<Action> actions) {
    }

    // ---- arbitraries ----------------------------------------------------------------------

    static Arbitrary<Plan> plans() {
        return Combinators.combine(universes(), actions().list().ofMinSize(1).ofMaxSize(MAX_ACTIONS)
                .withSizeDistribution(RandomDistribution.uniform())).as(Plan::new);
    }

    static Arbitrary<Universe> universes() {
        Arbitrary<RegionSpec> r0 = regionSpec("r0");
        Arbitrary<RegionSpec> r1 = regionSpec("r1");
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

    private static Arbitrary<RegionSpec> regionSpec(String name) {
        return Combinators.combine(Arbitraries.of(Src.class), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(0, 1)).as((src, pages, offset) ->
                new RegionSpec(name, src, pages, src.file() ? offset : 0));
    }

    static Arbitrary<Action> actions() {
        Arbitrary<Integer> small = Arbitraries.integers().between(0, 7);
        // the statements that make COW and GUP interesting come more often
        Arbitrary<Kind> kinds = Arbitraries.frequency(Tuple.of(6, Kind.WRITE), Tuple.of(3, Kind.READ),
                Tuple.of(4, Kind.FORK), Tuple.of(1, Kind.SPAWN), Tuple.of(2, Kind.EXIT), Tuple.of(2, Kind.MMAP),
                Tuple.of(2, Kind.MUNMAP), Tuple.of(2, Kind.MUNMAP_PAGE), Tuple.of(2, Kind.MPROTECT),
                Tuple.of(3, Kind.MADVISE), Tuple.of(4, Kind.PIN), Tuple.of(2, Kind.GET), Tuple.of(2, Kind.VMSPLICE),
                Tuple.of(2, Kind.IOURING), Tuple.of(4, Kind.PEEK), Tuple.of(2, Kind.POKE), Tuple.of(3, Kind.RELEASE),
                Tuple.of(2, Kind.FWRITE));
        return Combinators.combine(kinds, small, small, small, small,
                Arbitraries.integers().between(0, EXPECTS.size() - 1)).as(Action::new);
    }

    // ---- rendering ------------------------------------------------------------------------

    /** The parser's view of one region of one process (see ScenarioParser.Region). */
    private record RegionState(int pages, boolean wholeUnmapped, Set<Long> unmapped, boolean dontfork, int owner) {
        boolean fullyUnmapped() {
            return wholeUnmapped || unmapped.size() >= pages;
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

        RegionState region(String r) {
            RegionState s = regions.get(r);
            return s != null && s.dontfork() && s.owner() != id ? null : s;
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
        Universe u = plan.universe();
        List<String> out = new ArrayList<>();
        out.add("scenario \"fuzz\"");
        out.add("tags fuzz generated");
        List<Proc> procs = new ArrayList<>();
        procs.add(new Proc("p0", 0, new HashMap<>()));
        out.add("spawn p0");
        if (u.filePages() > 0) {
            out.add("file f pages=" + u.filePages() + (u.fill() < VALUES.size() ? " fill=" + VALUES.get(u.fill()) : ""));
        }
        if (u.premap()) {
            for (RegionSpec rs : u.regions()) {
                procs.get(0).regions.put(rs.name(), new RegionState(rs.pages(), false, Set.of(), false, 0));
                out.add(mmap("p0", rs, u, 2, 0));
            }
        }
        Set<String> defined = new LinkedHashSet<>(); // handle names made so far
        Set<String> live = new HashSet<>();           // of those, not released (as the parser sees it)
        for (Action x : plan.actions()) {
            Proc p = procs.get(x.a() % procs.size());
            RegionSpec rs = u.regions().get(x.b() % u.regions().size());
            String pageRef = rs.name() + "[" + (x.c() % rs.pages()) + "]";
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
                    p.regions.put(rs.name(), new RegionState(rs.pages(), false, Set.of(), false, p.id));
                    yield mmap(p.name, rs, u, x.c(), x.d());
                }
                case MUNMAP -> {
                    RegionState old = p.region(rs.name());
                    if (old != null && !old.wholeUnmapped()) {
                        p.regions.put(rs.name(), new RegionState(old.pages(), true, old.unmapped(), old.dontfork(), p.id));
                    }
                    yield "munmap " + p.name + " " + rs.name();
                }
                case MUNMAP_PAGE -> {
                    long index = x.c() % rs.pages();
                    RegionState old = p.region(rs.name());
                    if (old != null && !old.wholeUnmapped() && !old.unmapped().contains(index)) {
                        Set<Long> un = new HashSet<>(old.unmapped());
                        un.add(index);
                        p.regions.put(rs.name(), new RegionState(old.pages(), false, Set.copyOf(un), old.dontfork(), p.id));
                    }
                    yield "munmap " + p.name + " " + pageRef;
                }
                case MPROTECT -> "mprotect " + p.name + " " + rs.name() + (x.c() % 2 == 0 ? " ro" : " rw");
                case MADVISE -> {
                    String[] advice = {"dontneed", "pageout", "dontfork", "dofork"};
                    String a = advice[x.c() % advice.length];
                    RegionState old = p.region(rs.name());
                    if (old != null && (a.equals("dontfork") || a.equals("dofork"))) {
                        p.regions.put(rs.name(), new RegionState(old.pages(), old.wholeUnmapped(), old.unmapped(),
                                a.equals("dontfork"), p.id));
                    }
                    yield "madvise " + p.name + " " + rs.name() + " " + a;
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
                List<String> possible = x.kind() == Kind.READ || x.kind() == Kind.PEEK ? EXPECTS
                        : x.kind() == Kind.WRITE ? WRITE_EXPECTS : OTHER_EXPECTS;
                out.add(line + possible.get(x.expect() % possible.size()));
            }
        }
        return String.join("\n", out) + "\n";
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
