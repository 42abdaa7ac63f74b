# Port of tools/testing/selftests/mm/cow.c: test_cow_in_parent()
#   anon_test_cases[] "Basic COW after fork()", run_with_pte_mapped_thp() (THP_RUN_PTE), 32K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: Basic COW after fork() (PTE-mapped THP 32K)"
tags conformance cow-selftest anon thp pte-mapped-thp thp-32K mthp cow fork
thp 2M never                              # run_anon_test_case(): no PMD-sized THP ...
thp 32K always                            # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=16  # twice the THP size, for alignment
madvise parent buf[8..15] hugepage        # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[8] old                   # mem[0] = 1: the write fault populates a THP
folio parent buf[15] expect 32K:pte       # SKIP unless the last subpage got populated
write parent buf[8] old                   # memset(mem, 1, thpsize)
write parent buf[15] old
mprotect parent buf[9] ro                 # map one subpage R/O and back: PTE-map the THP
mprotect parent buf[9] rw                 # (below 2M it was PTE-mapped already)
folio parent buf[8] expect 32K:pte
fork parent child
read child buf[8] expect old              # child_memcmp_fn(): back up the content
read child buf[15] expect old
write parent buf[8] new                   # the parent modifies the pages
write parent buf[15] new
read child buf[8] expect old              # no leak from parent into child
read child buf[15] expect old
read parent buf[8] expect new
read parent buf[15] expect new
exit child
exit parent
