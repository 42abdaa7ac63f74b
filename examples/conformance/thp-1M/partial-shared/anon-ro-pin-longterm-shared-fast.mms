# Port of tools/testing/selftests/mm/cow.c: test_ro_fast_pin_on_shared()
#   anon_test_cases[] "R/O GUP-fast pin on R/O-mapped shared page", run_with_partial_shared_thp() (THP_RUN_PARTIAL_SHARED), 1M
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: R/O GUP-fast pin on R/O-mapped shared page (partially shared THP 1M)"
tags conformance cow-selftest anon thp partial-shared-thp fork dontfork thp-1M mthp pin ro-pin longterm fast
thp 2M never                                              # run_anon_test_case(): no PMD-sized THP ...
thp 1M always                                             # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=512                 # twice the THP size, for alignment
madvise parent buf[256..511] hugepage                     # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[256] old                                 # mem[0] = 1: the write fault populates a THP
folio parent buf[511] expect 1M:pte                       # SKIP unless the last subpage got populated
write parent buf[256] old                                 # memset(mem, 1, thpsize)
write parent buf[511] old
madvise parent buf[257..511] dontfork                     # only the first subpage is inherited ...
fork parent sharer
same parent buf[256] sharer buf[256] expect yes           # ... and shared with a child ...
exit sharer                                               # ... that quits at once
madvise parent buf[257..511] dofork                       # allow sharing all pages again
folio parent buf[256] expect 1M:pte
fork parent child                                         # share the pages with a child (not pinned yet)
read child buf[256] expect old                            # the child is ready and stays alive
read child buf[511] expect old
pin parent buf[256] ro longterm fast as ropin0 expect ok  # PIN_LONGTERM_TEST_START
pin parent buf[511] ro longterm fast as ropin1 expect ok
write parent buf[256] new                                 # modify the pages through the page table
write parent buf[511] new
peek ropin0 expect new                                    # PIN_LONGTERM_TEST_READ: the R/O pin is reliable
peek ropin1 expect new
read parent buf[256] expect new
read parent buf[511] expect new
release ropin0                                            # PIN_LONGTERM_TEST_STOP
release ropin1
read child buf[256] expect old                            # the child keeps the old content
read child buf[511] expect old
exit child
exit parent
