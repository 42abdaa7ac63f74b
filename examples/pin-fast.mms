# GUP-fast pins (pin_user_pages_fast): a short-term R/O pin and a R/W
# long-term pin of exclusive anonymous pages; both stay coherent with the
# page tables.
scenario "GUP-fast pins of exclusive pages"
tags pin fast longterm poke
spawn p
mmap p buf anon private pages=2
write p buf[0] A
write p buf[1] B
pin p buf[0] ro fast as r expect ok
pin p buf[1] rw longterm fast as w expect ok
write p buf[0] A2                 # exclusive page: written in place
peek r expect A2
poke w W expect ok
read p buf[1] expect W
poke r X expect fail              # a R/O handle cannot be written by the device
release r expect ok
release w expect ok
exit p
