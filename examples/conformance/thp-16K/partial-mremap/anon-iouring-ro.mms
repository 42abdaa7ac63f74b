# Port of tools/testing/selftests/mm/cow.c: test_iouring_ro()
#   anon_test_cases[] "R/O-mapping a page registered as iouring fixed buffer", run_with_partial_mremap_thp() (THP_RUN_PARTIAL_MREMAP), 16K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: R/O-mapping a page registered as iouring fixed buffer (partially mremap()'ed THP 16K)"
tags conformance cow-selftest anon thp partial-mremap-thp mremap thp-16K mthp iouring pin longterm mprotect
thp 2M never                              # run_anon_test_case(): no PMD-sized THP ...
thp 16K always                            # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=8   # twice the THP size, for alignment
madvise parent buf[4..7] hugepage         # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[4] old                   # mem[0] = 1: the write fault populates a THP
folio parent buf[7] expect 16K:pte        # SKIP unless the last subpage got populated
write parent buf[4] old                   # memset(mem, 1, thpsize)
write parent buf[5] old
mremap parent buf[6..7] as moved          # move the upper half of the THP elsewhere
folio parent moved[0] expect 16K:pte      # the moved half still maps the THP, by PTEs
folio parent buf[4] expect 16K:pte        # ... and so does the lower half, where the test runs
iouring parent buf[4] as ring0 expect ok  # FOLL_WRITE|FOLL_PIN|FOLL_LONGTERM
iouring parent buf[5] as ring1 expect ok
mprotect parent buf[4..5] ro              # map the pages R/O ...
mprotect parent buf[4..5] rw              # ... so the next write may fault
write parent buf[4] new                   # modify the pages through the page table
write parent buf[5] new
peek ring0 expect new                     # WRITE_FIXED: the R/W long-term pin is reliable
peek ring1 expect new
read parent buf[4] expect new
read parent buf[5] expect new
release ring0
release ring1
exit parent
