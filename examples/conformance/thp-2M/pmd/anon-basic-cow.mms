# Port of tools/testing/selftests/mm/cow.c: test_cow_in_parent()
#   anon_test_cases[] "Basic COW after fork()", run_with_thp() (THP_RUN_PMD), 2M
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: Basic COW after fork() (PMD-mapped THP 2M)"
tags conformance cow-selftest anon thp pmd-mapped-thp thp-2M cow fork
thp 2M always                               # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=1024  # twice the THP size, for alignment
madvise parent buf[512..1023] hugepage      # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[512] old                   # mem[0] = 1: the write fault populates a THP
folio parent buf[1023] expect 2M:pmd        # SKIP unless the last subpage got populated
write parent buf[512] old                   # memset(mem, 1, thpsize)
write parent buf[1023] old
fork parent child
read child buf[512] expect old              # child_memcmp_fn(): back up the content
read child buf[1023] expect old
write parent buf[512] new                   # the parent modifies the pages
write parent buf[1023] new
read child buf[512] expect old              # no leak from parent into child
read child buf[1023] expect old
read parent buf[512] expect new
read parent buf[1023] expect new
exit child
exit parent
