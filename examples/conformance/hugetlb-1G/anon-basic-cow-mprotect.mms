# Port of tools/testing/selftests/mm/cow.c: test_cow_in_parent_mprotect()
#   anon_test_cases[] "Basic COW after fork() with mprotect() optimization", run_with_hugetlb(), 1G
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: Basic COW after fork() with mprotect() optimization (hugetlb 1G)"
tags conformance cow-selftest anon hugetlb hugetlb-1G cow fork mprotect
hugetlb 1G pages=2                                                   # COW and unsharing need a second huge page
spawn parent
mmap parent buf hugetlb private rw pages=262144 size=1G expect ok    # SKIP if it fails ("need more free huge pages")
write parent buf[0] old                                              # memset(mem, 1, hugetlbsize): populate it
write parent buf[262143] old
folio parent buf[0] expect 1G:hugetlb
mmap parent dummy hugetlb private rw pages=262144 size=1G expect ok  # SKIP unless a second huge page can be had
munmap parent dummy
fork parent child
read child buf[0] expect old                                         # child_memcmp_fn(): back up the content
read child buf[262143] expect old
mprotect parent buf[0..262143] ro                                    # mprotect() optimization: R/O ...
mprotect parent buf[0..262143] rw                                    # ... then R/W again before the write
write parent buf[0] new                                              # the parent modifies the pages
write parent buf[262143] new
read child buf[0] expect old                                         # no leak from parent into child
read child buf[262143] expect old
read parent buf[0] expect new
read parent buf[262143] expect new
exit child
exit parent
