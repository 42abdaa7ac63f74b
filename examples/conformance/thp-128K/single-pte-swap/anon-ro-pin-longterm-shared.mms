# Port of tools/testing/selftests/mm/cow.c: test_ro_pin_on_shared()
#   anon_test_cases[] "R/O GUP pin on R/O-mapped shared page", run_with_single_pte_of_thp_swap() (THP_RUN_SINGLE_PTE_SWAPOUT), 128K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: R/O GUP pin on R/O-mapped shared page (single PTE of swapped-out THP 128K)"
tags conformance cow-selftest anon thp single-pte-of-thp swap thp-128K mthp pin ro-pin longterm fork
thp 2M never                                        # run_anon_test_case(): no PMD-sized THP ...
thp 128K always                                     # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=64            # twice the THP size, for alignment
madvise parent buf[32..63] hugepage                 # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[32] old                            # mem[0] = 1: the write fault populates a THP
folio parent buf[63] expect 128K:pte                # SKIP unless the last subpage got populated
write parent buf[32] old                            # memset(mem, 1, thpsize)
madvise parent buf[33..63] dontneed                 # discard all but the first subpage
folio parent buf[32] expect 128K:pte                # one PTE maps one page of the THP
madvise parent buf[32] pageout                      # MADV_PAGEOUT [mem, mem + size)
folio parent buf[32] expect swap                    # SKIP unless range_is_swapped()
fork parent child                                   # share the pages with a child (not pinned yet)
read child buf[32] expect old                       # the child is ready and stays alive
pin parent buf[32] ro longterm as ropin0 expect ok  # PIN_LONGTERM_TEST_START
write parent buf[32] new                            # modify the pages through the page table
peek ropin0 expect new                              # PIN_LONGTERM_TEST_READ: the R/O pin is reliable
read parent buf[32] expect new
release ropin0                                      # PIN_LONGTERM_TEST_STOP
read child buf[32] expect old                       # the child keeps the old content
exit child
exit parent
