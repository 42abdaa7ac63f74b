# Port of tools/testing/selftests/mm/cow.c: test_ro_pin_on_shared()
#   anon_test_cases[] "R/O GUP pin on R/O-mapped shared page", run_with_base_page()
scenario "cow.c: R/O GUP pin on R/O-mapped shared page (base page)"
tags conformance cow-selftest anon base-page pin ro-pin longterm fork
spawn parent
mmap parent buf anon private rw pages=1
write parent buf[0] old                           # populate the base page
fork parent child                                 # share the page with a child (not pinned yet)
read child buf[0] expect old                      # the child is ready and stays alive
pin parent buf[0] ro longterm as ropin expect ok  # PIN_LONGTERM_TEST_START
write parent buf[0] new                           # modify the page through the page table
peek ropin expect new                             # PIN_LONGTERM_TEST_READ: the R/O pin is reliable
read parent buf[0] expect new
release ropin                                     # PIN_LONGTERM_TEST_STOP
read child buf[0] expect old                      # the child keeps the old content
exit child
exit parent
