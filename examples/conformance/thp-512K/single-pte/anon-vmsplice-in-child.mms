# Port of tools/testing/selftests/mm/cow.c: test_vmsplice_in_child()
#   anon_test_cases[] "vmsplice() + unmap in child", run_with_single_pte_of_thp() (THP_RUN_SINGLE_PTE), 512K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: vmsplice() + unmap in child (single PTE of THP 512K)"
tags conformance cow-selftest anon thp single-pte-of-thp thp-512K mthp vmsplice fork cve
thp 2M never                                # run_anon_test_case(): no PMD-sized THP ...
thp 512K always                             # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=256   # twice the THP size, for alignment
madvise parent buf[128..255] hugepage       # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[128] old                   # mem[0] = 1: the write fault populates a THP
folio parent buf[255] expect 512K:pte       # SKIP unless the last subpage got populated
write parent buf[128] old                   # memset(mem, 1, thpsize)
madvise parent buf[129..255] dontneed       # discard all but the first subpage
folio parent buf[128] expect 512K:pte       # one PTE maps one page of the THP
folio parent buf[129] expect none
fork parent child
read child buf[128] expect old              # child_vmsplice_memcmp_fn(): back up the content
vmsplice child buf[128] as pipe0 expect ok  # R/O GUP reference into a pipe
munmap child buf[128]                       # the child unmaps them from its page tables
write parent buf[128] new                   # the parent modifies the pages
peek pipe0 expect old                       # the child must not read the parent's new data
read parent buf[128] expect new
exit child
release pipe0
exit parent
