scenario "same: one page after fork, two after a write"
spawn p
mmap p a anon private pages=1
write p a[0] A
fork p c
same p a[0] c a[0] expect yes
write c a[0] B
same p a[0] c a[0] expect no
read p a[0] expect A
