# vmsplice() of a page that was never written holds what the mapping shows:
# the shared zeropage for anonymous memory (a later write does not change it),
# the page-cache page for a file mapping (a later pwrite() shows through it).
# (A kernel booted with pvm_no_zero_page=1 has no zeropage: there the pipe
# holds a real page and line 14 reads A. See the README, "The live kernel".)
scenario "vmsplice() of pages never written"
tags vmsplice zeropage file corner-case
file f pages=1 fill=F0
spawn p
mmap p buf anon private pages=1
mmap p m file=f private pages=1
vmsplice p buf[0] as z expect ok
write p buf[0] A                  # a fresh anonymous page replaces the zeropage
peek z expect 0
read p buf[0] expect A
vmsplice p m[0] as pc expect ok
fwrite f[0] F1                    # updates the page cache in place
peek pc expect F1
release z
release pc
exit p
