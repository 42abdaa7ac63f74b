# Port of tools/testing/selftests/mm/cow.c: test_cow_in_parent_mprotect()
#   anon_test_cases[] "Basic COW after fork() with mprotect() optimization", run_with_single_pte_of_thp_swap() (THP_RUN_SINGLE_PTE_SWAPOUT), 16K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: Basic COW after fork() with mprotect() optimization (single PTE of swapped-out THP 16K)"
tags conformance cow-selftest anon thp single-pte-of-thp swap thp-16K mthp cow fork mprotect
thp 2M never                             # run_anon_test_case(): no PMD-sized THP ...
thp 16K always                           # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=8  # twice the THP size, for alignment
madvise parent buf[4..7] hugepage        # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[4] old                  # mem[0] = 1: the write fault populates a THP
folio parent buf[7] expect 16K:pte       # SKIP unless the last subpage got populated
write parent buf[4] old                  # memset(mem, 1, thpsize)
madvise parent buf[5..7] dontneed        # discard all but the first subpage
folio parent buf[4] expect 16K:pte       # one PTE maps one page of the THP
madvise parent buf[4] pageout            # MADV_PAGEOUT [mem, mem + size)
folio parent buf[4] expect swap          # SKIP unless range_is_swapped()
fork parent child
read child buf[4] expect old             # child_memcmp_fn(): back up the content
mprotect parent buf[4] ro                # mprotect() optimization: R/O ...
mprotect parent buf[4] rw                # ... then R/W again before the write
write parent buf[4] new                  # the parent modifies the pages
read child buf[4] expect old             # no leak from parent into child
read parent buf[4] expect new
exit child
exit parent
