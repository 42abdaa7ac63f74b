scenario "hugetlb: a pool of one huge page cannot reserve two"
tags hugetlb
hugetlb 2M pages=1
spawn p
mmap p h hugetlb private pages=1024 expect fail
mmap p a hugetlb private pages=512 expect ok
write p a[5] X
folio p a[511] expect 2M:hugetlb
