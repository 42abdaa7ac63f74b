# Port of tools/testing/selftests/mm/cow.c: test_ro_pin_on_ro_exclusive()
#   anon_test_cases[] "R/O GUP pin on R/O-mapped exclusive page", run_with_pte_mapped_thp() (THP_RUN_PTE), 256K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: R/O GUP pin on R/O-mapped exclusive page (PTE-mapped THP 256K)"
tags conformance cow-selftest anon thp pte-mapped-thp thp-256K mthp pin ro-pin longterm mprotect
thp 2M never                                        # run_anon_test_case(): no PMD-sized THP ...
thp 256K always                                     # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=128           # twice the THP size, for alignment
madvise parent buf[64..127] hugepage                # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[64] old                            # mem[0] = 1: the write fault populates a THP
folio parent buf[127] expect 256K:pte               # SKIP unless the last subpage got populated
write parent buf[64] old                            # memset(mem, 1, thpsize)
write parent buf[127] old
mprotect parent buf[65] ro                          # map one subpage R/O and back: PTE-map the THP
mprotect parent buf[65] rw                          # (below 2M it was PTE-mapped already)
folio parent buf[64] expect 256K:pte
mprotect parent buf[64..127] ro                     # map the exclusive pages R/O ...
mprotect parent buf[64..127] rw                     # ... the next write faults
pin parent buf[64] ro longterm as ropin0 expect ok  # PIN_LONGTERM_TEST_START
pin parent buf[127] ro longterm as ropin1 expect ok
write parent buf[64] new                            # modify the pages through the page table
write parent buf[127] new
peek ropin0 expect new                              # PIN_LONGTERM_TEST_READ: the R/O pin is reliable
peek ropin1 expect new
read parent buf[64] expect new
read parent buf[127] expect new
release ropin0                                      # PIN_LONGTERM_TEST_STOP
release ropin1
exit parent
