# Port of tools/testing/selftests/mm/cow.c: test_vmsplice_after_fork()
#   anon_test_cases[] "vmsplice() + unmap in parent after fork()", run_with_partial_shared_thp() (THP_RUN_PARTIAL_SHARED), 16K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: vmsplice() + unmap in parent after fork() (partially shared THP 16K)"
tags conformance cow-selftest anon thp partial-shared-thp fork dontfork thp-16K mthp vmsplice
thp 2M never                                 # run_anon_test_case(): no PMD-sized THP ...
thp 16K always                               # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=8      # twice the THP size, for alignment
madvise parent buf[4..7] hugepage            # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[4] old                      # mem[0] = 1: the write fault populates a THP
folio parent buf[7] expect 16K:pte           # SKIP unless the last subpage got populated
write parent buf[4] old                      # memset(mem, 1, thpsize)
write parent buf[7] old
madvise parent buf[5..7] dontfork            # only the first subpage is inherited ...
fork parent sharer
same parent buf[4] sharer buf[4] expect yes  # ... and shared with a child ...
exit sharer                                  # ... that quits at once
madvise parent buf[5..7] dofork              # allow sharing all pages again
folio parent buf[4] expect 16K:pte
fork parent child
vmsplice parent buf[4] as pipe0 expect ok    # R/O GUP reference after fork()
vmsplice parent buf[7] as pipe1 expect ok
munmap parent buf[4..7]                      # the parent unmaps the pages
write child buf[4] new                       # the child modifies the pages
write child buf[7] new
exit child
peek pipe0 expect old                        # no leak from child into parent
peek pipe1 expect old
release pipe0
release pipe1
exit parent
