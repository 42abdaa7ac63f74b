# Port of tools/testing/selftests/mm/cow.c: test_ro_pin_on_ro_exclusive()
#   anon_test_cases[] "R/O GUP pin on R/O-mapped exclusive page", run_with_base_page_swap()
scenario "cow.c: R/O GUP pin on R/O-mapped exclusive page (swapped-out base page)"
tags conformance cow-selftest anon base-page swap pin ro-pin longterm mprotect
spawn parent
mmap parent buf anon private rw pages=1
write parent buf[0] old                           # populate the base page
madvise parent buf pageout                        # MADV_PAGEOUT: swap it out
mprotect parent buf ro                            # map the exclusive page R/O ...
mprotect parent buf rw                            # ... the next write faults
pin parent buf[0] ro longterm as ropin expect ok  # PIN_LONGTERM_TEST_START
write parent buf[0] new                           # modify the page through the page table
peek ropin expect new                             # PIN_LONGTERM_TEST_READ: the R/O pin is reliable
read parent buf[0] expect new
release ropin                                     # PIN_LONGTERM_TEST_STOP
exit parent
