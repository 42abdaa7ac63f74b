# munmap of one page and of a whole region, mapping a name again after the
# whole region was unmapped, mprotect() ro/rw, and the kernel's ENOMEM when
# mprotect() meets a hole (it still changed the pages before the hole).
scenario "munmap() and mprotect(), including a hole"
tags munmap mprotect segv corner-case
spawn p
mmap p buf anon private pages=3
write p buf[0] A
write p buf[2] C
munmap p buf[1] expect ok         # one page
munmap p buf[1] expect ok         # already unmapped: still ok
read p buf[1] expect segv
mprotect p buf ro expect fail     # ENOMEM at the hole, after buf[0] went R/O
write p buf[0] X expect segv
write p buf[2] Y expect ok        # after the hole: unchanged, still R/W
munmap p buf expect ok            # the whole region
read p buf[2] expect segv
mmap p buf anon private ro pages=1   # a new mapping under the same name
read p buf[0] expect 0
mprotect p buf rw expect ok
write p buf[0] Z expect ok
read p buf[0] expect Z
exit p
