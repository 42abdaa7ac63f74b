# Port of tools/testing/selftests/mm/cow.c: test_cow_in_parent()
#   anon_test_cases[] "Basic COW after fork()", run_with_single_pte_of_thp() (THP_RUN_SINGLE_PTE), 512K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: Basic COW after fork() (single PTE of THP 512K)"
tags conformance cow-selftest anon thp single-pte-of-thp thp-512K mthp cow fork
thp 2M never                               # run_anon_test_case(): no PMD-sized THP ...
thp 512K always                            # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=256  # twice the THP size, for alignment
madvise parent buf[128..255] hugepage      # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[128] old                  # mem[0] = 1: the write fault populates a THP
folio parent buf[255] expect 512K:pte      # SKIP unless the last subpage got populated
write parent buf[128] old                  # memset(mem, 1, thpsize)
madvise parent buf[129..255] dontneed      # discard all but the first subpage
folio parent buf[128] expect 512K:pte      # one PTE maps one page of the THP
folio parent buf[129] expect none
fork parent child
read child buf[128] expect old             # child_memcmp_fn(): back up the content
write parent buf[128] new                  # the parent modifies the pages
read child buf[128] expect old             # no leak from parent into child
read parent buf[128] expect new
exit child
exit parent
