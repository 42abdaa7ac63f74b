# Port of tools/testing/selftests/mm/cow.c: test_vmsplice_in_child_mprotect()
#   anon_test_cases[] "vmsplice() + unmap in child with mprotect() optimization", run_with_partial_mremap_thp() (THP_RUN_PARTIAL_MREMAP), 128K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: vmsplice() + unmap in child with mprotect() optimization (partially mremap()'ed THP 128K)"
tags conformance cow-selftest anon thp partial-mremap-thp mremap thp-128K mthp vmsplice fork cve mprotect
thp 2M never                               # run_anon_test_case(): no PMD-sized THP ...
thp 128K always                            # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=64   # twice the THP size, for alignment
madvise parent buf[32..63] hugepage        # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[32] old                   # mem[0] = 1: the write fault populates a THP
folio parent buf[63] expect 128K:pte       # SKIP unless the last subpage got populated
write parent buf[32] old                   # memset(mem, 1, thpsize)
write parent buf[47] old
mremap parent buf[48..63] as moved         # move the upper half of the THP elsewhere
folio parent moved[0] expect 128K:pte      # the moved half still maps the THP, by PTEs
folio parent buf[32] expect 128K:pte       # ... and so does the lower half, where the test runs
fork parent child
read child buf[32] expect old              # child_vmsplice_memcmp_fn(): back up the content
read child buf[47] expect old
vmsplice child buf[32] as pipe0 expect ok  # R/O GUP reference into a pipe
vmsplice child buf[47] as pipe1 expect ok
munmap child buf[32..47]                   # the child unmaps them from its page tables
mprotect parent buf[32..47] ro             # mprotect() optimization: R/O ...
mprotect parent buf[32..47] rw             # ... then R/W again before the write
write parent buf[32] new                   # the parent modifies the pages
write parent buf[47] new
peek pipe0 expect old                      # the child must not read the parent's new data
peek pipe1 expect old
read parent buf[32] expect new
read parent buf[47] expect new
exit child
release pipe0
release pipe1
exit parent
