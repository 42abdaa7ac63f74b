scenario "munmap of one page of a PMD THP: its neighbours stay in the 2M folio, mapped by PTEs"
tags thp
spawn p
mmap p a anon private pages=512
madvise p a hugepage
write p a[0] X
folio p a[0] expect 2M:pmd
munmap p a[7]
folio p a[6] expect 2M:pte
folio p a[8] expect 2M:pte
read p a[0] expect X
