# Port of tools/testing/selftests/mm/cow.c: test_vmsplice_in_child_mprotect()
#   anon_test_cases[] "vmsplice() + unmap in child with mprotect() optimization", run_with_single_pte_of_thp_swap() (THP_RUN_SINGLE_PTE_SWAPOUT), 2M
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: vmsplice() + unmap in child with mprotect() optimization (single PTE of swapped-out THP 2M)"
tags conformance cow-selftest anon thp single-pte-of-thp swap thp-2M vmsplice fork cve mprotect
thp 2M always                               # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=1024  # twice the THP size, for alignment
madvise parent buf[512..1023] hugepage      # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[512] old                   # mem[0] = 1: the write fault populates a THP
folio parent buf[1023] expect 2M:pmd        # SKIP unless the last subpage got populated
write parent buf[512] old                   # memset(mem, 1, thpsize)
madvise parent buf[513..1023] dontneed      # discard all but the first subpage
folio parent buf[512] expect 2M:pte         # one PTE maps one page of the THP
madvise parent buf[512] pageout             # MADV_PAGEOUT [mem, mem + size)
folio parent buf[512] expect swap           # SKIP unless range_is_swapped()
fork parent child
read child buf[512] expect old              # child_vmsplice_memcmp_fn(): back up the content
vmsplice child buf[512] as pipe0 expect ok  # R/O GUP reference into a pipe
munmap child buf[512]                       # the child unmaps them from its page tables
mprotect parent buf[512] ro                 # mprotect() optimization: R/O ...
mprotect parent buf[512] rw                 # ... then R/W again before the write
write parent buf[512] new                   # the parent modifies the pages
peek pipe0 expect old                       # the child must not read the parent's new data
read parent buf[512] expect new
exit child
release pipe0
exit parent
