# Port of tools/testing/selftests/mm/cow.c: test_vmsplice_after_fork()
#   anon_test_cases[] "vmsplice() + unmap in parent after fork()", run_with_single_pte_of_thp() (THP_RUN_SINGLE_PTE), 16K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: vmsplice() + unmap in parent after fork() (single PTE of THP 16K)"
tags conformance cow-selftest anon thp single-pte-of-thp thp-16K mthp vmsplice fork
thp 2M never                               # run_anon_test_case(): no PMD-sized THP ...
thp 16K always                             # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=8    # twice the THP size, for alignment
madvise parent buf[4..7] hugepage          # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[4] old                    # mem[0] = 1: the write fault populates a THP
folio parent buf[7] expect 16K:pte         # SKIP unless the last subpage got populated
write parent buf[4] old                    # memset(mem, 1, thpsize)
madvise parent buf[5..7] dontneed          # discard all but the first subpage
folio parent buf[4] expect 16K:pte         # one PTE maps one page of the THP
folio parent buf[5] expect none
fork parent child
vmsplice parent buf[4] as pipe0 expect ok  # R/O GUP reference after fork()
munmap parent buf[4]                       # the parent unmaps the pages
write child buf[4] new                     # the child modifies the pages
exit child
peek pipe0 expect old                      # no leak from child into parent
release pipe0
exit parent
