# Port of tools/testing/selftests/mm/cow.c: test_iouring_ro()
#   anon_test_cases[] "R/O-mapping a page registered as iouring fixed buffer", run_with_pte_mapped_thp() (THP_RUN_PTE), 128K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: R/O-mapping a page registered as iouring fixed buffer (PTE-mapped THP 128K)"
tags conformance cow-selftest anon thp pte-mapped-thp thp-128K mthp iouring pin longterm mprotect
thp 2M never                               # run_anon_test_case(): no PMD-sized THP ...
thp 128K always                            # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=64   # twice the THP size, for alignment
madvise parent buf[32..63] hugepage        # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[32] old                   # mem[0] = 1: the write fault populates a THP
folio parent buf[63] expect 128K:pte       # SKIP unless the last subpage got populated
write parent buf[32] old                   # memset(mem, 1, thpsize)
write parent buf[63] old
mprotect parent buf[33] ro                 # map one subpage R/O and back: PTE-map the THP
mprotect parent buf[33] rw                 # (below 2M it was PTE-mapped already)
folio parent buf[32] expect 128K:pte
iouring parent buf[32] as ring0 expect ok  # FOLL_WRITE|FOLL_PIN|FOLL_LONGTERM
iouring parent buf[63] as ring1 expect ok
mprotect parent buf[32..63] ro             # map the pages R/O ...
mprotect parent buf[32..63] rw             # ... so the next write may fault
write parent buf[32] new                   # modify the pages through the page table
write parent buf[63] new
peek ring0 expect new                      # WRITE_FIXED: the R/W long-term pin is reliable
peek ring1 expect new
read parent buf[32] expect new
read parent buf[63] expect new
release ring0
release ring1
exit parent
