# Port of tools/testing/selftests/mm/cow.c: test_vmsplice_before_fork()
#   anon_test_cases[] "vmsplice() before fork(), unmap in parent after fork()", run_with_partial_shared_thp() (THP_RUN_PARTIAL_SHARED), 256K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: vmsplice() before fork(), unmap in parent after fork() (partially shared THP 256K)"
tags conformance cow-selftest anon thp partial-shared-thp fork dontfork thp-256K mthp vmsplice
thp 2M never                                   # run_anon_test_case(): no PMD-sized THP ...
thp 256K always                                # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=128      # twice the THP size, for alignment
madvise parent buf[64..127] hugepage           # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[64] old                       # mem[0] = 1: the write fault populates a THP
folio parent buf[127] expect 256K:pte          # SKIP unless the last subpage got populated
write parent buf[64] old                       # memset(mem, 1, thpsize)
write parent buf[127] old
madvise parent buf[65..127] dontfork           # only the first subpage is inherited ...
fork parent sharer
same parent buf[64] sharer buf[64] expect yes  # ... and shared with a child ...
exit sharer                                    # ... that quits at once
madvise parent buf[65..127] dofork             # allow sharing all pages again
folio parent buf[64] expect 256K:pte
vmsplice parent buf[64] as pipe0 expect ok     # R/O GUP reference before fork()
vmsplice parent buf[127] as pipe1 expect ok
fork parent child
munmap parent buf[64..127]                     # the parent unmaps the pages
write child buf[64] new                        # the child modifies the pages
write child buf[127] new
exit child
peek pipe0 expect old                          # no leak from child into parent
peek pipe1 expect old
release pipe0
release pipe1
exit parent
