# Port of tools/testing/selftests/mm/cow.c: test_vmsplice_before_fork()
#   anon_test_cases[] "vmsplice() before fork(), unmap in parent after fork()", run_with_partial_mremap_thp() (THP_RUN_PARTIAL_MREMAP), 256K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: vmsplice() before fork(), unmap in parent after fork() (partially mremap()'ed THP 256K)"
tags conformance cow-selftest anon thp partial-mremap-thp mremap thp-256K mthp vmsplice fork
thp 2M never                                # run_anon_test_case(): no PMD-sized THP ...
thp 256K always                             # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=128   # twice the THP size, for alignment
madvise parent buf[64..127] hugepage        # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[64] old                    # mem[0] = 1: the write fault populates a THP
folio parent buf[127] expect 256K:pte       # SKIP unless the last subpage got populated
write parent buf[64] old                    # memset(mem, 1, thpsize)
write parent buf[95] old
mremap parent buf[96..127] as moved         # move the upper half of the THP elsewhere
folio parent moved[0] expect 256K:pte       # the moved half still maps the THP, by PTEs
folio parent buf[64] expect 256K:pte        # ... and so does the lower half, where the test runs
vmsplice parent buf[64] as pipe0 expect ok  # R/O GUP reference before fork()
vmsplice parent buf[95] as pipe1 expect ok
fork parent child
munmap parent buf[64..95]                   # the parent unmaps the pages
write child buf[64] new                     # the child modifies the pages
write child buf[95] new
exit child
peek pipe0 expect old                       # no leak from child into parent
peek pipe1 expect old
release pipe0
release pipe1
exit parent
