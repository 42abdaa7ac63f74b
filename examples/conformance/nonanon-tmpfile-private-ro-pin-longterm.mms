# Port of tools/testing/selftests/mm/cow.c: test_ro_pin()
#   non_anon_test_cases[] "R/O longterm GUP pin", run_with_tmpfile()
#   (memfd and tmpfile are both modelled as a one-page file mapped MAP_PRIVATE,
#   with a MAP_SHARED read-only mapping as the "other mapping" smem)
scenario "cow.c: R/O longterm GUP pin ... with tmpfile"
tags conformance cow-selftest nonanon file private tmpfile pin ro-pin longterm
file tmpfile pages=1                         # one page of zeroes (fallocate)
spawn p
mmap p mem file=tmpfile private rw pages=1
mmap p smem file=tmpfile shared ro pages=1
read p mem[0] expect 0                       # fault the page-cache page in
read p smem[0] expect 0
pin p mem[0] ro longterm as ropin expect ok  # PIN_LONGTERM_TEST_START
write p mem[0] new                           # modify the page through the page table
peek ropin expect new                        # the R/O long-term pin is reliable (6.2+)
read p smem[0] expect 0                      # ... and the write stayed private
release ropin
exit p
