# After exit, every statement that names the process fails; handles it made
# live on until released.
scenario "statements on an exited process fail; its handles live on"
tags exit corner-case vmsplice
spawn p
mmap p buf anon private pages=1
write p buf[0] kept
vmsplice p buf[0] as h expect ok
exit p expect ok
read p buf[0] expect fail
write p buf[0] X expect fail
fork p c expect fail
mprotect p buf ro expect fail
peek h expect kept
release h expect ok
