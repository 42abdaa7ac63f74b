scenario "template: a R/O pin of a page shared by fork sees the parent's later write"
spawn parent
mmap parent buf anon private pages=1
write parent buf[0] A
fork parent child
pin parent buf[0] ro longterm as h expect ok   # unshare first: the parent gets its own exclusive page
write parent buf[0] B                          # exclusive now: written in place
peek h expect B                                # so the pin sees it
read child buf[0] expect A
release h
exit child
exit parent
