# A short-term R/O FOLL_PIN of a page-cache page in a MAP_PRIVATE mapping
# is taken as it is (no unshare: only long-term R/O pins are unshared, since
# 6.2), so it keeps snapshot semantics: the process's later write COWs away
# from it.  The pin-coherence invariant exempts this case, as the kernel does.
scenario "short-term R/O pin of a private file page keeps the page cache"
tags pin ro-pin file private
file f pages=1 fill=F0
spawn p
mmap p m file=f private pages=1
read p m[0] expect F0
pin p m[0] ro as h expect ok
write p m[0] P                    # COW: a private anonymous copy
peek h expect F0                  # the pin still holds the page-cache page
fwrite f[0] F1
peek h expect F1                  # ... which pwrite() updates in place
read p m[0] expect P
release h
exit p
