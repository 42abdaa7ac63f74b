# Port of tools/testing/selftests/mm/cow.c: test_cow_in_parent_mprotect()
#   anon_test_cases[] "Basic COW after fork() with mprotect() optimization", run_with_base_page()
scenario "cow.c: Basic COW after fork() with mprotect() optimization (base page)"
tags conformance cow-selftest anon base-page cow fork mprotect
spawn parent
mmap parent buf anon private rw pages=1
write parent buf[0] old       # populate the base page
fork parent child
read child buf[0] expect old  # child_memcmp_fn: back up the content
mprotect parent buf ro        # mprotect() optimisation: R/O ...
mprotect parent buf rw        # ... then R/W again before the write
write parent buf[0] new       # the parent modifies the page
read child buf[0] expect old  # no leak from parent into child
read parent buf[0] expect new
exit child
exit parent
