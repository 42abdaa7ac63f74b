# Since Linux 6.5 a long-term R/W pin (FOLL_LONGTERM|FOLL_WRITE, an io_uring
# fixed buffer) of a MAP_SHARED file mapping fails: the device would write
# behind the file system's dirty tracking (writable_file_mapping_allowed() in
# check_vma_flags()). Shared memory needs no dirty tracking and is exempt; a
# MAP_PRIVATE mapping pins an anonymous copy. Policies modelling kernels
# before 6.5 take the pin, so they fail this scenario's first expectation.
scenario "long-term R/W pins of shared file mappings fail (6.5)"
tags iouring pin longterm file shmem
file f pages=1 fill=F
spawn p
mmap p shared file=f shared pages=1
mmap p private file=f private pages=1
mmap p shm anon shared pages=1
iouring p shared[0] as a expect fail
iouring p private[0] as b expect ok   # FOLL_WRITE breaks COW: the pin holds an anonymous copy
iouring p shm[0] as c expect ok
pin p shared[0] rw as d expect ok     # short-term: allowed
poke d D expect ok
read p shared[0] expect D
release b expect ok
release c expect ok
release d expect ok
exit p
