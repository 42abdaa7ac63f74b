# Port of tools/testing/selftests/mm/cow.c: test_cow_in_parent()
#   anon_test_cases[] "Basic COW after fork()", run_with_hugetlb(), 2M
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: Basic COW after fork() (hugetlb 2M)"
tags conformance cow-selftest anon hugetlb hugetlb-2M cow fork
hugetlb 2M pages=2                                                # COW and unsharing need a second huge page
spawn parent
mmap parent buf hugetlb private rw pages=512 size=2M expect ok    # SKIP if it fails ("need more free huge pages")
write parent buf[0] old                                           # memset(mem, 1, hugetlbsize): populate it
write parent buf[511] old
folio parent buf[0] expect 2M:hugetlb
mmap parent dummy hugetlb private rw pages=512 size=2M expect ok  # SKIP unless a second huge page can be had
munmap parent dummy
fork parent child
read child buf[0] expect old                                      # child_memcmp_fn(): back up the content
read child buf[511] expect old
write parent buf[0] new                                           # the parent modifies the pages
write parent buf[511] new
read child buf[0] expect old                                      # no leak from parent into child
read child buf[511] expect old
read parent buf[0] expect new
read parent buf[511] expect new
exit child
exit parent
