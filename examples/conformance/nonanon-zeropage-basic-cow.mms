# Port of tools/testing/selftests/mm/cow.c: test_cow()
#   non_anon_test_cases[] "Basic COW", run_with_zeropage()
#   (mem: MAP_PRIVATE|MAP_ANON R/W, smem: MAP_PRIVATE|MAP_ANON R/O, both only read)
scenario "cow.c: Basic COW ... with shared zeropage"
tags conformance cow-selftest nonanon zeropage cow
spawn p
mmap p mem anon private rw pages=1
mmap p smem anon private ro pages=1
read p mem[0] expect 0   # populate the shared zeropage
read p smem[0] expect 0
write p mem[0] new       # modify the private mapping
read p smem[0] expect 0  # the other mapping is not modified
read p mem[0] expect new
exit p
