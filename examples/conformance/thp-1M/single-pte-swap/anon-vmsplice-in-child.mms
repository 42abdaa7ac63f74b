# Port of tools/testing/selftests/mm/cow.c: test_vmsplice_in_child()
#   anon_test_cases[] "vmsplice() + unmap in child", run_with_single_pte_of_thp_swap() (THP_RUN_SINGLE_PTE_SWAPOUT), 1M
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: vmsplice() + unmap in child (single PTE of swapped-out THP 1M)"
tags conformance cow-selftest anon thp single-pte-of-thp swap thp-1M mthp vmsplice fork cve
thp 2M never                                # run_anon_test_case(): no PMD-sized THP ...
thp 1M always                               # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=512   # twice the THP size, for alignment
madvise parent buf[256..511] hugepage       # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[256] old                   # mem[0] = 1: the write fault populates a THP
folio parent buf[511] expect 1M:pte         # SKIP unless the last subpage got populated
write parent buf[256] old                   # memset(mem, 1, thpsize)
madvise parent buf[257..511] dontneed       # discard all but the first subpage
folio parent buf[256] expect 1M:pte         # one PTE maps one page of the THP
madvise parent buf[256] pageout             # MADV_PAGEOUT [mem, mem + size)
folio parent buf[256] expect swap           # SKIP unless range_is_swapped()
fork parent child
read child buf[256] expect old              # child_vmsplice_memcmp_fn(): back up the content
vmsplice child buf[256] as pipe0 expect ok  # R/O GUP reference into a pipe
munmap child buf[256]                       # the child unmaps them from its page tables
write parent buf[256] new                   # the parent modifies the pages
peek pipe0 expect old                       # the child must not read the parent's new data
read parent buf[256] expect new
exit child
release pipe0
exit parent
