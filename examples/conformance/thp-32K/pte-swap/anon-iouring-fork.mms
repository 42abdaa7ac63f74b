# Port of tools/testing/selftests/mm/cow.c: test_iouring_fork()
#   anon_test_cases[] "fork() with an iouring fixed buffer", run_with_pte_mapped_thp_swap() (THP_RUN_PTE_SWAPOUT), 32K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: fork() with an iouring fixed buffer (swapped-out, PTE-mapped THP 32K)"
tags conformance cow-selftest anon thp pte-mapped-thp swap thp-32K mthp iouring pin longterm fork
thp 2M never                              # run_anon_test_case(): no PMD-sized THP ...
thp 32K always                            # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=16  # twice the THP size, for alignment
madvise parent buf[8..15] hugepage        # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[8] old                   # mem[0] = 1: the write fault populates a THP
folio parent buf[15] expect 32K:pte       # SKIP unless the last subpage got populated
write parent buf[8] old                   # memset(mem, 1, thpsize)
write parent buf[15] old
mprotect parent buf[9] ro                 # map one subpage R/O and back: PTE-map the THP
mprotect parent buf[9] rw                 # (below 2M it was PTE-mapped already)
folio parent buf[8] expect 32K:pte
madvise parent buf[8..15] pageout         # MADV_PAGEOUT [mem, mem + size)
folio parent buf[8] expect swap           # SKIP unless range_is_swapped()
folio parent buf[15] expect swap          # SKIP likewise
iouring parent buf[8] as ring0 expect ok  # FOLL_WRITE|FOLL_PIN|FOLL_LONGTERM
iouring parent buf[15] as ring1 expect ok
fork parent child                         # the pinned pages must not get shared with the child
write parent buf[8] new                   # modify the pages (child still alive)
write parent buf[15] new
peek ring0 expect new                     # the R/W long-term pin is reliable
peek ring1 expect new
read child buf[8] expect old              # the child got its own copy at fork()
read child buf[15] expect old
exit child
release ring0
release ring1
exit parent
