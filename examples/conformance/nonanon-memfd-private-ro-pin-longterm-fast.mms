# Port of tools/testing/selftests/mm/cow.c: test_ro_fast_pin()
#   non_anon_test_cases[] "R/O longterm GUP-fast pin", run_with_memfd()
#   (memfd and tmpfile are both modelled as a one-page file mapped MAP_PRIVATE,
#   with a MAP_SHARED read-only mapping as the "other mapping" smem)
scenario "cow.c: R/O longterm GUP-fast pin ... with memfd"
tags conformance cow-selftest nonanon file private memfd pin ro-pin longterm fast
file memfd pages=1                                # one page of zeroes (fallocate)
spawn p
mmap p mem file=memfd private rw pages=1
mmap p smem file=memfd shared ro pages=1
read p mem[0] expect 0                            # fault the page-cache page in
read p smem[0] expect 0
pin p mem[0] ro longterm fast as ropin expect ok  # PIN_LONGTERM_TEST_START
write p mem[0] new                                # modify the page through the page table
peek ropin expect new                             # the R/O long-term pin is reliable (6.2+)
read p smem[0] expect 0                           # ... and the write stayed private
release ropin
exit p
