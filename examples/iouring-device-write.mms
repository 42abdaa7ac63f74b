# An io_uring fixed buffer is a R/W long-term pin: device writes (poke) are
# seen through the mapping, process writes through the pin.  A released
# handle fails, and its name can then be used again.
scenario "io_uring fixed buffer: device and process writes"
tags iouring pin longterm poke release
spawn p
mmap p buf anon private pages=1
write p buf[0] A
iouring p buf[0] as ring expect ok
poke ring D expect ok             # READ_FIXED: the device writes the page
read p buf[0] expect D
write p buf[0] E
peek ring expect E                # WRITE_FIXED: the device reads the page
release ring expect ok
release ring expect fail          # already released
peek ring expect fail
iouring p buf[0] as ring expect ok   # the name is free again
peek ring expect E
release ring
exit p
