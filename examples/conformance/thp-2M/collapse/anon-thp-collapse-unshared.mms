# Port of tools/testing/selftests/mm/cow.c: test_anon_thp_collapse_unshared()
#   anon_thp_test_cases[] "Basic COW after fork() when collapsing before fork()", do_run_with_thp(THP_RUN_PMD) in run_anon_thp_test_cases(), then do_test_anon_thp_collapse(), 2M
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: Basic COW after fork() when collapsing before fork() (THP 2M, MADV_COLLAPSE)"
tags conformance cow-selftest anon thp thp-2M collapse cow fork
thp 2M madvise                                    # main(): 2M "inherit" (the top level is madvise)
spawn parent
mmap parent buf anon private rw pages=1024        # twice the THP size, for alignment
madvise parent buf[512..1023] hugepage            # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[512] old                         # mem[0] = 1: the write fault populates a THP
folio parent buf[1023] expect 2M:pmd              # SKIP unless the last subpage got populated
write parent buf[512] old                         # memset(mem, 1, thpsize)
write parent buf[1023] old
write parent buf[767] old
write parent buf[768] old
mprotect parent buf[513] ro                       # map one subpage R/O and back: PTE-map the THP
mprotect parent buf[513] rw                       # ... so that it can be collapsed later
folio parent buf[512] expect 2M:pte
madvise parent buf[512..1023] collapse expect ok  # MADV_COLLAPSE before COW-sharing: SKIP if it fails
folio parent buf[512] expect 2M:pmd               # one PMD maps a new THP
fork parent child
read child buf[512] expect old                    # child_memcmp_fn(): back up the content
read child buf[1023] expect old
write parent buf[512] new                         # the parent modifies the THP
write parent buf[1023] new
read child buf[512] expect old                    # no leak from parent into child
read child buf[1023] expect old
exit child
exit parent
