# Port of tools/testing/selftests/mm/cow.c: test_cow_in_parent_mprotect()
#   anon_test_cases[] "Basic COW after fork() with mprotect() optimization", run_with_partial_shared_thp() (THP_RUN_PARTIAL_SHARED), 64K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: Basic COW after fork() with mprotect() optimization (partially shared THP 64K)"
tags conformance cow-selftest anon thp partial-shared-thp fork dontfork thp-64K mthp cow mprotect
thp 2M never                                   # run_anon_test_case(): no PMD-sized THP ...
thp 64K always                                 # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=32       # twice the THP size, for alignment
madvise parent buf[16..31] hugepage            # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[16] old                       # mem[0] = 1: the write fault populates a THP
folio parent buf[31] expect 64K:pte            # SKIP unless the last subpage got populated
write parent buf[16] old                       # memset(mem, 1, thpsize)
write parent buf[31] old
madvise parent buf[17..31] dontfork            # only the first subpage is inherited ...
fork parent sharer
same parent buf[16] sharer buf[16] expect yes  # ... and shared with a child ...
exit sharer                                    # ... that quits at once
madvise parent buf[17..31] dofork              # allow sharing all pages again
folio parent buf[16] expect 64K:pte
fork parent child
read child buf[16] expect old                  # child_memcmp_fn(): back up the content
read child buf[31] expect old
mprotect parent buf[16..31] ro                 # mprotect() optimization: R/O ...
mprotect parent buf[16..31] rw                 # ... then R/W again before the write
write parent buf[16] new                       # the parent modifies the pages
write parent buf[31] new
read child buf[16] expect old                  # no leak from parent into child
read child buf[31] expect old
read parent buf[16] expect new
read parent buf[31] expect new
exit child
exit parent
