# Port of tools/testing/selftests/mm/cow.c: test_vmsplice_before_fork()
#   anon_test_cases[] "vmsplice() before fork(), unmap in parent after fork()", run_with_hugetlb(), 1G
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: vmsplice() before fork(), unmap in parent after fork() (hugetlb 1G)"
tags conformance cow-selftest anon hugetlb hugetlb-1G vmsplice fork
hugetlb 1G pages=2                                                   # COW and unsharing need a second huge page
spawn parent
mmap parent buf hugetlb private rw pages=262144 size=1G expect ok    # SKIP if it fails ("need more free huge pages")
write parent buf[0] old                                              # memset(mem, 1, hugetlbsize): populate it
write parent buf[262143] old
folio parent buf[0] expect 1G:hugetlb
mmap parent dummy hugetlb private rw pages=262144 size=1G expect ok  # SKIP unless a second huge page can be had
munmap parent dummy
vmsplice parent buf[0] as pipe0 expect ok                            # R/O GUP reference before fork()
vmsplice parent buf[262143] as pipe1 expect ok
fork parent child
munmap parent buf[0..262143]                                         # the parent unmaps the pages
write child buf[0] new                                               # the child modifies the pages
write child buf[262143] new
exit child
peek pipe0 expect old                                                # no leak from child into parent
peek pipe1 expect old
release pipe0
release pipe1
exit parent
