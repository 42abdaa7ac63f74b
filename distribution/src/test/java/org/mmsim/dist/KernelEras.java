package org.mmsim.dist;

import java.util.Set;

/**
 * What each kernel era answers to each case of cow.c's matrix ({@link CowMatrix}): pass, fail, or
 * skip (cow.c's own setup check fails in that era). Written from docs/large-folio-evidence.md
 * (sections 1-11) and kernel-semantics.md, never from mmsim's output: expected-verdicts.tsv must
 * agree with it, and mmsim with expected-verdicts.tsv.
 *
 * <p>Eras as the policies model them: mapcount = 5.7, page-count = 5.18, unshare, make-anon-exclusive
 * and fail-pin = 6.1, unshare-cow-mapping = 6.14, mm-id = 6.18.
 */
final class KernelEras {
    private static final String PASS = "pass";
    private static final String FAIL = "fail";
    private static final String SKIP = "skip";
    /** mTHP fault allocation, 19eaf44954df (6.8): only these eras can set up a THP below 2M. */
    private static final Set<String> MTHP = Set.of("unshare-cow-mapping", "mm-id");
    /** A R/O pin of a shared anonymous page: no unshare before 5.19, and fail-pin refuses it. */
    private static final Set<String> NO_UNSHARE = Set.of("mapcount", "page-count", "fail-pin");
    /** MADV_COLLAPSE, 6.1 (madvise_collapse()). */
    private static final Set<String> NO_COLLAPSE = Set.of("mapcount", "page-count");

    private KernelEras() {
    }

    static String verdict(CowMatrix.Case c, String policy) {
        return switch (c.family()) {
            case "nonanon" -> nonAnon(c.test(), policy);
            case "anon-thp" -> collapse(c.test(), policy);
            default -> anon(c, policy);
        };
    }

    /** Zeropage, huge zeropage and page cache: R/O long-term pins unshare only from 6.2 (8d6a0ac09a16). */
    private static String nonAnon(String test, String policy) {
        return test.equals("basic-cow") || MTHP.contains(policy) ? PASS : FAIL;
    }

    /** cow.c skips when MADV_COLLAPSE fails: unknown before 6.1, SCAN_PAGE_RO on all-R/O PTEs before 6.18. */
    private static String collapse(String test, String policy) {
        if (NO_COLLAPSE.contains(policy)) {
            return SKIP;
        }
        if (test.equals("thp-collapse-fully-shared") && !policy.equals("mm-id")) {
            return SKIP;
        }
        return PASS; // anon collapse copies into a new exclusive THP; the child keeps the old pages
    }

    private static String anon(CowMatrix.Case c, String policy) {
        String test = c.test();
        if (c.kind().equals("hugetlb")) {
            return hugetlb(test, policy);
        }
        boolean thp = !c.size().isEmpty();
        if (thp && CowMatrix.pages(c.size()) < 512 && !MTHP.contains(policy)) {
            return SKIP; // the write fault maps a 4K page: "Did not get a THP populated"
        }
        if (c.kind().endsWith("-swap")) {
            return basePage(test, policy); // MADV_PAGEOUT splits the folio; swap-in brings back 4K pages
        }
        // reuse_swap_page() (5.7) looks at the highest map count of all subpages: the mremap()ed half stays
        // mapped in parent and child, so the write fault copies and the vmsplice() reference keeps old data
        if (policy.equals("mapcount") && c.kind().equals("partial-mremap") && test.startsWith("vmsplice")) {
            return PASS;
        }
        // the first subpage was shared with a child: not PG_anon_exclusive, so fail-pin refuses its R/O pin
        if (policy.equals("fail-pin") && c.kind().equals("partial-shared")
                && test.equals("ro-pin-longterm-exclusive")) {
            return FAIL;
        }
        // otherwise a THP behaves as a base page of its era: PMD reuse by map count (5.7) or refcount (5.18),
        // split and 4K COW otherwise; PTE-mapped pages reused by map count (5.7), refcount 1 (5.18),
        // PG_anon_exclusive (6.1+), the large-folio rules of 6.14 / 6.18 that never reuse a pinned folio
        return basePage(test, policy);
    }

    /** The base-page verdicts of kernel-semantics.md (the 28 hand-written anon and swap-anon files). */
    private static String basePage(String test, String policy) {
        return switch (test) {
            case "basic-cow" -> PASS;
            // mapcount: the map count is 1 once the other side unmapped, so the write reuses the GUP'ed page
            case "vmsplice-in-child", "vmsplice-before-fork", "vmsplice-after-fork", "iouring-fork" ->
                    policy.equals("mapcount") ? FAIL : PASS;
            // page-count: the pin's reference makes the later write fault copy
            case "iouring-ro", "ro-pin-longterm-exclusive" -> policy.equals("page-count") ? FAIL : PASS;
            // no unshare before 5.19; fail-pin refuses R/O pins of pages that are not exclusive
            case "ro-pin-longterm-shared" -> NO_UNSHARE.contains(policy) ? FAIL : PASS;
            case "ro-pin-longterm-previously-shared" -> Set.of("page-count", "fail-pin").contains(policy) ? FAIL
                    : PASS;
            default -> throw new IllegalArgumentException("no era rule for test " + test);
        };
    }

    /** hugetlb_wp() reuses by map count in every era (section 6); fork copies pinned pages by 5.17. */
    private static String hugetlb(String test, String policy) {
        return switch (test) {
            case "basic-cow", "iouring-ro", "ro-pin-longterm-exclusive" -> PASS;
            // the vmsplice() reference is not a pin: map count 1 after the unmap, reuse, leak (cow.c: XFAIL)
            case "vmsplice-in-child", "vmsplice-before-fork", "vmsplice-after-fork" -> FAIL;
            case "iouring-fork" -> policy.equals("mapcount") ? FAIL : PASS;
            case "ro-pin-longterm-shared" -> NO_UNSHARE.contains(policy) ? FAIL : PASS;
            case "ro-pin-longterm-previously-shared" -> policy.equals("fail-pin") ? FAIL : PASS;
            default -> throw new IllegalArgumentException("no era rule for test " + test);
        };
    }
}
