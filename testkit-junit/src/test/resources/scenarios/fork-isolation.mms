scenario "the child keeps what it saw at fork"
spawn parent
mmap parent buf anon private pages=1
write parent buf[0] before
fork parent child
write parent buf[0] after
read child buf[0] expect before
exit child
exit parent
