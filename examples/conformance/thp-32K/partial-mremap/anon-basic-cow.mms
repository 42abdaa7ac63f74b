# Port of tools/testing/selftests/mm/cow.c: test_cow_in_parent()
#   anon_test_cases[] "Basic COW after fork()", run_with_partial_mremap_thp() (THP_RUN_PARTIAL_MREMAP), 32K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: Basic COW after fork() (partially mremap()'ed THP 32K)"
tags conformance cow-selftest anon thp partial-mremap-thp mremap thp-32K mthp cow fork
thp 2M never                              # run_anon_test_case(): no PMD-sized THP ...
thp 32K always                            # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=16  # twice the THP size, for alignment
madvise parent buf[8..15] hugepage        # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[8] old                   # mem[0] = 1: the write fault populates a THP
folio parent buf[15] expect 32K:pte       # SKIP unless the last subpage got populated
write parent buf[8] old                   # memset(mem, 1, thpsize)
write parent buf[11] old
mremap parent buf[12..15] as moved        # move the upper half of the THP elsewhere
folio parent moved[0] expect 32K:pte      # the moved half still maps the THP, by PTEs
folio parent buf[8] expect 32K:pte        # ... and so does the lower half, where the test runs
fork parent child
read child buf[8] expect old              # child_memcmp_fn(): back up the content
read child buf[11] expect old
write parent buf[8] new                   # the parent modifies the pages
write parent buf[11] new
read child buf[8] expect old              # no leak from parent into child
read child buf[11] expect old
read parent buf[8] expect new
read parent buf[11] expect new
exit child
exit parent
