# File mappings: MAP_PRIVATE reads the page cache until it writes, MAP_SHARED
# writes into the page cache, pwrite() updates the page cache in place.
scenario "private and shared file mappings"
tags file private shared fwrite
file f pages=3 fill="page cache"
spawn p
mmap p priv file=f private rw                 # pages= defaults to the rest of the file
mmap p sh file=f shared rw pages=2 offset=1   # f[1] and f[2]
mmap p view file=f shared ro pages=1          # f[0], read-only
read p priv[0] expect "page cache"
fwrite f[0] v2
read p priv[0] expect v2          # not written yet: still the page-cache page
write p priv[0] mine              # COW: a private anonymous copy
fwrite f[0] v3
read p priv[0] expect mine
read p view[0] expect v3          # the file itself was never changed by priv
write p view[0] nope expect segv  # read-only shared mapping
write p sh[0] shared-1            # goes to the page cache of f[1]
read p priv[1] expect shared-1    # priv[1] was never written: sees the cache
exit p
