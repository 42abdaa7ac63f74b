# MADV_DONTNEED zaps pages (private anonymous memory reads 0 again, shared
# memory keeps its content); MADV_PAGEOUT reclaims to swap, which must be
# invisible to the process.
scenario "madvise(): dontneed and pageout"
tags madvise dontneed pageout swap
spawn p
mmap p priv anon private pages=2
mmap p shm anon shared pages=1
write p priv[0] A
write p priv[1] B
write p shm[0] S
madvise p priv pageout expect ok
read p priv[0] expect A           # swapped back in
madvise p priv dontneed expect ok
read p priv[1] expect 0           # zapped: zero-filled again
madvise p shm dontneed expect ok
read p shm[0] expect S            # shmem keeps the page
write p priv[1] again
read p priv[1] expect again
exit p
