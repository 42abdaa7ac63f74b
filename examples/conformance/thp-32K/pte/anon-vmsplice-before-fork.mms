# Port of tools/testing/selftests/mm/cow.c: test_vmsplice_before_fork()
#   anon_test_cases[] "vmsplice() before fork(), unmap in parent after fork()", run_with_pte_mapped_thp() (THP_RUN_PTE), 32K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: vmsplice() before fork(), unmap in parent after fork() (PTE-mapped THP 32K)"
tags conformance cow-selftest anon thp pte-mapped-thp thp-32K mthp vmsplice fork
thp 2M never                               # run_anon_test_case(): no PMD-sized THP ...
thp 32K always                             # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=16   # twice the THP size, for alignment
madvise parent buf[8..15] hugepage         # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[8] old                    # mem[0] = 1: the write fault populates a THP
folio parent buf[15] expect 32K:pte        # SKIP unless the last subpage got populated
write parent buf[8] old                    # memset(mem, 1, thpsize)
write parent buf[15] old
mprotect parent buf[9] ro                  # map one subpage R/O and back: PTE-map the THP
mprotect parent buf[9] rw                  # (below 2M it was PTE-mapped already)
folio parent buf[8] expect 32K:pte
vmsplice parent buf[8] as pipe0 expect ok  # R/O GUP reference before fork()
vmsplice parent buf[15] as pipe1 expect ok
fork parent child
munmap parent buf[8..15]                   # the parent unmaps the pages
write child buf[8] new                     # the child modifies the pages
write child buf[15] new
exit child
peek pipe0 expect old                      # no leak from child into parent
peek pipe1 expect old
release pipe0
release pipe1
exit parent
