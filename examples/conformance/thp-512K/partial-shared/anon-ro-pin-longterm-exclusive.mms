# Port of tools/testing/selftests/mm/cow.c: test_ro_pin_on_ro_exclusive()
#   anon_test_cases[] "R/O GUP pin on R/O-mapped exclusive page", run_with_partial_shared_thp() (THP_RUN_PARTIAL_SHARED), 512K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: R/O GUP pin on R/O-mapped exclusive page (partially shared THP 512K)"
tags conformance cow-selftest anon thp partial-shared-thp fork dontfork thp-512K mthp pin ro-pin longterm mprotect
thp 2M never                                         # run_anon_test_case(): no PMD-sized THP ...
thp 512K always                                      # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=256            # twice the THP size, for alignment
madvise parent buf[128..255] hugepage                # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[128] old                            # mem[0] = 1: the write fault populates a THP
folio parent buf[255] expect 512K:pte                # SKIP unless the last subpage got populated
write parent buf[128] old                            # memset(mem, 1, thpsize)
write parent buf[255] old
madvise parent buf[129..255] dontfork                # only the first subpage is inherited ...
fork parent sharer
same parent buf[128] sharer buf[128] expect yes      # ... and shared with a child ...
exit sharer                                          # ... that quits at once
madvise parent buf[129..255] dofork                  # allow sharing all pages again
folio parent buf[128] expect 512K:pte
mprotect parent buf[128..255] ro                     # map the exclusive pages R/O ...
mprotect parent buf[128..255] rw                     # ... the next write faults
pin parent buf[128] ro longterm as ropin0 expect ok  # PIN_LONGTERM_TEST_START
pin parent buf[255] ro longterm as ropin1 expect ok
write parent buf[128] new                            # modify the pages through the page table
write parent buf[255] new
peek ropin0 expect new                               # PIN_LONGTERM_TEST_READ: the R/O pin is reliable
peek ropin1 expect new
read parent buf[128] expect new
read parent buf[255] expect new
release ropin0                                       # PIN_LONGTERM_TEST_STOP
release ropin1
exit parent
