# MADV_DONTNEED on pinned pages: the pin keeps the old page, the mapping
# gets a fresh one: zero for private anonymous memory, the file's page for a
# private file mapping, the same page for shared memory.
scenario "dontneed on a pinned page"
tags madvise dontneed iouring pin file corner-case
file f pages=1 fill=F0
spawn p
mmap p priv anon private pages=1
mmap p shm anon shared pages=1
mmap p fp file=f private pages=1
write p priv[0] A
write p shm[0] S
write p fp[0] P                   # COW: a private copy of the file page
iouring p priv[0] as hp expect ok
iouring p shm[0] as hs expect ok
iouring p fp[0] as hf expect ok
madvise p priv dontneed expect ok
madvise p shm dontneed expect ok
madvise p fp dontneed expect ok
read p priv[0] expect 0           # a fresh zero page
peek hp expect A                  # the pin kept the old page (detached)
read p fp[0] expect F0            # the file's page again
peek hf expect P
write p shm[0] S2
peek hs expect S2                 # shmem: still the same page
release hp
release hs
release hf
exit p
