# pin_user_pages(FOLL_WRITE|FOLL_LONGTERM), written as a `pin` statement
# (the same as `iouring`): fork() must copy the pinned page for the child so
# that the pin and the parent's mapping stay the same page.
scenario "R/W long-term pin survives fork()"
tags pin longterm fork poke
spawn parent
mmap parent buf anon private pages=1
write parent buf[0] A
pin parent buf[0] rw longterm as h expect ok
fork parent child
poke h D expect ok
read parent buf[0] expect D       # the parent maps the pinned page
read child buf[0] expect A        # the child got a copy at fork()
write child buf[0] C
peek h expect D
exit child
release h expect ok
exit parent
