# Port of tools/testing/selftests/mm/cow.c: test_ro_pin_on_ro_previously_shared()
#   anon_test_cases[] "R/O GUP pin on R/O-mapped previously-shared page", run_with_single_pte_of_thp() (THP_RUN_SINGLE_PTE), 16K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: R/O GUP pin on R/O-mapped previously-shared page (single PTE of THP 16K)"
tags conformance cow-selftest anon thp single-pte-of-thp thp-16K mthp pin ro-pin longterm fork
thp 2M never                                       # run_anon_test_case(): no PMD-sized THP ...
thp 16K always                                     # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=8            # twice the THP size, for alignment
madvise parent buf[4..7] hugepage                  # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[4] old                            # mem[0] = 1: the write fault populates a THP
folio parent buf[7] expect 16K:pte                 # SKIP unless the last subpage got populated
write parent buf[4] old                            # memset(mem, 1, thpsize)
madvise parent buf[5..7] dontneed                  # discard all but the first subpage
folio parent buf[4] expect 16K:pte                 # one PTE maps one page of the THP
folio parent buf[5] expect none
fork parent child                                  # share the pages with a child ...
exit child                                         # ... that quits: mapped R/O, no longer shared
pin parent buf[4] ro longterm as ropin0 expect ok  # PIN_LONGTERM_TEST_START
write parent buf[4] new                            # modify the pages through the page table
peek ropin0 expect new                             # PIN_LONGTERM_TEST_READ: the R/O pin is reliable
read parent buf[4] expect new
release ropin0                                     # PIN_LONGTERM_TEST_STOP
exit parent
