# Port of tools/testing/selftests/mm/cow.c: test_cow_in_parent_mprotect()
#   anon_test_cases[] "Basic COW after fork() with mprotect() optimization", run_with_partial_mremap_thp() (THP_RUN_PARTIAL_MREMAP), 1M
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: Basic COW after fork() with mprotect() optimization (partially mremap()'ed THP 1M)"
tags conformance cow-selftest anon thp partial-mremap-thp mremap thp-1M mthp cow fork mprotect
thp 2M never                               # run_anon_test_case(): no PMD-sized THP ...
thp 1M always                              # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=512  # twice the THP size, for alignment
madvise parent buf[256..511] hugepage      # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[256] old                  # mem[0] = 1: the write fault populates a THP
folio parent buf[511] expect 1M:pte        # SKIP unless the last subpage got populated
write parent buf[256] old                  # memset(mem, 1, thpsize)
write parent buf[383] old
mremap parent buf[384..511] as moved       # move the upper half of the THP elsewhere
folio parent moved[0] expect 1M:pte        # the moved half still maps the THP, by PTEs
folio parent buf[256] expect 1M:pte        # ... and so does the lower half, where the test runs
fork parent child
read child buf[256] expect old             # child_memcmp_fn(): back up the content
read child buf[383] expect old
mprotect parent buf[256..383] ro           # mprotect() optimization: R/O ...
mprotect parent buf[256..383] rw           # ... then R/W again before the write
write parent buf[256] new                  # the parent modifies the pages
write parent buf[383] new
read child buf[256] expect old             # no leak from parent into child
read child buf[383] expect old
read parent buf[256] expect new
read parent buf[383] expect new
exit child
exit parent
