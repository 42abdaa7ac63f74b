scenario "A read fault in a hugepage region maps the huge zeropage"
tags thp zeropage
spawn p
mmap p a anon private pages=512
madvise p a hugepage
read p a[0] expect 0
folio p a[0] expect hugezero
folio p a[9] expect hugezero
