# Found by `mmsim diff unshare-cow-mapping mm-id --thp 16K`, checked on Linux 6.18 with the host column.
# 1da190f4d0a6 (6.15, __wp_can_reuse_large_anon_folio()): once the child that shared the folio is gone,
# a write fault reuses the PTE-mapped mTHP in place; 6.10-6.14 never reuse a large folio that is not
# exclusive (wp_can_reuse_anon_folio()), so they copy one 4 KiB page out of it.
scenario "COW reuse of a PTE-mapped 16K mTHP after the child exited"
tags thp mthp cow
thp 16K always
spawn p0
mmap p0 buf anon private pages=4
write p0 buf[0] P0
folio p0 buf[0] expect 16K:pte           # one 16K folio, its four pages mapped by PTEs
fork p0 p1                               # shared with the child, write-protected
exit p0
write p1 buf[0] P1                       # the child is alone again: reuse (6.15) or copy (before)
folio p1 buf[0] expect 16K:pte
read p1 buf[1] expect 0
exit p1
