# Port of tools/testing/selftests/mm/cow.c: test_cow_in_parent()
#   anon_test_cases[] "Basic COW after fork()", run_with_pte_mapped_thp_swap() (THP_RUN_PTE_SWAPOUT), 1M
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: Basic COW after fork() (swapped-out, PTE-mapped THP 1M)"
tags conformance cow-selftest anon thp pte-mapped-thp swap thp-1M mthp cow fork
thp 2M never                               # run_anon_test_case(): no PMD-sized THP ...
thp 1M always                              # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=512  # twice the THP size, for alignment
madvise parent buf[256..511] hugepage      # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[256] old                  # mem[0] = 1: the write fault populates a THP
folio parent buf[511] expect 1M:pte        # SKIP unless the last subpage got populated
write parent buf[256] old                  # memset(mem, 1, thpsize)
write parent buf[511] old
mprotect parent buf[257] ro                # map one subpage R/O and back: PTE-map the THP
mprotect parent buf[257] rw                # (below 2M it was PTE-mapped already)
folio parent buf[256] expect 1M:pte
madvise parent buf[256..511] pageout       # MADV_PAGEOUT [mem, mem + size)
folio parent buf[256] expect swap          # SKIP unless range_is_swapped()
folio parent buf[511] expect swap          # SKIP likewise
fork parent child
read child buf[256] expect old             # child_memcmp_fn(): back up the content
read child buf[511] expect old
write parent buf[256] new                  # the parent modifies the pages
write parent buf[511] new
read child buf[256] expect old             # no leak from parent into child
read child buf[511] expect old
read parent buf[256] expect new
read parent buf[511] expect new
exit child
exit parent
