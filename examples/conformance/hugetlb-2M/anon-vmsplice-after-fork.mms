# Port of tools/testing/selftests/mm/cow.c: test_vmsplice_after_fork()
#   anon_test_cases[] "vmsplice() + unmap in parent after fork()", run_with_hugetlb(), 2M
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: vmsplice() + unmap in parent after fork() (hugetlb 2M)"
tags conformance cow-selftest anon hugetlb hugetlb-2M vmsplice fork xfail
hugetlb 2M pages=2                                                # COW and unsharing need a second huge page
spawn parent
mmap parent buf hugetlb private rw pages=512 size=2M expect ok    # SKIP if it fails ("need more free huge pages")
write parent buf[0] old                                           # memset(mem, 1, hugetlbsize): populate it
write parent buf[511] old
folio parent buf[0] expect 2M:hugetlb
mmap parent dummy hugetlb private rw pages=512 size=2M expect ok  # SKIP unless a second huge page can be had
munmap parent dummy
fork parent child
vmsplice parent buf[0] as pipe0 expect ok                         # R/O GUP reference after fork()
vmsplice parent buf[511] as pipe1 expect ok
munmap parent buf[0..511]                                         # the parent unmaps the pages
write child buf[0] new                                            # the child modifies the pages
write child buf[511] new
exit child
peek pipe0 expect old                                             # no leak from child into parent
peek pipe1 expect old
release pipe0
release pipe1
exit parent
