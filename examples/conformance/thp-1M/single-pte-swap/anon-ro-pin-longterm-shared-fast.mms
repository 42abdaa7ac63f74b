# Port of tools/testing/selftests/mm/cow.c: test_ro_fast_pin_on_shared()
#   anon_test_cases[] "R/O GUP-fast pin on R/O-mapped shared page", run_with_single_pte_of_thp_swap() (THP_RUN_SINGLE_PTE_SWAPOUT), 1M
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: R/O GUP-fast pin on R/O-mapped shared page (single PTE of swapped-out THP 1M)"
tags conformance cow-selftest anon thp single-pte-of-thp swap thp-1M mthp pin ro-pin longterm fork fast
thp 2M never                                              # run_anon_test_case(): no PMD-sized THP ...
thp 1M always                                             # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=512                 # twice the THP size, for alignment
madvise parent buf[256..511] hugepage                     # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[256] old                                 # mem[0] = 1: the write fault populates a THP
folio parent buf[511] expect 1M:pte                       # SKIP unless the last subpage got populated
write parent buf[256] old                                 # memset(mem, 1, thpsize)
madvise parent buf[257..511] dontneed                     # discard all but the first subpage
folio parent buf[256] expect 1M:pte                       # one PTE maps one page of the THP
madvise parent buf[256] pageout                           # MADV_PAGEOUT [mem, mem + size)
folio parent buf[256] expect swap                         # SKIP unless range_is_swapped()
fork parent child                                         # share the pages with a child (not pinned yet)
read child buf[256] expect old                            # the child is ready and stays alive
pin parent buf[256] ro longterm fast as ropin0 expect ok  # PIN_LONGTERM_TEST_START
write parent buf[256] new                                 # modify the pages through the page table
peek ropin0 expect new                                    # PIN_LONGTERM_TEST_READ: the R/O pin is reliable
read parent buf[256] expect new
release ropin0                                            # PIN_LONGTERM_TEST_STOP
read child buf[256] expect old                            # the child keeps the old content
exit child
exit parent
