# Port of tools/testing/selftests/mm/cow.c: test_cow_in_parent()
#   anon_test_cases[] "Basic COW after fork()", run_with_base_page()
scenario "cow.c: Basic COW after fork() (base page)"
tags conformance cow-selftest anon base-page cow fork
spawn parent
mmap parent buf anon private rw pages=1
write parent buf[0] old       # populate the base page
fork parent child
read child buf[0] expect old  # child_memcmp_fn: back up the content
write parent buf[0] new       # the parent modifies the page
read child buf[0] expect old  # no leak from parent into child
read parent buf[0] expect new
exit child
exit parent
