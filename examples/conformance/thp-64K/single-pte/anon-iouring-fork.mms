# Port of tools/testing/selftests/mm/cow.c: test_iouring_fork()
#   anon_test_cases[] "fork() with an iouring fixed buffer", run_with_single_pte_of_thp() (THP_RUN_SINGLE_PTE), 64K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: fork() with an iouring fixed buffer (single PTE of THP 64K)"
tags conformance cow-selftest anon thp single-pte-of-thp thp-64K mthp iouring pin longterm fork
thp 2M never                               # run_anon_test_case(): no PMD-sized THP ...
thp 64K always                             # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=32   # twice the THP size, for alignment
madvise parent buf[16..31] hugepage        # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[16] old                   # mem[0] = 1: the write fault populates a THP
folio parent buf[31] expect 64K:pte        # SKIP unless the last subpage got populated
write parent buf[16] old                   # memset(mem, 1, thpsize)
madvise parent buf[17..31] dontneed        # discard all but the first subpage
folio parent buf[16] expect 64K:pte        # one PTE maps one page of the THP
folio parent buf[17] expect none
iouring parent buf[16] as ring0 expect ok  # FOLL_WRITE|FOLL_PIN|FOLL_LONGTERM
fork parent child                          # the pinned pages must not get shared with the child
write parent buf[16] new                   # modify the pages (child still alive)
peek ring0 expect new                      # the R/W long-term pin is reliable
read child buf[16] expect old              # the child got its own copy at fork()
exit child
release ring0
exit parent
