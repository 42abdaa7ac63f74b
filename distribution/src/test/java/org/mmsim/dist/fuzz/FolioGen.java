package org.mmsim.dist.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import org.mmsim.dist.fuzz.ScenarioGen.Action;
import org.mmsim.dist.fuzz.ScenarioGen.Kind;
import org.mmsim.dist.fuzz.ScenarioGen.RegionSpec;
import org.mmsim.dist.fuzz.ScenarioGen.Src;
import org.mmsim.dist.fuzz.ScenarioGen.Universe;

/**
 * Random scenarios (language v1.1) in which large folios form: one or two THP sizes enabled
 * ({@code thp SIZE always}, or 2M by {@code madvise ... hugepage}), one or two anonymous private
 * regions of one, one and a half or two folios of one of those sizes (and maybe a private or
 * shared hugetlb region with a pool), a few writes first so the folios exist, then
 * {@link ScenarioGen}'s statements aimed at a folio's edges: its first, second, middle and last
 * page, its halves, all of it but the first page, the boundary to the next folio; with many
 * {@code folio} and {@code same} observations, which show what the kernel chose.
 *
 * <p>A plan is ScenarioGen's {@link ScenarioGen.Plan} (so ScenarioGen renders it, keeping the parser's
 * view of the names) plus the {@link Folios} that set up its {@link Layout}; jqwik shrinks both.
 */
final class FolioGen {
    /** THP sizes in base pages: 16K, 64K, 2M. */
    static final List<Integer> SIZES = List.of(4, 16, 512);
    /** A region is one, one and a half or two folios long (in halves of a folio). */
    static final List<Integer> HALVES = List.of(2, 4, 3);
    static final int MAX_ACTIONS = 20;
    /** mremap's targets (ScenarioGen names them m0 and m1). */
    static final List<String> MOVED = List.of("m0", "m1");

    private FolioGen() {
    }

    /**
     * The large-folio setting of a plan: the THP sizes enabled ({@code sizes}, in base pages,
     * ascending), 2M by advice rather than {@code always} ({@code adviseHuge}), each anonymous
     * region's folio size (an index into sizes) and length in halves of that folio, and the
     * hugetlb region's pool (-1: no hugetlb region) and length in huge pages.
     */
    record Folios(List<Integer> sizes, boolean adviseHuge, List<Integer> folioOf, List<Integer> halves, int pool,
            boolean hugetlbShared, int hugePages) {
        /** The folio size in pages of anonymous region k. */
        int folio(int k) {
            return sizes.get(folioOf.get(k) % sizes.size());
        }
    }

    record Plan(Folios folios, ScenarioGen.Plan base) {
    }

    // ---- arbitraries

    static Arbitrary<Plan> plans() {
        Arbitrary<List<Integer>> sizes = Arbitraries.of(SIZES).set().ofMinSize(1).ofMaxSize(2)
                .map(s -> s.stream().sorted().toList());
        Arbitrary<List<Integer>> two = Arbitraries.integers().between(0, 1).list().ofMinSize(1).ofMaxSize(2);
        Arbitrary<List<Integer>> halves = Arbitraries.integers().between(0, HALVES.size() - 1).list().ofSize(2);
        Arbitrary<Integer> pool = Arbitraries.frequency(Tuple.of(3, -1), Tuple.of(1, 0), Tuple.of(2, 1),
                Tuple.of(2, 2), Tuple.of(1, 3));
        Arbitrary<Folios> folios = Combinators.combine(sizes, Arbitraries.of(false, true), two, halves, pool,
                Arbitraries.of(false, true), Arbitraries.integers().between(1, 2)).as(Folios::new);
        Arbitrary<List<Action>> first = firstWrites().list().ofMinSize(1).ofMaxSize(4);
        Arbitrary<List<Action>> then = ScenarioGen.actions(KINDS, Arbitraries.just(0)).list().ofMaxSize(MAX_ACTIONS)
                .withSizeDistribution(RandomDistribution.uniform());
        return Combinators.combine(folios, first, then).as((f, a, b) -> {
            List<Action> actions = new ArrayList<>(a);
            actions.addAll(b);
            return new Plan(f, new ScenarioGen.Plan(universe(f), actions, ScenarioGen.Language.V1_1));
        });
    }

    /** Writes by p0 (sometimes a read first), so that folios exist before anything else happens. */
    private static Arbitrary<Action> firstWrites() {
        Arbitrary<Integer> small = Arbitraries.integers().between(0, 7);
        Arbitrary<Integer> universe = Arbitraries.integers().between(0, 5); // not mremap's targets (Edges.named)
        return Combinators.combine(Arbitraries.frequency(Tuple.of(5, Kind.WRITE), Tuple.of(1, Kind.READ)), universe,
                small, small).as((k, b, c, d) -> new Action(k, 0, b, c, d, 0));
    }

