# Port of tools/testing/selftests/mm/cow.c: test_vmsplice_in_child_mprotect()
#   anon_test_cases[] "vmsplice() + unmap in child with mprotect() optimization", run_with_partial_shared_thp() (THP_RUN_PARTIAL_SHARED), 16K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: vmsplice() + unmap in child with mprotect() optimization (partially shared THP 16K)"
tags conformance cow-selftest anon thp partial-shared-thp fork dontfork thp-16K mthp vmsplice cve mprotect
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
read child buf[4] expect old                 # child_vmsplice_memcmp_fn(): back up the content
read child buf[7] expect old
vmsplice child buf[4] as pipe0 expect ok     # R/O GUP reference into a pipe
vmsplice child buf[7] as pipe1 expect ok
munmap child buf[4..7]                       # the child unmaps them from its page tables
mprotect parent buf[4..7] ro                 # mprotect() optimization: R/O ...
mprotect parent buf[4..7] rw                 # ... then R/W again before the write
write parent buf[4] new                      # the parent modifies the pages
write parent buf[7] new
peek pipe0 expect old                        # the child must not read the parent's new data
peek pipe1 expect old
read parent buf[4] expect new
read parent buf[7] expect new
exit child
release pipe0
release pipe1
exit parent
