# Port of tools/testing/selftests/mm/cow.c: test_vmsplice_in_child()
#   anon_test_cases[] "vmsplice() + unmap in child", run_with_hugetlb(), 2M
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: vmsplice() + unmap in child (hugetlb 2M)"
tags conformance cow-selftest anon hugetlb hugetlb-2M vmsplice fork cve xfail
hugetlb 2M pages=2                                                # COW and unsharing need a second huge page
spawn parent
mmap parent buf hugetlb private rw pages=512 size=2M expect ok    # SKIP if it fails ("need more free huge pages")
write parent buf[0] old                                           # memset(mem, 1, hugetlbsize): populate it
write parent buf[511] old
folio parent buf[0] expect 2M:hugetlb
mmap parent dummy hugetlb private rw pages=512 size=2M expect ok  # SKIP unless a second huge page can be had
munmap parent dummy
fork parent child
read child buf[0] expect old                                      # child_vmsplice_memcmp_fn(): back up the content
read child buf[511] expect old
vmsplice child buf[0] as pipe0 expect ok                          # R/O GUP reference into a pipe
vmsplice child buf[511] as pipe1 expect ok
munmap child buf[0..511]                                          # the child unmaps them from its page tables
write parent buf[0] new                                           # the parent modifies the pages
write parent buf[511] new
peek pipe0 expect old                                             # the child must not read the parent's new data
peek pipe1 expect old
read parent buf[0] expect new
read parent buf[511] expect new
exit child
release pipe0
release pipe1
exit parent
