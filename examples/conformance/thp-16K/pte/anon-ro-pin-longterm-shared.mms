# Port of tools/testing/selftests/mm/cow.c: test_ro_pin_on_shared()
#   anon_test_cases[] "R/O GUP pin on R/O-mapped shared page", run_with_pte_mapped_thp() (THP_RUN_PTE), 16K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: R/O GUP pin on R/O-mapped shared page (PTE-mapped THP 16K)"
tags conformance cow-selftest anon thp pte-mapped-thp thp-16K mthp pin ro-pin longterm fork
thp 2M never                                       # run_anon_test_case(): no PMD-sized THP ...
thp 16K always                                     # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=8            # twice the THP size, for alignment
madvise parent buf[4..7] hugepage                  # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[4] old                            # mem[0] = 1: the write fault populates a THP
folio parent buf[7] expect 16K:pte                 # SKIP unless the last subpage got populated
write parent buf[4] old                            # memset(mem, 1, thpsize)
write parent buf[7] old
mprotect parent buf[5] ro                          # map one subpage R/O and back: PTE-map the THP
mprotect parent buf[5] rw                          # (below 2M it was PTE-mapped already)
folio parent buf[4] expect 16K:pte
fork parent child                                  # share the pages with a child (not pinned yet)
read child buf[4] expect old                       # the child is ready and stays alive
read child buf[7] expect old
pin parent buf[4] ro longterm as ropin0 expect ok  # PIN_LONGTERM_TEST_START
pin parent buf[7] ro longterm as ropin1 expect ok
write parent buf[4] new                            # modify the pages through the page table
write parent buf[7] new
peek ropin0 expect new                             # PIN_LONGTERM_TEST_READ: the R/O pin is reliable
peek ropin1 expect new
read parent buf[4] expect new
read parent buf[7] expect new
release ropin0                                     # PIN_LONGTERM_TEST_STOP
release ropin1
read child buf[4] expect old                       # the child keeps the old content
read child buf[7] expect old
exit child
exit parent
