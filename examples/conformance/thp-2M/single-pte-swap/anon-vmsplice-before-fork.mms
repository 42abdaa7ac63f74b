# Port of tools/testing/selftests/mm/cow.c: test_vmsplice_before_fork()
#   anon_test_cases[] "vmsplice() before fork(), unmap in parent after fork()", run_with_single_pte_of_thp_swap() (THP_RUN_SINGLE_PTE_SWAPOUT), 2M
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: vmsplice() before fork(), unmap in parent after fork() (single PTE of swapped-out THP 2M)"
tags conformance cow-selftest anon thp single-pte-of-thp swap thp-2M vmsplice fork
thp 2M always                                # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=1024   # twice the THP size, for alignment
madvise parent buf[512..1023] hugepage       # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[512] old                    # mem[0] = 1: the write fault populates a THP
folio parent buf[1023] expect 2M:pmd         # SKIP unless the last subpage got populated
write parent buf[512] old                    # memset(mem, 1, thpsize)
madvise parent buf[513..1023] dontneed       # discard all but the first subpage
folio parent buf[512] expect 2M:pte          # one PTE maps one page of the THP
madvise parent buf[512] pageout              # MADV_PAGEOUT [mem, mem + size)
folio parent buf[512] expect swap            # SKIP unless range_is_swapped()
vmsplice parent buf[512] as pipe0 expect ok  # R/O GUP reference before fork()
fork parent child
munmap parent buf[512]                       # the parent unmaps the pages
write child buf[512] new                     # the child modifies the pages
exit child
peek pipe0 expect old                        # no leak from child into parent
release pipe0
exit parent
