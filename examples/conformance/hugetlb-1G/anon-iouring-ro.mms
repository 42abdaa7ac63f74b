# Port of tools/testing/selftests/mm/cow.c: test_iouring_ro()
#   anon_test_cases[] "R/O-mapping a page registered as iouring fixed buffer", run_with_hugetlb(), 1G
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: R/O-mapping a page registered as iouring fixed buffer (hugetlb 1G)"
tags conformance cow-selftest anon hugetlb hugetlb-1G iouring pin longterm mprotect
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
mprotect parent buf[0..262143] ro                                    # map the pages R/O ...
mprotect parent buf[0..262143] rw                                    # ... so the next write may fault
write parent buf[0] new                                              # modify the pages through the page table
write parent buf[262143] new
peek ring0 expect new                                                # WRITE_FIXED: the R/W long-term pin is reliable
peek ring1 expect new
read parent buf[0] expect new
read parent buf[262143] expect new
release ring0
release ring1
exit parent
