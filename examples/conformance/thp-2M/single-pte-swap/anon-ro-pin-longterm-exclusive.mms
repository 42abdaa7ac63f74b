# Port of tools/testing/selftests/mm/cow.c: test_ro_pin_on_ro_exclusive()
#   anon_test_cases[] "R/O GUP pin on R/O-mapped exclusive page", run_with_single_pte_of_thp_swap() (THP_RUN_SINGLE_PTE_SWAPOUT), 2M
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: R/O GUP pin on R/O-mapped exclusive page (single PTE of swapped-out THP 2M)"
tags conformance cow-selftest anon thp single-pte-of-thp swap thp-2M pin ro-pin longterm mprotect
thp 2M always                                        # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=1024           # twice the THP size, for alignment
madvise parent buf[512..1023] hugepage               # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[512] old                            # mem[0] = 1: the write fault populates a THP
folio parent buf[1023] expect 2M:pmd                 # SKIP unless the last subpage got populated
write parent buf[512] old                            # memset(mem, 1, thpsize)
madvise parent buf[513..1023] dontneed               # discard all but the first subpage
folio parent buf[512] expect 2M:pte                  # one PTE maps one page of the THP
madvise parent buf[512] pageout                      # MADV_PAGEOUT [mem, mem + size)
folio parent buf[512] expect swap                    # SKIP unless range_is_swapped()
mprotect parent buf[512] ro                          # map the exclusive pages R/O ...
mprotect parent buf[512] rw                          # ... the next write faults
pin parent buf[512] ro longterm as ropin0 expect ok  # PIN_LONGTERM_TEST_START
write parent buf[512] new                            # modify the pages through the page table
peek ropin0 expect new                               # PIN_LONGTERM_TEST_READ: the R/O pin is reliable
read parent buf[512] expect new
release ropin0                                       # PIN_LONGTERM_TEST_STOP
exit parent
