# vmsplice() takes a plain FOLL_GET reference, not a R/O FOLL_PIN, so it
# does not unshare: on a page COW-shared after fork() the parent's next
# write copies the page and the pipe keeps the old content.
scenario "vmsplice() of a COW-shared page keeps the old content"
tags vmsplice fork cow
spawn parent
mmap parent buf anon private pages=1
write parent buf[0] old
fork parent child
vmsplice parent buf[0] as pipe expect ok
write parent buf[0] new           # not exclusive and referenced: copy
peek pipe expect old
read child buf[0] expect old
exit child
release pipe
exit parent
