# Reclaim and the dirty state of page-cache and shared-memory pages
# (shrink_folio_list()). A device write through an io_uring buffer does not
# dirty the page, and io_uring unpins it without dirtying it: a clean
# shared-memory page that MADV_PAGEOUT reclaims is dropped, and the device's
# write is lost. A page the process wrote is dirty and is written out first.
# A clean file page is dropped and read again from the file; a dirty one stays
# in the page cache (only kswapd writes file pages back).
scenario "reclaim drops clean page-cache and shared-memory pages"
tags reclaim dirty pageout shmem iouring
spawn p
mmap p clean anon shared pages=1
mmap p dirty anon shared pages=1
read p clean[0] expect 0              # shared memory: mapped writable, still clean
iouring p clean[0] as dev expect ok   # no fault, nothing dirtied
poke dev DEV expect ok
release dev expect ok                 # unpin_user_page(): not dirtied either
madvise p clean pageout expect ok
read p clean[0] expect 0              # the clean page was dropped: DEV is lost
write p dirty[0] A expect ok
iouring p dirty[0] as dev expect ok
poke dev DEV expect ok
release dev expect ok
madvise p dirty pageout expect ok
read p dirty[0] expect DEV            # dirty: written out, with what the device wrote
file f pages=2 fill=F
mmap p m file=f shared pages=2
read p m[0] expect F
fwrite f[1] X expect ok               # pwrite(): the page-cache page is dirty
read p m[1] expect X
madvise p m pageout expect ok
read p m[0] expect F                  # clean: dropped and read from the file again
read p m[1] expect X                  # dirty: kept in the page cache
exit p
