scenario "A write fault in a hugepage region maps a 2M folio by a PMD"
tags thp
spawn p
mmap p a anon private pages=1024
madvise p a hugepage
write p a[3] X
folio p a[3] expect 2M:pmd
folio p a[511] expect 2M:pmd
folio p a[512] expect none      # the next 2 MiB: untouched
read p a[3] expect X
