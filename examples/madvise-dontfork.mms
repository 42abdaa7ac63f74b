# MADV_DONTFORK: the child does not get the region at all; MADV_DOFORK
# undoes it for later forks.
scenario "madvise(): dontfork and dofork"
tags madvise dontfork fork segv
spawn p
mmap p buf anon private pages=1
write p buf[0] A
madvise p buf dontfork expect ok
fork p c1
read c1 buf[0] expect segv        # not inherited
write c1 buf[0] X expect segv
madvise p buf dofork expect ok
fork p c2
read c2 buf[0] expect A           # inherited again
exit c1
exit c2
exit p
