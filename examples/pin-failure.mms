# A pin the kernel refuses creates no handle: FOLL_WRITE on a read-only
# mapping, or an address that is no longer mapped.  Later use of the handle
# name is a no-op with outcome `fail`.
scenario "refused pins create no handle"
tags iouring pin fail corner-case
spawn p
mmap p rom anon private ro pages=1
mmap p buf anon private pages=1
iouring p rom[0] as h1 expect fail    # R/W pin of a PROT_READ mapping: EFAULT
peek h1 expect fail
write p buf[0] A
munmap p buf
iouring p buf[0] as h2 expect fail    # nothing mapped there any more
poke h2 X expect fail
release h2 expect fail
exit p
