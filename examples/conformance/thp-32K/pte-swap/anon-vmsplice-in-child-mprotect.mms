# Port of tools/testing/selftests/mm/cow.c: test_vmsplice_in_child_mprotect()
#   anon_test_cases[] "vmsplice() + unmap in child with mprotect() optimization", run_with_pte_mapped_thp_swap() (THP_RUN_PTE_SWAPOUT), 32K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: vmsplice() + unmap in child with mprotect() optimization (swapped-out, PTE-mapped THP 32K)"
tags conformance cow-selftest anon thp pte-mapped-thp swap thp-32K mthp vmsplice fork cve mprotect
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
fork parent child
read child buf[8] expect old              # child_vmsplice_memcmp_fn(): back up the content
read child buf[15] expect old
vmsplice child buf[8] as pipe0 expect ok  # R/O GUP reference into a pipe
vmsplice child buf[15] as pipe1 expect ok
munmap child buf[8..15]                   # the child unmaps them from its page tables
mprotect parent buf[8..15] ro             # mprotect() optimization: R/O ...
mprotect parent buf[8..15] rw             # ... then R/W again before the write
write parent buf[8] new                   # the parent modifies the pages
write parent buf[15] new
peek pipe0 expect old                     # the child must not read the parent's new data
peek pipe1 expect old
read parent buf[8] expect new
read parent buf[15] expect new
exit child
release pipe0
release pipe1
exit parent
