# The case from the linux-mm thread "FAULT_FLAG_UNSHARE" (reference/
# lkml-2022-03-21-fault-flag-unshare.txt): GUP takes a R/O FOLL_PIN on an
# anonymous page that may be shared (mapped R/O, !PageAnonExclusive) after
# fork().  Option (1) "ignore and pin" loses the pin on the next write fault
# (COW replaces the mapped page); option (2) refuses the pin; option (3),
# which Linux implements since 5.19, unshares first so the pin stays coherent.
scenario "R/O FOLL_PIN of a shared anonymous page sees later writes"
tags pin ro-pin fork thread
spawn parent
mmap parent buf anon private pages=1
write parent buf[0] before
fork parent child                 # buf[0] is now COW-shared, mapped R/O in both
pin parent buf[0] ro as h expect ok   # short-term R/O FOLL_PIN: unshare, then pin
write parent buf[0] after         # write fault through the page table
peek h expect after               # the pin refers to the page that is mapped
read child buf[0] expect before   # the child keeps its own copy
release h expect ok
exit child
exit parent
