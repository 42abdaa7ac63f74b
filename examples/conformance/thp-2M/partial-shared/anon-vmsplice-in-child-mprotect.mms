# Port of tools/testing/selftests/mm/cow.c: test_vmsplice_in_child_mprotect()
#   anon_test_cases[] "vmsplice() + unmap in child with mprotect() optimization", run_with_partial_shared_thp() (THP_RUN_PARTIAL_SHARED), 2M
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: vmsplice() + unmap in child with mprotect() optimization (partially shared THP 2M)"
tags conformance cow-selftest anon thp partial-shared-thp fork dontfork thp-2M vmsplice cve mprotect
thp 2M always                                    # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=1024       # twice the THP size, for alignment
madvise parent buf[512..1023] hugepage           # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[512] old                        # mem[0] = 1: the write fault populates a THP
folio parent buf[1023] expect 2M:pmd             # SKIP unless the last subpage got populated
write parent buf[512] old                        # memset(mem, 1, thpsize)
write parent buf[1023] old
madvise parent buf[513..1023] dontfork           # only the first subpage is inherited ...
fork parent sharer
same parent buf[512] sharer buf[512] expect yes  # ... and shared with a child ...
exit sharer                                      # ... that quits at once
madvise parent buf[513..1023] dofork             # allow sharing all pages again
folio parent buf[512] expect 2M:pte
fork parent child
read child buf[512] expect old                   # child_vmsplice_memcmp_fn(): back up the content
read child buf[1023] expect old
vmsplice child buf[512] as pipe0 expect ok       # R/O GUP reference into a pipe
vmsplice child buf[1023] as pipe1 expect ok
munmap child buf[512..1023]                      # the child unmaps them from its page tables
mprotect parent buf[512..1023] ro                # mprotect() optimization: R/O ...
mprotect parent buf[512..1023] rw                # ... then R/W again before the write
write parent buf[512] new                        # the parent modifies the pages
write parent buf[1023] new
peek pipe0 expect old                            # the child must not read the parent's new data
peek pipe1 expect old
read parent buf[512] expect new
read parent buf[1023] expect new
exit child
release pipe0
release pipe1
exit parent
