# Port of tools/testing/selftests/mm/cow.c: test_ro_pin_on_ro_previously_shared()
#   anon_test_cases[] "R/O GUP pin on R/O-mapped previously-shared page", run_with_single_pte_of_thp() (THP_RUN_SINGLE_PTE), 256K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: R/O GUP pin on R/O-mapped previously-shared page (single PTE of THP 256K)"
tags conformance cow-selftest anon thp single-pte-of-thp thp-256K mthp pin ro-pin longterm fork
thp 2M never                                        # run_anon_test_case(): no PMD-sized THP ...
thp 256K always                                     # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=128           # twice the THP size, for alignment
madvise parent buf[64..127] hugepage                # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[64] old                            # mem[0] = 1: the write fault populates a THP
folio parent buf[127] expect 256K:pte               # SKIP unless the last subpage got populated
write parent buf[64] old                            # memset(mem, 1, thpsize)
madvise parent buf[65..127] dontneed                # discard all but the first subpage
folio parent buf[64] expect 256K:pte                # one PTE maps one page of the THP
folio parent buf[65] expect none
fork parent child                                   # share the pages with a child ...
exit child                                          # ... that quits: mapped R/O, no longer shared
pin parent buf[64] ro longterm as ropin0 expect ok  # PIN_LONGTERM_TEST_START
write parent buf[64] new                            # modify the pages through the page table
peek ropin0 expect new                              # PIN_LONGTERM_TEST_READ: the R/O pin is reliable
read parent buf[64] expect new
release ropin0                                      # PIN_LONGTERM_TEST_STOP
exit parent
