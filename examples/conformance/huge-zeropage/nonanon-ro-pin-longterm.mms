# Port of tools/testing/selftests/mm/cow.c: test_ro_pin()
#   non_anon_test_cases[] "R/O longterm GUP pin", run_with_huge_zeropage(), 2M
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: R/O longterm GUP pin ... with huge zeropage"
tags conformance cow-selftest nonanon zeropage huge-zeropage thp thp-2M pin ro-pin longterm
spawn p
mmap p mem anon private rw pages=1024           # mem: MAP_PRIVATE|MAP_ANON R/W, twice the PMD size
mmap p smem anon private ro pages=1024          # smem: MAP_PRIVATE|MAP_ANON R/O, likewise
madvise p mem[512..1023] hugepage               # MADV_HUGEPAGE on the PMD-aligned halves
madvise p smem[512..1023] hugepage
read p mem[512] expect 0                        # read: populate the huge zeropage
read p smem[512] expect 0
folio p mem[513] expect hugezero                # SKIP unless another subpage got populated
folio p smem[513] expect hugezero               # SKIP likewise
pin p mem[512] ro longterm as ropin0 expect ok  # PIN_LONGTERM_TEST_START
pin p mem[1023] ro longterm as ropin1 expect ok
write p mem[512] new                            # modify the pages through the page table
write p mem[1023] new
peek ropin0 expect new                          # the R/O long-term pin is reliable (6.2+)
peek ropin1 expect new
read p smem[512] expect 0                       # ... and the write stayed private
read p smem[1023] expect 0
release ropin0
release ropin1
exit p
