# Port of tools/testing/selftests/mm/cow.c: test_cow_in_parent_mprotect()
#   anon_test_cases[] "Basic COW after fork() with mprotect() optimization", run_with_pte_mapped_thp_swap() (THP_RUN_PTE_SWAPOUT), 256K
# Generated from cow-matrix.md by CowMatrix.java: edit that, not this file.
scenario "cow.c: Basic COW after fork() with mprotect() optimization (swapped-out, PTE-mapped THP 256K)"
tags conformance cow-selftest anon thp pte-mapped-thp swap thp-256K mthp cow fork mprotect
thp 2M never                               # run_anon_test_case(): no PMD-sized THP ...
thp 256K always                            # run_anon_test_case(): THPs of this size
spawn parent
mmap parent buf anon private rw pages=128  # twice the THP size, for alignment
madvise parent buf[64..127] hugepage       # MADV_HUGEPAGE on [mem, mem + thpsize)
write parent buf[64] old                   # mem[0] = 1: the write fault populates a THP
folio parent buf[127] expect 256K:pte      # SKIP unless the last subpage got populated
write parent buf[64] old                   # memset(mem, 1, thpsize)
write parent buf[127] old
mprotect parent buf[65] ro                 # map one subpage R/O and back: PTE-map the THP
mprotect parent buf[65] rw                 # (below 2M it was PTE-mapped already)
folio parent buf[64] expect 256K:pte
madvise parent buf[64..127] pageout        # MADV_PAGEOUT [mem, mem + size)
folio parent buf[64] expect swap           # SKIP unless range_is_swapped()
folio parent buf[127] expect swap          # SKIP likewise
fork parent child
read child buf[64] expect old              # child_memcmp_fn(): back up the content
read child buf[127] expect old
mprotect parent buf[64..127] ro            # mprotect() optimization: R/O ...
mprotect parent buf[64..127] rw            # ... then R/W again before the write
write parent buf[64] new                   # the parent modifies the pages
write parent buf[127] new
read child buf[64] expect old              # no leak from parent into child
read child buf[127] expect old
read parent buf[64] expect new
read parent buf[127] expect new
exit child
exit parent
