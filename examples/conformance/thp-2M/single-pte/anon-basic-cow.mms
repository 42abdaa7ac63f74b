# Port of tools/testing/selftests/mm/cow.c: test_cow_in_parent()
#   anon_test_cases[] "Basic COW after fork()", run_with_single_pte_of_thp() (THP_RUN_SINGLE_PTE), 2M
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: Basic COW after fork() (single PTE of THP 2M)"
tags conformance cow-selftest anon thp single-pte-of-thp thp-2M cow fork
thp 2M always                               # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=1024  # twice the THP size, for alignment
madvise parent buf[512..1023] hugepage      # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[512] old                   # mem[0] = 1: the write fault populates a THP
folio parent buf[1023] expect 2M:pmd        # SKIP unless the last subpage got populated
write parent buf[512] old                   # memset(mem, 1, thpsize)
madvise parent buf[513..1023] dontneed      # discard all but the first subpage
folio parent buf[512] expect 2M:pte         # one PTE maps one page of the THP
folio parent buf[513] expect none
fork parent child
read child buf[512] expect old              # child_memcmp_fn(): back up the content
write parent buf[512] new                   # the parent modifies the pages
read child buf[512] expect old              # no leak from parent into child
read parent buf[512] expect new
exit child
exit parent
