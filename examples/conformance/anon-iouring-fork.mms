# Port of tools/testing/selftests/mm/cow.c: test_iouring_fork()
#   anon_test_cases[] "fork() with an iouring fixed buffer", run_with_base_page()
scenario "cow.c: fork() with an iouring fixed buffer (base page)"
tags conformance cow-selftest anon base-page iouring pin longterm fork
spawn parent
mmap parent buf anon private rw pages=1
write parent buf[0] old                  # populate the base page
iouring parent buf[0] as ring expect ok  # FOLL_WRITE|FOLL_PIN|FOLL_LONGTERM
fork parent child                        # the pinned page must not get shared with the child
write parent buf[0] new                  # modify the page (child still alive)
peek ring expect new                     # the R/W long-term pin is reliable
read child buf[0] expect old             # the child got its own copy at fork()
exit child
release ring
exit parent
