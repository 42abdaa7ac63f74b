# Port of tools/testing/selftests/mm/cow.c: test_cow()
#   non_anon_test_cases[] "Basic COW", run_with_huge_zeropage(), 2M
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: Basic COW ... with huge zeropage"
tags conformance cow-selftest nonanon zeropage huge-zeropage thp thp-2M cow
spawn p
mmap p mem anon private rw pages=1024   # mem: MAP_PRIVATE|MAP_ANON R/W, twice the PMD size
mmap p smem anon private ro pages=1024  # smem: MAP_PRIVATE|MAP_ANON R/O, likewise
madvise p mem[512..1023] hugepage       # MADV_HUGEPAGE on the PMD-aligned halves
madvise p smem[512..1023] hugepage
read p mem[512] expect 0                # read: populate the huge zeropage
read p smem[512] expect 0
folio p mem[513] expect hugezero        # SKIP unless another subpage got populated
folio p smem[513] expect hugezero       # SKIP likewise
read p smem[512] expect 0               # back up the other mapping
read p smem[1023] expect 0
write p mem[512] new                    # modify the private mapping
write p mem[1023] new
read p smem[512] expect 0               # the other mapping is not modified
read p smem[1023] expect 0
read p mem[512] expect new
read p mem[1023] expect new
exit p
