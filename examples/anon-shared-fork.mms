# Shared anonymous memory (shmem) stays shared across fork(); private
# anonymous memory is copied on write; a read-only mapping faults on write.
scenario "anonymous shared vs private memory across fork()"
tags anon shared fork segv
spawn p
mmap p shm anon shared rw pages=2
mmap p priv anon private rw pages=2
mmap p rom anon shared ro
write p shm[1] from-parent
write p priv[1] from-parent
fork p c
write c shm[1] from-child         # shared: the parent sees it
write c priv[1] from-child        # private: COW, the parent does not
read p shm[1] expect from-child
read p priv[1] expect from-parent
read c shm[0] expect 0            # never written
read c rom[0] expect 0
write c rom[0] x expect segv
exit c
exit p
