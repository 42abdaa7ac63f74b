# Port of tools/testing/selftests/mm/cow.c: test_cow()
#   non_anon_test_cases[] "Basic COW", run_with_memfd()
#   (memfd and tmpfile are both modelled as a one-page file mapped MAP_PRIVATE,
#   with a MAP_SHARED read-only mapping as the "other mapping" smem)
scenario "cow.c: Basic COW ... with memfd"
tags conformance cow-selftest nonanon file private memfd cow
file memfd pages=1       # one page of zeroes (fallocate)
spawn p
mmap p mem file=memfd private rw pages=1
mmap p smem file=memfd shared ro pages=1
read p mem[0] expect 0   # fault the page-cache page in
read p smem[0] expect 0
write p mem[0] new       # modify the private mapping
read p smem[0] expect 0  # the other mapping is not modified
read p mem[0] expect new
exit p
