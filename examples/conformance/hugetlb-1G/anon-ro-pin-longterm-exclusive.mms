# Port of tools/testing/selftests/mm/cow.c: test_ro_pin_on_ro_exclusive()
#   anon_test_cases[] "R/O GUP pin on R/O-mapped exclusive page", run_with_hugetlb(), 1G
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: R/O GUP pin on R/O-mapped exclusive page (hugetlb 1G)"
tags conformance cow-selftest anon hugetlb hugetlb-1G pin ro-pin longterm mprotect
hugetlb 1G pages=2                                                   # COW and unsharing need a second huge page
spawn parent
mmap parent buf hugetlb private rw pages=262144 size=1G expect ok    # SKIP if it fails ("need more free huge pages")
write parent buf[0] old                                              # memset(mem, 1, hugetlbsize): populate it
write parent buf[262143] old
folio parent buf[0] expect 1G:hugetlb
mmap parent dummy hugetlb private rw pages=262144 size=1G expect ok  # SKIP unless a second huge page can be had
munmap parent dummy
mprotect parent buf[0..262143] ro                                    # map the exclusive pages R/O ...
mprotect parent buf[0..262143] rw                                    # ... the next write faults
pin parent buf[0] ro longterm as ropin0 expect ok                    # PIN_LONGTERM_TEST_START
pin parent buf[262143] ro longterm as ropin1 expect ok
write parent buf[0] new                                              # modify the pages through the page table
write parent buf[262143] new
peek ropin0 expect new                                               # PIN_LONGTERM_TEST_READ: the R/O pin is reliable
peek ropin1 expect new
read parent buf[0] expect new
read parent buf[262143] expect new
release ropin0                                                       # PIN_LONGTERM_TEST_STOP
release ropin1
exit parent
