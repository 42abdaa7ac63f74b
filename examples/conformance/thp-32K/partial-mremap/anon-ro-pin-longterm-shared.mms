# Port of tools/testing/selftests/mm/cow.c: test_ro_pin_on_shared()
#   anon_test_cases[] "R/O GUP pin on R/O-mapped shared page", run_with_partial_mremap_thp() (THP_RUN_PARTIAL_MREMAP), 32K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: R/O GUP pin on R/O-mapped shared page (partially mremap()'ed THP 32K)"
tags conformance cow-selftest anon thp partial-mremap-thp mremap thp-32K mthp pin ro-pin longterm fork
thp 2M never                                       # run_anon_test_case(): no PMD-sized THP ...
thp 32K always                                     # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=16           # twice the THP size, for alignment
madvise parent buf[8..15] hugepage                 # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[8] old                            # mem[0] = 1: the write fault populates a THP
folio parent buf[15] expect 32K:pte                # SKIP unless the last subpage got populated
write parent buf[8] old                            # memset(mem, 1, thpsize)
write parent buf[11] old
mremap parent buf[12..15] as moved                 # move the upper half of the THP elsewhere
folio parent moved[0] expect 32K:pte               # the moved half still maps the THP, by PTEs
folio parent buf[8] expect 32K:pte                 # ... and so does the lower half, where the test runs
fork parent child                                  # share the pages with a child (not pinned yet)
read child buf[8] expect old                       # the child is ready and stays alive
read child buf[11] expect old
pin parent buf[8] ro longterm as ropin0 expect ok  # PIN_LONGTERM_TEST_START
pin parent buf[11] ro longterm as ropin1 expect ok
write parent buf[8] new                            # modify the pages through the page table
write parent buf[11] new
peek ropin0 expect new                             # PIN_LONGTERM_TEST_READ: the R/O pin is reliable
peek ropin1 expect new
read parent buf[8] expect new
read parent buf[11] expect new
release ropin0                                     # PIN_LONGTERM_TEST_STOP
release ropin1
read child buf[8] expect old                       # the child keeps the old content
read child buf[11] expect old
exit child
exit parent
