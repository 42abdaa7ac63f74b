# Port of tools/testing/selftests/mm/cow.c: test_vmsplice_in_child_mprotect()
#   anon_test_cases[] "vmsplice() + unmap in child with mprotect() optimization", run_with_single_pte_of_thp() (THP_RUN_SINGLE_PTE), 128K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: vmsplice() + unmap in child with mprotect() optimization (single PTE of THP 128K)"
tags conformance cow-selftest anon thp single-pte-of-thp thp-128K mthp vmsplice fork cve mprotect
thp 2M never                               # run_anon_test_case(): no PMD-sized THP ...
thp 128K always                            # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=64   # twice the THP size, for alignment
madvise parent buf[32..63] hugepage        # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[32] old                   # mem[0] = 1: the write fault populates a THP
folio parent buf[63] expect 128K:pte       # SKIP unless the last subpage got populated
write parent buf[32] old                   # memset(mem, 1, thpsize)
madvise parent buf[33..63] dontneed        # discard all but the first subpage
folio parent buf[32] expect 128K:pte       # one PTE maps one page of the THP
folio parent buf[33] expect none
fork parent child
read child buf[32] expect old              # child_vmsplice_memcmp_fn(): back up the content
vmsplice child buf[32] as pipe0 expect ok  # R/O GUP reference into a pipe
munmap child buf[32]                       # the child unmaps them from its page tables
mprotect parent buf[32] ro                 # mprotect() optimization: R/O ...
mprotect parent buf[32] rw                 # ... then R/W again before the write
write parent buf[32] new                   # the parent modifies the pages
peek pipe0 expect old                      # the child must not read the parent's new data
read parent buf[32] expect new
exit child
release pipe0
exit parent
