# Port of tools/testing/selftests/mm/cow.c: test_iouring_ro()
#   anon_test_cases[] "R/O-mapping a page registered as iouring fixed buffer", run_with_base_page()
scenario "cow.c: R/O-mapping a page registered as iouring fixed buffer (base page)"
tags conformance cow-selftest anon base-page iouring pin longterm mprotect
spawn p
mmap p buf anon private rw pages=1
write p buf[0] old                  # populate the base page
iouring p buf[0] as ring expect ok  # FOLL_WRITE|FOLL_PIN|FOLL_LONGTERM
mprotect p buf ro                   # map the page R/O ...
mprotect p buf rw                   # ... so the next write may fault
write p buf[0] new                  # modify the page through the page table
peek ring expect new                # WRITE_FIXED: the R/W long-term pin is reliable
read p buf[0] expect new
release ring
exit p
