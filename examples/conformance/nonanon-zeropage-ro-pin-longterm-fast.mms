# Port of tools/testing/selftests/mm/cow.c: test_ro_fast_pin()
#   non_anon_test_cases[] "R/O longterm GUP-fast pin", run_with_zeropage()
#   (mem: MAP_PRIVATE|MAP_ANON R/W, smem: MAP_PRIVATE|MAP_ANON R/O, both only read)
scenario "cow.c: R/O longterm GUP-fast pin ... with shared zeropage"
tags conformance cow-selftest nonanon zeropage pin ro-pin longterm fast
spawn p
mmap p mem anon private rw pages=1
mmap p smem anon private ro pages=1
read p mem[0] expect 0                            # populate the shared zeropage
read p smem[0] expect 0
pin p mem[0] ro longterm fast as ropin expect ok  # PIN_LONGTERM_TEST_START
write p mem[0] new                                # modify the page through the page table
peek ropin expect new                             # the R/O long-term pin is reliable (6.2+)
read p smem[0] expect 0                           # ... and the write stayed private
release ropin
exit p
