# Port of tools/testing/selftests/mm/cow.c: test_vmsplice_after_fork()
#   anon_test_cases[] "vmsplice() + unmap in parent after fork()", run_with_single_pte_of_thp_swap() (THP_RUN_SINGLE_PTE_SWAPOUT), 64K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: vmsplice() + unmap in parent after fork() (single PTE of swapped-out THP 64K)"
tags conformance cow-selftest anon thp single-pte-of-thp swap thp-64K mthp vmsplice fork
thp 2M never                                # run_anon_test_case(): no PMD-sized THP ...
thp 64K always                              # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=32    # twice the THP size, for alignment
madvise parent buf[16..31] hugepage         # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[16] old                    # mem[0] = 1: the write fault populates a THP
folio parent buf[31] expect 64K:pte         # SKIP unless the last subpage got populated
write parent buf[16] old                    # memset(mem, 1, thpsize)
madvise parent buf[17..31] dontneed         # discard all but the first subpage
folio parent buf[16] expect 64K:pte         # one PTE maps one page of the THP
madvise parent buf[16] pageout              # MADV_PAGEOUT [mem, mem + size)
folio parent buf[16] expect swap            # SKIP unless range_is_swapped()
fork parent child
vmsplice parent buf[16] as pipe0 expect ok  # R/O GUP reference after fork()
munmap parent buf[16]                       # the parent unmaps the pages
write child buf[16] new                     # the child modifies the pages
exit child
peek pipe0 expect old                       # no leak from child into parent
release pipe0
exit parent