    /** What follows the first writes: the statements about folios come often, spawn and files never. */
    static final List<Tuple.Tuple2<Integer, Kind>> KINDS = List.of(Tuple.of(6, Kind.WRITE), Tuple.of(2, Kind.READ),
            Tuple.of(4, Kind.FORK), Tuple.of(2, Kind.EXIT), Tuple.of(1, Kind.MMAP), Tuple.of(1, Kind.MUNMAP),
            Tuple.of(2, Kind.MUNMAP_PAGE), Tuple.of(3, Kind.MUNMAP_RANGE), Tuple.of(1, Kind.MPROTECT),
            Tuple.of(3, Kind.MPROTECT_RANGE), Tuple.of(1, Kind.MADVISE), Tuple.of(5, Kind.MADVISE_RANGE),
            Tuple.of(3, Kind.MREMAP), Tuple.of(1, Kind.PIN), Tuple.of(1, Kind.GET), Tuple.of(2, Kind.VMSPLICE),
            Tuple.of(2, Kind.IOURING), Tuple.of(2, Kind.PEEK), Tuple.of(1, Kind.POKE), Tuple.of(2, Kind.RELEASE),
            Tuple.of(7, Kind.FOLIO), Tuple.of(5, Kind.SAME), Tuple.of(1, Kind.THP), Tuple.of(1, Kind.HUGETLB_POOL));

    /** r0 (and r1): anonymous private, their folios long; h0: hugetlb; all mapped by p0 at the start. */
    static Universe universe(Folios f) {
        List<RegionSpec> regions = new ArrayList<>();
        for (int k = 0; k < f.folioOf().size(); k++) {
            int pages = f.folio(k) * HALVES.get(f.halves().get(k)) / 2;
            regions.add(new RegionSpec("r" + k, Src.ANON_PRIVATE, pages, 0));
        }
        if (f.pool() >= 0) {
            regions.add(new RegionSpec("h0", f.hugetlbShared() ? Src.HUGETLB_SHARED : Src.HUGETLB_PRIVATE,
                    f.hugePages() * ScenarioGen.HUGE, 0));
        }
        return new Universe(regions, 0, ScenarioGen.VALUES.size(), true);
    }

    static String render(Plan plan, boolean hostOnly) {
        return ScenarioGen.render(plan.base(), hostOnly, new Edges(plan.folios(), plan.base().universe()));
    }

    /** The layout of a plan: its settings, and pages and ranges at the edges of each region's folios. */
    private record Edges(Folios f, Universe u) implements Layout {
        @Override
        public List<String> prologue() {
            List<String> lines = new ArrayList<>();
            for (int size : f.sizes()) {
                if (size != ScenarioGen.HUGE || !f.adviseHuge()) { // else the stock 2M=madvise and the advice below
                    lines.add("thp " + name(size) + " always");
                }
            }
            if (f.pool() >= 0) {
                lines.add("hugetlb 2M pages=" + f.pool());
            }
            return lines;
        }

        @Override
        public List<String> setup() {
            if (!f.adviseHuge() || !f.sizes().contains(ScenarioGen.HUGE)) {
                return List.of();
            }
            return u.regions().stream().filter(r -> r.src() == Src.ANON_PRIVATE)
                    .map(r -> "madvise p0 " + r.name() + " hugepage").toList();
        }

        /** The universe's regions six times out of eight, mremap's targets twice (b shrinks towards r0). */
        @Override
        public List<RegionSpec> named(Universe universe) {
            List<RegionSpec> named = new ArrayList<>();
            for (int k = 0; k < 6; k++) {
                named.add(universe.regions().get(k % universe.regions().size()));
            }
            int most = universe.regions().stream().mapToInt(RegionSpec::pages).max().orElse(1);
            MOVED.forEach(m -> named.add(new RegionSpec(m, Src.ANON_PRIVATE, most, 0)));
            return named;
        }

        /** First, second, last, middle of the first folio; first two of the next; the region's last. */
        @Override
        public int page(RegionSpec rs, int pages, int c) {
            int n = folio(rs, pages);
            int[] at = {0, 1, n - 1, n / 2, n, n + 1, pages - 1, 2 * n - 1};
            return at[c % at.length] % pages;
        }

        /**
         * One middle page, the lower and the upper half of the first folio, all of it but its first
         * page, all of it, the two pages across its end, the rest of the region, the whole region.
         */
        @Override
        public int[] range(RegionSpec rs, int pages, int c) {
            int n = folio(rs, pages);
            int[][] at = {{n / 2, n / 2}, {0, n / 2 - 1}, {n / 2, n - 1}, {1, n - 1}, {0, n - 1}, {n - 1, n},
                {n, pages - 1}, {0, pages - 1}};
            int[] r = at[c % at.length];
            int to = Math.min(r[1], pages - 1);
            return new int[] {Math.min(r[0], to), to};
        }

        /** The folio size of rs: its spec's for r0, r1 and h0, the whole region for mremap's targets. */
        private int folio(RegionSpec rs, int pages) {
            if (rs.src().hugetlb()) {
                return ScenarioGen.HUGE;
            }
            int k = u.regions().indexOf(rs);
            return k < 0 ? Math.max(2, pages) : Math.min(f.folio(k), pages);
        }
    }

    /** 4 -> 16K, 512 -> 2M. */
    static String name(int pages) {
        return Map.of(4, "16K", 16, "64K", 512, "2M").get(pages);
    }
}
