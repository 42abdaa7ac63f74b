# Port of tools/testing/selftests/mm/cow.c: test_iouring_fork()
#   anon_test_cases[] "fork() with an iouring fixed buffer", run_with_hugetlb(), 1G
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: fork() with an iouring fixed buffer (hugetlb 1G)"
tags conformance cow-selftest anon hugetlb hugetlb-1G iouring pin longterm fork
hugetlb 1G pages=2                                                   # COW and unsharing need a second huge page
spawn parent
mmap parent buf hugetlb private rw pages=262144 size=1G expect ok    # SKIP if it fails ("need more free huge pages")
write parent buf[0] old                                              # memset(mem, 1, hugetlbsize): populate it
write parent buf[262143] old
folio parent buf[0] expect 1G:hugetlb
mmap parent dummy hugetlb private rw pages=262144 size=1G expect ok  # SKIP unless a second huge page can be had
munmap parent dummy
iouring parent buf[0] as ring0 expect ok                             # FOLL_WRITE|FOLL_PIN|FOLL_LONGTERM
iouring parent buf[262143] as ring1 expect ok
fork parent child                                                    # the pinned pages must not get shared with the child
write parent buf[0] new                                              # modify the pages (child still alive)
write parent buf[262143] new
peek ring0 expect new                                                # the R/W long-term pin is reliable
peek ring1 expect new
read child buf[0] expect old                                         # the child got its own copy at fork()
read child buf[262143] expect old
exit child
release ring0
release ring1
exit parent
