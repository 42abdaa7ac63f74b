# get_user_pages() takes a plain FOLL_GET reference, R/O or R/W; a short-term
# R/W pin_user_pages() behaves the same for the device.  FOLL_WRITE on a page
# never written faults in a writable page first, so the device write lands
# in the process's own page.
scenario "get_user_pages() and a short-term R/W pin"
tags get pin poke
spawn p
mmap p buf anon private pages=3
write p buf[0] A
get p buf[0] ro as g1 expect ok   # the same as vmsplice
peek g1 expect A
get p buf[1] rw as g2 expect ok   # never written: FOLL_WRITE faults in a page
poke g2 D expect ok
read p buf[1] expect D
pin p buf[2] rw as s expect ok    # short-term FOLL_PIN|FOLL_WRITE
poke s "device \"S\"" expect ok
read p buf[2] expect "device \"S\""
poke g1 X expect fail             # R/O reference
release g1 expect ok
release g2 expect ok
release s expect ok
exit p
