# Port of tools/testing/selftests/mm/cow.c: test_vmsplice_before_fork()
#   anon_test_cases[] "vmsplice() before fork(), unmap in parent after fork()", run_with_single_pte_of_thp_swap() (THP_RUN_SINGLE_PTE_SWAPOUT), 128K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: vmsplice() before fork(), unmap in parent after fork() (single PTE of swapped-out THP 128K)"
tags conformance cow-selftest anon thp single-pte-of-thp swap thp-128K mthp vmsplice fork
thp 2M never                                # run_anon_test_case(): no PMD-sized THP ...
thp 128K always                             # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=64    # twice the THP size, for alignment
madvise parent buf[32..63] hugepage         # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[32] old                    # mem[0] = 1: the write fault populates a THP
folio parent buf[63] expect 128K:pte        # SKIP unless the last subpage got populated
write parent buf[32] old                    # memset(mem, 1, thpsize)
madvise parent buf[33..63] dontneed         # discard all but the first subpage
folio parent buf[32] expect 128K:pte        # one PTE maps one page of the THP
madvise parent buf[32] pageout              # MADV_PAGEOUT [mem, mem + size)
folio parent buf[32] expect swap            # SKIP unless range_is_swapped()
vmsplice parent buf[32] as pipe0 expect ok  # R/O GUP reference before fork()
fork parent child
munmap parent buf[32]                       # the parent unmaps the pages
write child buf[32] new                     # the child modifies the pages
exit child
peek pipe0 expect old                       # no leak from child into parent
release pipe0
exit parent
