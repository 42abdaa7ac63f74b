scenario "mremap of half a 64K folio: the pages keep their folio, PTE-mapped; the source keeps a hole"
tags thp
thp 64K always
spawn p
mmap p b anon private pages=16
write p b[9] M
mremap p b[8..15] as m
folio p m[1] expect 64K:pte
read p m[1] expect M
read p b[9] expect segv
folio p b[0] expect 64K:pte
