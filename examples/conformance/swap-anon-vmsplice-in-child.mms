# Port of tools/testing/selftests/mm/cow.c: test_vmsplice_in_child()
#   anon_test_cases[] "vmsplice() + unmap in child (CVE-2020-29374)", run_with_base_page_swap()
scenario "cow.c: vmsplice() + unmap in child (CVE-2020-29374) (swapped-out base page)"
tags conformance cow-selftest anon base-page swap vmsplice fork cve
spawn parent
mmap parent buf anon private rw pages=1
write parent buf[0] old                  # populate the base page
madvise parent buf pageout               # MADV_PAGEOUT: swap it out
fork parent child
read child buf[0] expect old             # child_vmsplice_memcmp_fn: back up the content
vmsplice child buf[0] as pipe expect ok  # R/O GUP reference into a pipe
munmap child buf                         # the child unmaps it from its page tables
write parent buf[0] new                  # the parent modifies the page
peek pipe expect old                     # the child must not read the parent's new data
read parent buf[0] expect new
exit child
release pipe
exit parent
