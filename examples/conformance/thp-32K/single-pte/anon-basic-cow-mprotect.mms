# Port of tools/testing/selftests/mm/cow.c: test_cow_in_parent_mprotect()
#   anon_test_cases[] "Basic COW after fork() with mprotect() optimization", run_with_single_pte_of_thp() (THP_RUN_SINGLE_PTE), 32K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: Basic COW after fork() with mprotect() optimization (single PTE of THP 32K)"
tags conformance cow-selftest anon thp single-pte-of-thp thp-32K mthp cow fork mprotect
thp 2M never                              # run_anon_test_case(): no PMD-sized THP ...
thp 32K always                            # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=16  # twice the THP size, for alignment
madvise parent buf[8..15] hugepage        # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[8] old                   # mem[0] = 1: the write fault populates a THP
folio parent buf[15] expect 32K:pte       # SKIP unless the last subpage got populated
write parent buf[8] old                   # memset(mem, 1, thpsize)
madvise parent buf[9..15] dontneed        # discard all but the first subpage
folio parent buf[8] expect 32K:pte        # one PTE maps one page of the THP
folio parent buf[9] expect none
fork parent child
read child buf[8] expect old              # child_memcmp_fn(): back up the content
mprotect parent buf[8] ro                 # mprotect() optimization: R/O ...
mprotect parent buf[8] rw                 # ... then R/W again before the write
write parent buf[8] new                   # the parent modifies the pages
read child buf[8] expect old              # no leak from parent into child
read parent buf[8] expect new
exit child
exit parent
