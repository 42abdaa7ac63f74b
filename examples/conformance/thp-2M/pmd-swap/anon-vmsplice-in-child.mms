# Port of tools/testing/selftests/mm/cow.c: test_vmsplice_in_child()
#   anon_test_cases[] "vmsplice() + unmap in child", run_with_thp_swap() (THP_RUN_PMD_SWAPOUT), 2M
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: vmsplice() + unmap in child (swapped-out THP 2M)"
tags conformance cow-selftest anon thp pmd-mapped-thp swap thp-2M vmsplice fork cve
thp 2M always                               # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=1024  # twice the THP size, for alignment
madvise parent buf[512..1023] hugepage      # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[512] old                   # mem[0] = 1: the write fault populates a THP
folio parent buf[1023] expect 2M:pmd        # SKIP unless the last subpage got populated
write parent buf[512] old                   # memset(mem, 1, thpsize)
write parent buf[1023] old
madvise parent buf[512..1023] pageout       # MADV_PAGEOUT [mem, mem + size)
folio parent buf[512] expect swap           # SKIP unless range_is_swapped()
folio parent buf[1023] expect swap          # SKIP likewise
fork parent child
read child buf[512] expect old              # child_vmsplice_memcmp_fn(): back up the content
read child buf[1023] expect old
vmsplice child buf[512] as pipe0 expect ok  # R/O GUP reference into a pipe
vmsplice child buf[1023] as pipe1 expect ok
munmap child buf[512..1023]                 # the child unmaps them from its page tables
write parent buf[512] new                   # the parent modifies the pages
write parent buf[1023] new
peek pipe0 expect old                       # the child must not read the parent's new data
peek pipe1 expect old
read parent buf[512] expect new
read parent buf[1023] expect new
exit child
release pipe0
release pipe1
exit parent
