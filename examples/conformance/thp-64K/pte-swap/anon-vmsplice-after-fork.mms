# Port of tools/testing/selftests/mm/cow.c: test_vmsplice_after_fork()
#   anon_test_cases[] "vmsplice() + unmap in parent after fork()", run_with_pte_mapped_thp_swap() (THP_RUN_PTE_SWAPOUT), 64K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: vmsplice() + unmap in parent after fork() (swapped-out, PTE-mapped THP 64K)"
tags conformance cow-selftest anon thp pte-mapped-thp swap thp-64K mthp vmsplice fork
thp 2M never                                # run_anon_test_case(): no PMD-sized THP ...
thp 64K always                              # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=32    # twice the THP size, for alignment
madvise parent buf[16..31] hugepage         # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[16] old                    # mem[0] = 1: the write fault populates a THP
folio parent buf[31] expect 64K:pte         # SKIP unless the last subpage got populated
write parent buf[16] old                    # memset(mem, 1, thpsize)
write parent buf[31] old
mprotect parent buf[17] ro                  # map one subpage R/O and back: PTE-map the THP
mprotect parent buf[17] rw                  # (below 2M it was PTE-mapped already)
folio parent buf[16] expect 64K:pte
madvise parent buf[16..31] pageout          # MADV_PAGEOUT [mem, mem + size)
folio parent buf[16] expect swap            # SKIP unless range_is_swapped()
folio parent buf[31] expect swap            # SKIP likewise
fork parent child
vmsplice parent buf[16] as pipe0 expect ok  # R/O GUP reference after fork()
vmsplice parent buf[31] as pipe1 expect ok
munmap parent buf[16..31]                   # the parent unmaps the pages
write child buf[16] new                     # the child modifies the pages
write child buf[31] new
exit child
peek pipe0 expect old                       # no leak from child into parent
peek pipe1 expect old
release pipe0
release pipe1
exit parent
