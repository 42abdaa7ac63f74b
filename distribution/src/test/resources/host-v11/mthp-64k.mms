scenario "mTHP: 64K always gives 64K folios mapped by PTEs"
tags thp
thp 64K always
spawn p
mmap p b anon private pages=64
write p b[5] Z
folio p b[5] expect 64K:pte
folio p b[0] expect 64K:pte
folio p b[15] expect 64K:pte
folio p b[16] expect none
