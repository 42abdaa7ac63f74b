# Port of tools/testing/selftests/mm/cow.c: test_cow_in_parent()
#   anon_test_cases[] "Basic COW after fork()", run_with_partial_mremap_thp() (THP_RUN_PARTIAL_MREMAP), 64K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: Basic COW after fork() (partially mremap()'ed THP 64K)"
tags conformance cow-selftest anon thp partial-mremap-thp mremap thp-64K mthp cow fork
thp 2M never                              # run_anon_test_case(): no PMD-sized THP ...
thp 64K always                            # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=32  # twice the THP size, for alignment
madvise parent buf[16..31] hugepage       # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[16] old                  # mem[0] = 1: the write fault populates a THP
folio parent buf[31] expect 64K:pte       # SKIP unless the last subpage got populated
write parent buf[16] old                  # memset(mem, 1, thpsize)
write parent buf[23] old
mremap parent buf[24..31] as moved        # move the upper half of the THP elsewhere
folio parent moved[0] expect 64K:pte      # the moved half still maps the THP, by PTEs
folio parent buf[16] expect 64K:pte       # ... and so does the lower half, where the test runs
fork parent child
read child buf[16] expect old             # child_memcmp_fn(): back up the content
read child buf[23] expect old
write parent buf[16] new                  # the parent modifies the pages
write parent buf[23] new
read child buf[16] expect old             # no leak from parent into child
read child buf[23] expect old
read parent buf[16] expect new
read parent buf[23] expect new
exit child
exit parent
