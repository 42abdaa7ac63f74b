# Port of tools/testing/selftests/mm/cow.c: test_vmsplice_after_fork()
#   anon_test_cases[] "vmsplice() + unmap in parent after fork()", run_with_base_page()
scenario "cow.c: vmsplice() + unmap in parent after fork() (base page)"
tags conformance cow-selftest anon base-page vmsplice fork
spawn parent
mmap parent buf anon private rw pages=1
write parent buf[0] old                   # populate the base page
fork parent child
vmsplice parent buf[0] as pipe expect ok  # R/O GUP reference after fork()
munmap parent buf                         # the parent unmaps the page
write child buf[0] new                    # the child modifies the page
exit child
peek pipe expect old                      # no leak from child into parent
release pipe
exit parent
