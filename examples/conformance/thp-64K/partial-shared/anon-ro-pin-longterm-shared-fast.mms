# Port of tools/testing/selftests/mm/cow.c: test_ro_fast_pin_on_shared()
#   anon_test_cases[] "R/O GUP-fast pin on R/O-mapped shared page", run_with_partial_shared_thp() (THP_RUN_PARTIAL_SHARED), 64K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: R/O GUP-fast pin on R/O-mapped shared page (partially shared THP 64K)"
tags conformance cow-selftest anon thp partial-shared-thp fork dontfork thp-64K mthp pin ro-pin longterm fast
thp 2M never                                             # run_anon_test_case(): no PMD-sized THP ...
thp 64K always                                           # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=32                 # twice the THP size, for alignment
madvise parent buf[16..31] hugepage                      # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[16] old                                 # mem[0] = 1: the write fault populates a THP
folio parent buf[31] expect 64K:pte                      # SKIP unless the last subpage got populated
write parent buf[16] old                                 # memset(mem, 1, thpsize)
write parent buf[31] old
madvise parent buf[17..31] dontfork                      # only the first subpage is inherited ...
fork parent sharer
same parent buf[16] sharer buf[16] expect yes            # ... and shared with a child ...
exit sharer                                              # ... that quits at once
madvise parent buf[17..31] dofork                        # allow sharing all pages again
folio parent buf[16] expect 64K:pte
fork parent child                                        # share the pages with a child (not pinned yet)
read child buf[16] expect old                            # the child is ready and stays alive
read child buf[31] expect old
pin parent buf[16] ro longterm fast as ropin0 expect ok  # PIN_LONGTERM_TEST_START
pin parent buf[31] ro longterm fast as ropin1 expect ok
write parent buf[16] new                                 # modify the pages through the page table
write parent buf[31] new
peek ropin0 expect new                                   # PIN_LONGTERM_TEST_READ: the R/O pin is reliable
peek ropin1 expect new
read parent buf[16] expect new
read parent buf[31] expect new
release ropin0                                           # PIN_LONGTERM_TEST_STOP
release ropin1
read child buf[16] expect old                            # the child keeps the old content
read child buf[31] expect old
exit child
exit parent
