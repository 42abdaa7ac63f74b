package org.mmsim.core.scenario;

import static org.mmsim.core.scenario.LineError.show;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The outcomes a statement can have (scenario-language.md, "Outcomes and expectations", and
 * large-folios.md): an {@code expect} that names another could never hold, so it is an error.
 */
enum Outcomes {
    /** A value read, or segv, sigbus or fail: any value at all. */
    VALUE,
    OK_OR_FAIL("ok", "fail"),
    OK_SEGV_SIGBUS_OR_FAIL("ok", "segv", "sigbus", "fail"),
    /** The GUP statements: sigbus where the fault they take finds no free huge page. */
    OK_SIGBUS_OR_FAIL("ok", "sigbus", "fail"),
    YES_NO_OR_FAIL("yes", "no", "fail"),
    /** What maps a page: these words, or {@code SIZE:pte|pmd|hugetlb} as in {@link #FOLIOS}. */
    FOLIO("none", "swap", "zero", "hugezero", "fail");

    /**
     * The folios that can be mapped each way: PTEs map anonymous folios of 4K and the mTHP sizes
     * (there are no order-1 anonymous folios, and page-cache folios are 4K in v1.1), a PMD only 2M.
     */
    private static final Map<String, List<String>> FOLIOS = Map.of(
            "pte", concat(List.of("4K"), Sizes.THP),
            "pmd", List.of("2M"),
            "hugetlb", Sizes.HUGETLB);
    private static final Map<String, String> MAPPED_BY = Map.of("pte", "a PTE mapping", "pmd", "a PMD mapping",
            "hugetlb", "hugetlb");

    private final List<String> words;

    Outcomes(String... words) {
        this.words = List.of(words);
    }

    /** The outcome written at {@code outcome}, expected of a {@code keyword} statement. */
    String expect(String keyword, Token outcome) {
        String expect = Lexer.value(outcome.raw(), outcome.col(), "outcome");
        if (this == VALUE || words.contains(expect)) {
            return expect;
        }
        List<String> can = words;
        String when = "";
        if (this == FOLIO) {
            int colon = expect.indexOf(':');
            List<String> sizes = colon < 0 ? null : FOLIOS.get(expect.substring(colon + 1));
            String size = colon < 0 ? null : expect.substring(0, colon);
            if (sizes != null && sizes.contains(size)) {
                return expect;
            }
            if (sizes != null && Sizes.pages(size) > 0) { // a size, but no folio of it is ever mapped so
                can = sizes.stream().map(s -> s + expect.substring(colon)).toList();
                when = " for " + MAPPED_BY.get(expect.substring(colon + 1));
            } else {
                can = concat(words, List.of("SIZE:pte|pmd|hugetlb"));
            }
        }
        throw new LineError(outcome.col(), "'" + keyword + "' can only be " + LineError.either(can) + when + ", not "
                + show(outcome.raw()));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
