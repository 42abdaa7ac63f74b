# Port of tools/testing/selftests/mm/cow.c: test_vmsplice_in_child()
#   anon_test_cases[] "vmsplice() + unmap in child", run_with_partial_shared_thp() (THP_RUN_PARTIAL_SHARED), 512K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: vmsplice() + unmap in child (partially shared THP 512K)"
tags conformance cow-selftest anon thp partial-shared-thp fork dontfork thp-512K mthp vmsplice cve
thp 2M never                                     # run_anon_test_case(): no PMD-sized THP ...
thp 512K always                                  # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=256        # twice the THP size, for alignment
madvise parent buf[128..255] hugepage            # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[128] old                        # mem[0] = 1: the write fault populates a THP
folio parent buf[255] expect 512K:pte            # SKIP unless the last subpage got populated
write parent buf[128] old                        # memset(mem, 1, thpsize)
write parent buf[255] old
madvise parent buf[129..255] dontfork            # only the first subpage is inherited ...
fork parent sharer
same parent buf[128] sharer buf[128] expect yes  # ... and shared with a child ...
exit sharer                                      # ... that quits at once
madvise parent buf[129..255] dofork              # allow sharing all pages again
folio parent buf[128] expect 512K:pte
fork parent child
read child buf[128] expect old                   # child_vmsplice_memcmp_fn(): back up the content
read child buf[255] expect old
vmsplice child buf[128] as pipe0 expect ok       # R/O GUP reference into a pipe
vmsplice child buf[255] as pipe1 expect ok
munmap child buf[128..255]                       # the child unmaps them from its page tables
write parent buf[128] new                        # the parent modifies the pages
write parent buf[255] new
peek pipe0 expect old                            # the child must not read the parent's new data
peek pipe1 expect old
read parent buf[128] expect new
read parent buf[255] expect new
exit child
release pipe0
release pipe1
exit parent
