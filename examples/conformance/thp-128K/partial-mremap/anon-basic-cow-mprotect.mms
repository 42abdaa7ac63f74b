# Port of tools/testing/selftests/mm/cow.c: test_cow_in_parent_mprotect()
#   anon_test_cases[] "Basic COW after fork() with mprotect() optimization", run_with_partial_mremap_thp() (THP_RUN_PARTIAL_MREMAP), 128K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: Basic COW after fork() with mprotect() optimization (partially mremap()'ed THP 128K)"
tags conformance cow-selftest anon thp partial-mremap-thp mremap thp-128K mthp cow fork mprotect
thp 2M never                              # run_anon_test_case(): no PMD-sized THP ...
thp 128K always                           # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=64  # twice the THP size, for alignment
madvise parent buf[32..63] hugepage       # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[32] old                  # mem[0] = 1: the write fault populates a THP
folio parent buf[63] expect 128K:pte      # SKIP unless the last subpage got populated
write parent buf[32] old                  # memset(mem, 1, thpsize)
write parent buf[47] old
mremap parent buf[48..63] as moved        # move the upper half of the THP elsewhere
folio parent moved[0] expect 128K:pte     # the moved half still maps the THP, by PTEs
folio parent buf[32] expect 128K:pte      # ... and so does the lower half, where the test runs
fork parent child
read child buf[32] expect old             # child_memcmp_fn(): back up the content
read child buf[47] expect old
mprotect parent buf[32..47] ro            # mprotect() optimization: R/O ...
mprotect parent buf[32..47] rw            # ... then R/W again before the write
write parent buf[32] new                  # the parent modifies the pages
write parent buf[47] new
read child buf[32] expect old             # no leak from parent into child
read child buf[47] expect old
read parent buf[32] expect new
read parent buf[47] expect new
exit child
exit parent
