# Port of tools/testing/selftests/mm/cow.c: test_vmsplice_before_fork()
#   anon_test_cases[] "vmsplice() before fork(), unmap in parent after fork()", run_with_pte_mapped_thp_swap() (THP_RUN_PTE_SWAPOUT), 2M
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: vmsplice() before fork(), unmap in parent after fork() (swapped-out, PTE-mapped THP 2M)"
tags conformance cow-selftest anon thp pte-mapped-thp swap thp-2M vmsplice fork
thp 2M always                                # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=1024   # twice the THP size, for alignment
madvise parent buf[512..1023] hugepage       # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[512] old                    # mem[0] = 1: the write fault populates a THP
folio parent buf[1023] expect 2M:pmd         # SKIP unless the last subpage got populated
write parent buf[512] old                    # memset(mem, 1, thpsize)
write parent buf[1023] old
mprotect parent buf[513] ro                  # map one subpage R/O and back: PTE-map the THP
mprotect parent buf[513] rw                  # (below 2M it was PTE-mapped already)
folio parent buf[512] expect 2M:pte
madvise parent buf[512..1023] pageout        # MADV_PAGEOUT [mem, mem + size)
folio parent buf[512] expect swap            # SKIP unless range_is_swapped()
folio parent buf[1023] expect swap           # SKIP likewise
vmsplice parent buf[512] as pipe0 expect ok  # R/O GUP reference before fork()
vmsplice parent buf[1023] as pipe1 expect ok
fork parent child
munmap parent buf[512..1023]                 # the parent unmaps the pages
write child buf[512] new                     # the child modifies the pages
write child buf[1023] new
exit child
peek pipe0 expect old                        # no leak from child into parent
peek pipe1 expect old
release pipe0
release pipe1
exit parent
