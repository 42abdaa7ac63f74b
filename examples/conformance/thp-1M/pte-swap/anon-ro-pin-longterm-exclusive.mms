# Port of tools/testing/selftests/mm/cow.c: test_ro_pin_on_ro_exclusive()
#   anon_test_cases[] "R/O GUP pin on R/O-mapped exclusive page", run_with_pte_mapped_thp_swap() (THP_RUN_PTE_SWAPOUT), 1M
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: R/O GUP pin on R/O-mapped exclusive page (swapped-out, PTE-mapped THP 1M)"
tags conformance cow-selftest anon thp pte-mapped-thp swap thp-1M mthp pin ro-pin longterm mprotect
thp 2M never                                         # run_anon_test_case(): no PMD-sized THP ...
thp 1M always                                        # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=512            # twice the THP size, for alignment
madvise parent buf[256..511] hugepage                # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[256] old                            # mem[0] = 1: the write fault populates a THP
folio parent buf[511] expect 1M:pte                  # SKIP unless the last subpage got populated
write parent buf[256] old                            # memset(mem, 1, thpsize)
write parent buf[511] old
mprotect parent buf[257] ro                          # map one subpage R/O and back: PTE-map the THP
mprotect parent buf[257] rw                          # (below 2M it was PTE-mapped already)
folio parent buf[256] expect 1M:pte
madvise parent buf[256..511] pageout                 # MADV_PAGEOUT [mem, mem + size)
folio parent buf[256] expect swap                    # SKIP unless range_is_swapped()
folio parent buf[511] expect swap                    # SKIP likewise
mprotect parent buf[256..511] ro                     # map the exclusive pages R/O ...
mprotect parent buf[256..511] rw                     # ... the next write faults
pin parent buf[256] ro longterm as ropin0 expect ok  # PIN_LONGTERM_TEST_START
pin parent buf[511] ro longterm as ropin1 expect ok
write parent buf[256] new                            # modify the pages through the page table
write parent buf[511] new
peek ropin0 expect new                               # PIN_LONGTERM_TEST_READ: the R/O pin is reliable
peek ropin1 expect new
read parent buf[256] expect new
read parent buf[511] expect new
release ropin0                                       # PIN_LONGTERM_TEST_STOP
release ropin1
exit parent
