# Port of tools/testing/selftests/mm/cow.c: test_ro_fast_pin_on_ro_previously_shared()
#   anon_test_cases[] "R/O GUP-fast pin on R/O-mapped previously-shared page", run_with_partial_mremap_thp() (THP_RUN_PARTIAL_MREMAP), 64K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: R/O GUP-fast pin on R/O-mapped previously-shared page (partially mremap()'ed THP 64K)"
tags conformance cow-selftest anon thp partial-mremap-thp mremap thp-64K mthp pin ro-pin longterm fork fast
thp 2M never                                             # run_anon_test_case(): no PMD-sized THP ...
thp 64K always                                           # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=32                 # twice the THP size, for alignment
madvise parent buf[16..31] hugepage                      # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[16] old                                 # mem[0] = 1: the write fault populates a THP
folio parent buf[31] expect 64K:pte                      # SKIP unless the last subpage got populated
write parent buf[16] old                                 # memset(mem, 1, thpsize)
write parent buf[23] old
mremap parent buf[24..31] as moved                       # move the upper half of the THP elsewhere
folio parent moved[0] expect 64K:pte                     # the moved half still maps the THP, by PTEs
folio parent buf[16] expect 64K:pte                      # ... and so does the lower half, where the test runs
fork parent child                                        # share the pages with a child ...
exit child                                               # ... that quits: mapped R/O, no longer shared
pin parent buf[16] ro longterm fast as ropin0 expect ok  # PIN_LONGTERM_TEST_START
pin parent buf[23] ro longterm fast as ropin1 expect ok
write parent buf[16] new                                 # modify the pages through the page table
write parent buf[23] new
peek ropin0 expect new                                   # PIN_LONGTERM_TEST_READ: the R/O pin is reliable
peek ropin1 expect new
read parent buf[16] expect new
read parent buf[23] expect new
release ropin0                                           # PIN_LONGTERM_TEST_STOP
release ropin1
exit parent
