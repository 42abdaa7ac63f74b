scenario "hugetlb: a fault that finds the pool empty is SIGBUS"
tags hugetlb
hugetlb 2M pages=1
spawn p
mmap p a hugetlb private pages=512
fork p c
read c a[0] expect sigbus       # hugetlb_no_page(): the one free page is reserved for p
write p a[5] X
fork p d
write d a[5] Y expect sigbus    # hugetlb_wp(): no page to copy to
iouring d a[0] as h expect sigbus
read d a[5] expect X
