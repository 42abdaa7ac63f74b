scenario "the kernel fails this too"
tags xfail
spawn parent
mmap parent buf anon private pages=1
write parent buf[0] before
fork parent child
write parent buf[0] after
read child buf[0] expect before
exit child
exit parent
