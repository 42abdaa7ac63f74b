# Port of tools/testing/selftests/mm/cow.c: test_vmsplice_in_child_mprotect()
#   anon_test_cases[] "vmsplice() + unmap in child with mprotect() optimization", run_with_pte_mapped_thp_swap() (THP_RUN_PTE_SWAPOUT), 128K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: vmsplice() + unmap in child with mprotect() optimization (swapped-out, PTE-mapped THP 128K)"
tags conformance cow-selftest anon thp pte-mapped-thp swap thp-128K mthp vmsplice fork cve mprotect
thp 2M never                               # run_anon_test_case(): no PMD-sized THP ...
thp 128K always                            # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=64   # twice the THP size, for alignment
madvise parent buf[32..63] hugepage        # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[32] old                   # mem[0] = 1: the write fault populates a THP
folio parent buf[63] expect 128K:pte       # SKIP unless the last subpage got populated
write parent buf[32] old                   # memset(mem, 1, thpsize)
write parent buf[63] old
mprotect parent buf[33] ro                 # map one subpage R/O and back: PTE-map the THP
mprotect parent buf[33] rw                 # (below 2M it was PTE-mapped already)
folio parent buf[32] expect 128K:pte
madvise parent buf[32..63] pageout         # MADV_PAGEOUT [mem, mem + size)
folio parent buf[32] expect swap           # SKIP unless range_is_swapped()
folio parent buf[63] expect swap           # SKIP likewise
fork parent child
read child buf[32] expect old              # child_vmsplice_memcmp_fn(): back up the content
read child buf[63] expect old
vmsplice child buf[32] as pipe0 expect ok  # R/O GUP reference into a pipe
vmsplice child buf[63] as pipe1 expect ok
munmap child buf[32..63]                   # the child unmaps them from its page tables
mprotect parent buf[32..63] ro             # mprotect() optimization: R/O ...
mprotect parent buf[32..63] rw             # ... then R/W again before the write
write parent buf[32] new                   # the parent modifies the pages
write parent buf[63] new
peek pipe0 expect old                      # the child must not read the parent's new data
peek pipe1 expect old
read parent buf[32] expect new
read parent buf[63] expect new
exit child
release pipe0
release pipe1
exit parent
