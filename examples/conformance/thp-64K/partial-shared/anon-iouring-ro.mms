# Port of tools/testing/selftests/mm/cow.c: test_iouring_ro()
#   anon_test_cases[] "R/O-mapping a page registered as iouring fixed buffer", run_with_partial_shared_thp() (THP_RUN_PARTIAL_SHARED), 64K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: R/O-mapping a page registered as iouring fixed buffer (partially shared THP 64K)"
tags conformance cow-selftest anon thp partial-shared-thp fork dontfork thp-64K mthp iouring pin longterm mprotect
thp 2M never                                   # run_anon_test_case(): no PMD-sized THP ...
thp 64K always                                 # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=32       # twice the THP size, for alignment
madvise parent buf[16..31] hugepage            # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[16] old                       # mem[0] = 1: the write fault populates a THP
folio parent buf[31] expect 64K:pte            # SKIP unless the last subpage got populated
write parent buf[16] old                       # memset(mem, 1, thpsize)
write parent buf[31] old
madvise parent buf[17..31] dontfork            # only the first subpage is inherited ...
fork parent sharer
same parent buf[16] sharer buf[16] expect yes  # ... and shared with a child ...
exit sharer                                    # ... that quits at once
madvise parent buf[17..31] dofork              # allow sharing all pages again
folio parent buf[16] expect 64K:pte
iouring parent buf[16] as ring0 expect ok      # FOLL_WRITE|FOLL_PIN|FOLL_LONGTERM
iouring parent buf[31] as ring1 expect ok
mprotect parent buf[16..31] ro                 # map the pages R/O ...
mprotect parent buf[16..31] rw                 # ... so the next write may fault
write parent buf[16] new                       # modify the pages through the page table
write parent buf[31] new
peek ring0 expect new                          # WRITE_FIXED: the R/W long-term pin is reliable
peek ring1 expect new
read parent buf[16] expect new
read parent buf[31] expect new
release ring0
release ring1
exit parent
