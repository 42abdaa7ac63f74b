# Port of tools/testing/selftests/mm/cow.c: test_iouring_ro()
#   anon_test_cases[] "R/O-mapping a page registered as iouring fixed buffer", run_with_partial_shared_thp() (THP_RUN_PARTIAL_SHARED), 256K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: R/O-mapping a page registered as iouring fixed buffer (partially shared THP 256K)"
tags conformance cow-selftest anon thp partial-shared-thp fork dontfork thp-256K mthp iouring pin longterm mprotect
thp 2M never                                   # run_anon_test_case(): no PMD-sized THP ...
thp 256K always                                # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=128      # twice the THP size, for alignment
madvise parent buf[64..127] hugepage           # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[64] old                       # mem[0] = 1: the write fault populates a THP
folio parent buf[127] expect 256K:pte          # SKIP unless the last subpage got populated
write parent buf[64] old                       # memset(mem, 1, thpsize)
write parent buf[127] old
madvise parent buf[65..127] dontfork           # only the first subpage is inherited ...
fork parent sharer
same parent buf[64] sharer buf[64] expect yes  # ... and shared with a child ...
exit sharer                                    # ... that quits at once
madvise parent buf[65..127] dofork             # allow sharing all pages again
folio parent buf[64] expect 256K:pte
iouring parent buf[64] as ring0 expect ok      # FOLL_WRITE|FOLL_PIN|FOLL_LONGTERM
iouring parent buf[127] as ring1 expect ok
mprotect parent buf[64..127] ro                # map the pages R/O ...
mprotect parent buf[64..127] rw                # ... so the next write may fault
write parent buf[64] new                       # modify the pages through the page table
write parent buf[127] new
peek ring0 expect new                          # WRITE_FIXED: the R/W long-term pin is reliable
peek ring1 expect new
read parent buf[64] expect new
read parent buf[127] expect new
release ring0
release ring1
exit parent
