# Port of tools/testing/selftests/mm/cow.c: test_vmsplice_in_child_mprotect()
#   anon_test_cases[] "vmsplice() + unmap in child with mprotect() optimization", run_with_pte_mapped_thp() (THP_RUN_PTE), 64K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: vmsplice() + unmap in child with mprotect() optimization (PTE-mapped THP 64K)"
tags conformance cow-selftest anon thp pte-mapped-thp thp-64K mthp vmsplice fork cve mprotect
thp 2M never                               # run_anon_test_case(): no PMD-sized THP ...
thp 64K always                             # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=32   # twice the THP size, for alignment
madvise parent buf[16..31] hugepage        # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[16] old                   # mem[0] = 1: the write fault populates a THP
folio parent buf[31] expect 64K:pte        # SKIP unless the last subpage got populated
write parent buf[16] old                   # memset(mem, 1, thpsize)
write parent buf[31] old
mprotect parent buf[17] ro                 # map one subpage R/O and back: PTE-map the THP
mprotect parent buf[17] rw                 # (below 2M it was PTE-mapped already)
folio parent buf[16] expect 64K:pte
fork parent child
read child buf[16] expect old              # child_vmsplice_memcmp_fn(): back up the content
read child buf[31] expect old
vmsplice child buf[16] as pipe0 expect ok  # R/O GUP reference into a pipe
vmsplice child buf[31] as pipe1 expect ok
munmap child buf[16..31]                   # the child unmaps them from its page tables
mprotect parent buf[16..31] ro             # mprotect() optimization: R/O ...
mprotect parent buf[16..31] rw             # ... then R/W again before the write
write parent buf[16] new                   # the parent modifies the pages
write parent buf[31] new
peek pipe0 expect old                      # the child must not read the parent's new data
peek pipe1 expect old
read parent buf[16] expect new
read parent buf[31] expect new
exit child
release pipe0
release pipe1
exit parent
