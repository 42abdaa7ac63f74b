/*
 * unshare.pml: the universe of
 *
 *   mmsim explore --policy unshare \
 *       --statements write,read,fork,exit,munmap,vmsplice,pin,release --depth D
 *
 * as a Promela model for SPIN: the same universe as mm.pml (2 processes, p0 spawned, fork makes
 * p1; one private anonymous region `buf` of 2 pages mapped in p0; no files; handle names h0, h1),
 * under the `unshare` policy instead of `mapcount` (see README.md beside it, and run.sh
 * --model unshare for the commands). Written apart from mm.pml (same structure, same encoding) so
 * that each model stays a plain reading of one policy.
 *
 * Prelude (the initial state below): spawn p0; mmap p0 buf anon private pages=2.
 *
 * One mmsim statement is one atomic transition (one d_step), so a trail of N steps is a scenario
 * of N statements. Every move mmsim's explorer tries (Moves.candidates) is an option of the loop,
 * including the ones that change nothing (a write to an unmapped page: SEGV; a pin there: EFAULT).
 *
 * Depth: DEPTH (default 8), bounded as in mm.pml: pan's -m$DEPTH with -DBFS, or -DSTEPCOUNTER.
 *
 * Machine semantics are those of mm-core (Machine, Memory, Gup, Fork) under the `unshare` policy
 * (plugins/unshare UnsharePolicies.unshare(): UnsharePolicy with FAULT_FLAG_UNSHARE, no COW-mapping
 * unsharing, SharedAnonPin.UNSHARE, kernel 6.1), the kernel's 5.19-6.1 rules:
 *   - do_wp_page(): an anonymous page with PG_anon_exclusive is reused at once; one without is
 *     reused only when page_count() == 1 (pins and vmsplice references count), else copied;
 *   - gup_must_unshare(): a R/O FOLL_PIN of an anonymous page that is not PG_anon_exclusive first
 *     takes an unshare fault (FAULT_FLAG_UNSHARE: reuse or copy, the PTE stays read-only); the
 *     zeropage is not anonymous and is pinned as it is (the 6.2 rule for long-term pins in COW
 *     mappings is unshare-cow-mapping's, not this policy's);
 *   - copy_present_pte() / page_try_dup_anon_rmap(): fork shares a page write-protected and
 *     clears PG_anon_exclusive, except an exclusive page that may be pinned (page_count() >= 1024):
 *     the child gets its own copy at once and the parent keeps the page, writable and exclusive;
 *   - keepsAnonExclusive(): so Invariants checks unpin-nonexclusive (Machine.release()).
 *
 * -DTABLES also keeps one more fact that mmsim's StateHash mixes in for each region,
 * Region.tablesHash(): whether the region's one 2 MiB block has had a page table since the
 * region was made (Machine.mapPage() -> Region.markTable(); munmap of one page frees none). In
 * this universe (no THP) it decides nothing later, so the default model leaves it out, as mm.pml
 * does; with it the state counts can be compared one for one (README.md, "unshare.pml").
 */

#ifndef DEPTH
#define DEPTH 8
#endif

#define NF   8      /* frame slots: 0 is the zeropage, 1..7 anonymous frames            */
#define BIAS 1024   /* GUP_PIN_COUNTING_BIAS: what a FOLL_PIN adds to a small page's refcount */

/* Page contents, as in mm.pml: a stamp's value, writer and whether a fork happened before it,
 * which is all the invariants (and mmsim's state hash, StateHash.stamp()) look at. */
#define ZERO 0      /* never written: "0"                                      */
#define P0A  1      /* "P0" written by p0 before the fork that made p1          */
#define P0B  2      /* "P0" written by p0 after that fork                       */
#define P1V  3      /* "P1" written by p1 (always after the fork)               */
#define VAL(c) ((c) == P0B -> P0A : (c))   /* the value alone ("P0" either way) */

/* Invariant bits (mm/Invariants.java, Violation.INVARIANTS); mm.pml's, and unpin-nonexclusive */
#define ACC  1      /* accounting         */
#define AEX  2      /* anon-exclusive     */
#define PINC 4      /* pin-coherence      */
#define ISO  8      /* isolation          */
#define LOST 16     /* lost-write         */
#define MCR  32     /* mapcount-refcount  */
#define UNP  64     /* unpin-nonexclusive */

/* ---- the machine state (as mm.pml; ex[] now decides faults, GUP and fork) ----------------- */
short ref[NF];      /* refcount (the zeropage's: besides its own reference, never dropped) */
byte  mc[NF];       /* mapcount                                                 */
byte  ct[NF];       /* content (ZERO, P0A, P0B, P1V)                            */
bit   ex[NF];       /* PG_anon_exclusive (Frames.PG_ANON_EXCLUSIVE)             */

/* page slots: s = 2 * process + page (p0 buf[0], p0 buf[1], p1 buf[0], p1 buf[1]) */
byte  pf[4];        /* PTE: mapped frame + 1; 0 = none                          */
bit   pw[4];        /* PTE writable                                             */
bit   hole[4];      /* the page is not inside a VMA of buf (munmapped, or no region) */
byte  xp[4];        /* lost-write: what the process last stored there (0: nothing) */

bit   gone[2];      /* the process exited                                       */
bit   born1;        /* p1 exists (fork done); fork goes to the lowest unused name */
/* every variable starts at 0: that is the state after the prelude (p0 alive, buf mapped) */
#define ALIVE(p) ((p) == 0 -> !gone[0] : born1 && !gone[1])
#define VMA(sl)  (!hole[sl])
bit   avma[2];      /* buf has an anon_vma (vma_needs_copy(): fork copies PTEs only then) */
#ifdef TABLES
bit   tbl[2];       /* buf's block has a page table (Region.tables; mmsim hashes it) */
#define MARKTABLE(p) tbl[p] = 1
#define DROPTABLE(p) tbl[p] = 0
#else
#define MARKTABLE(p) skip
#define DROPTABLE(p) skip
#endif

/* handles h0, h1 */
byte  hf[2];        /* frame + 1; 0 = free name                                 */
bit   hpin[2];      /* FOLL_PIN (else FOLL_GET: vmsplice)                       */
bit   hw[2];        /* FOLL_WRITE                                               */
bit   hlt[2];       /* FOLL_LONGTERM                                            */
bit   hdet[2];      /* detached: its address was zapped/unmapped or its process exited */
byte  hpg[2];       /* page slot it was taken at (process and page)             */
bit   hord;         /* h1 was taken before h0 (both live): mmsim keeps handles in the order
                       they were taken, and its state hash and frame numbering follow that order */

byte  bad;          /* invariants broken in this state (a function of the state and, for
                       unpin-nonexclusive, of the move that made it: see release()) */

#ifdef STEPCOUNTER
byte  steps;
#define BOUND (steps < DEPTH) &&
#define STEP  steps++
#else
#define BOUND
#define STEP  skip
#endif

/* ---- scratch: zero at the end of every move, so constant in every stored state ---------- */
byte f, g, s, k, nf, hh, post, perm;
bit unpinned;       /* this move released a pin of a non-exclusive anonymous page */
short r0;
byte nw[NF]; short tr[NF]; byte tm[NF]; byte tc[NF]; bit te[NF];

/* which invariant kinds were already reported (outside the state vector: see REPORT) */
c_decl { int reported; }

/* ---- mm primitives ----------------------------------------------------------------------- */

/* Frames.alloc(): a free anonymous frame (the lowest; canon() renumbers them anyway) */
inline alloc() {
  nf = 1;
  do
  :: nf < NF && ref[nf] != 0 -> nf++
  :: else -> break
  od;
  assert(nf < NF)   /* the pool is large enough: never fires */
}

/* Machine.putPage(): drop n references; a frame at 0 is freed */
inline putpage(fr, n) {
  ref[fr] = ref[fr] - n;
  if
  :: ref[fr] == 0 -> mc[fr] = 0; ct[fr] = ZERO; ex[fr] = 0
  :: else
  fi
}

/* a new PG_anon_exclusive page holding `content`, mapped at slot sl of process p, writable or
 * not (Machine.mapPage(): an anonymous page gives the region its anon_vma, anon_vma_prepare()) */
inline newpage(sl, p, content, writable) {
  alloc();
  ref[nf] = 1; mc[nf] = 1; ct[nf] = content; ex[nf] = 1;
  pf[sl] = nf + 1; pw[sl] = writable; avma[p] = 1; MARKTABLE(p)
}

/* Memory.handleMmFault(FAULT_FLAG_WRITE) at slot sl, when the PTE is not present and writable */
inline wfault(sl, p) {
  if
  :: pf[sl] == 0 ->                        /* doAnonymousPage(): a fresh exclusive zeroed page */
     newpage(sl, p, ZERO, 1)
  :: pf[sl] != 0 && !pw[sl] ->             /* Memory.doWpPage()                              */
     g = pf[sl] - 1;
     if
     :: g != 0 && (ex[g] || ref[g] == 1) ->
        /* UnsharePolicy.doWpPage(): PG_anon_exclusive -> REUSE; else reuseIfOnlyUser():
         * page_count() == 1 -> REUSE. Memory.wpPageReuse(): exclusive, writable */
        ex[g] = 1; pw[sl] = 1
     :: else ->
        /* the zeropage (always copied), or page_count() > 1: Memory.wpPageCopy() */
        newpage(sl, p, ct[g], 1); mc[g]--; putpage(g, 1)
     fi
  :: else
  fi
}

/* Memory.handleMmFault(FAULT_FLAG_UNSHARE) at slot sl: gup_must_unshare() said so, so the page
 * is anonymous and not PG_anon_exclusive. Memory.doWpPage() with unshare: the policy's
 * reuseIfOnlyUser() reuses it when page_count() == 1 (wpPageReuse(): exclusive, the PTE stays
 * read-only), else wpPageCopy() maps an exclusive copy read-only */
inline ufault(sl, p) {
  g = pf[sl] - 1;
  if
  :: ref[g] == 1 -> ex[g] = 1
  :: else -> newpage(sl, p, ct[g], 0); mc[g]--; putpage(g, 1)
  fi
}

/* Memory.handleMmFault(read) on a none PTE: doAnonymousPage() maps the zeropage read-only (the
 * zeropage is not anonymous: no anon_vma) */
inline rfault(sl, p) {
  if
  :: pf[sl] == 0 -> ref[0]++; mc[0]++; pf[sl] = 1; pw[sl] = 0; MARKTABLE(p)
  :: else
  fi
}

/* Machine.zapRange() for one page (zapPte()): drop the mapping, forget the expectation, detach
 * the handles taken there */
inline zap(sl) {
  if
  :: pf[sl] != 0 -> g = pf[sl] - 1; mc[g]--; pf[sl] = 0; pw[sl] = 0; putpage(g, 1)
  :: else
  fi;
  xp[sl] = 0;
  if :: hf[0] != 0 && hpg[0] == sl -> hdet[0] = 1 :: else fi;
  if :: hf[1] != 0 && hpg[1] == sl -> hdet[1] = 1 :: else fi
}

#define HASREGION(p) (!hole[2*(p)] || !hole[2*(p)+1])
#define FREEH (hf[0] == 0 -> 0 : 1)          /* lowest free handle name */
#define HANDLEFREE (hf[0] == 0 || hf[1] == 0)

/* ---- the statements ---------------------------------------------------------------------- */

/* write p buf[i] Pp: Machine.write() */
inline write(p, i) {
  if
  :: VMA(2*p+i) ->
     wfault(2*p+i, p);
     g = pf[2*p+i] - 1;
     ct[g] = (p == 1 -> P1V : (born1 -> P0B : P0A));
     xp[2*p+i] = ct[g]
  :: else                                  /* SEGV: nothing changes */
  fi
}

/* read p buf[i]: Machine.read() */
inline read(p, i) {
  if :: VMA(2*p+i) -> rfault(2*p+i, p) :: else fi
}

/* fork p0 p1: Machine.fork() -> Fork.copyMm() (dup_mmap()) and copyPageRange() */
inline fork() {
  born1 = 1;
  hole[2] = hole[0]; hole[3] = hole[1];   /* Vmas.forkCopy(): the holes too */
  xp[2] = xp[0]; xp[3] = xp[1];           /* Region.expected, copied        */
  avma[1] = avma[0];                      /* anon_vma_fork()                */
  if
  :: avma[0] ->
     for (s : 0 .. 1) {
       if
       :: pf[s] != 0 ->
          g = pf[s] - 1;
          if
          :: g != 0 && ex[g] && ref[g] >= BIAS ->
             /* UnsharePolicy.copyPresentAnonPte(): exclusive and folio_maybe_dma_pinned():
              * COPY. Fork.copyPresentPage(): the child gets an exclusive copy, writable (buf has
              * VM_WRITE); the parent's PTE and page stay as they are */
             newpage(s + 2, 1, ct[g], 1)
          :: else ->
             /* SHARE (Fork.copyPresentPte(), page_try_dup_anon_rmap()): write-protected in
              * both; an anonymous page loses PG_anon_exclusive (the zeropage has none) */
             if :: g != 0 -> ex[g] = 0 :: else fi;
             pw[s] = 0;
             ref[g]++; mc[g]++; pf[s + 2] = pf[s]; pw[s + 2] = 0; MARKTABLE(1)
          fi
       :: else
       fi
     }
  :: else                                  /* no anon_vma: the child faults in later */
  fi
}

/* exit p: Machine.exit(), exit_mmap() */
inline exit(p) {
  zap(2*p); zap(2*p+1);
  hole[2*p] = 1; hole[2*p+1] = 1; avma[p] = 0; DROPTABLE(p);
  gone[p] = 1
}

/* munmap p buf[i]: Machine.munmap() of one page; no page table is freed (freePgtables() frees
 * only whole 2 MiB blocks) */
inline unmappage(p, i) {
  zap(2*p+i);
  hole[2*p+i] = 1;
  if :: !HASREGION(p) -> avma[p] = 0; DROPTABLE(p) :: else fi   /* the last page: dropRegion() */
}

/* munmap p buf */
inline unmapall(p) {
  zap(2*p); zap(2*p+1);
  hole[2*p] = 1; hole[2*p+1] = 1; avma[p] = 0; DROPTABLE(p)
}

/* pin p buf[i] ro|ro longterm|rw longterm as h (kind 0, 1, 2), vmsplice p buf[i] as h (kind 3):
 * Machine.gup() -> Gup.getUserPages(): check_vma_flags(), then the retry loop of walk() */
inline gup(p, i, kind, h) {
  if
  :: VMA(2*p+i) ->
     if
     :: kind == 2 -> wfault(2*p+i, p)     /* FOLL_WRITE: faultin_page() breaks COW now     */
     :: else ->
        rfault(2*p+i, p);                  /* faultin_page(): read fault if nothing mapped   */
        if
        :: kind != 3 && pf[2*p+i] > 1 && !ex[pf[2*p+i] - 1] ->
           /* R/O FOLL_PIN: Gup.gupMustUnshare() -> UnsharePolicy.pinReadOnly(): an anonymous
            * page that is not exclusive -> PinDecision UNSHARE; after the unshare fault the
            * retry finds it exclusive and pins it. vmsplice (FOLL_GET) asks nothing. */
           ufault(2*p+i, p)
        :: else
        fi
     fi;
     g = pf[2*p+i] - 1;
     hh = h;                               /* h may be FREEH, which changes below */
     hf[hh] = pf[2*p+i]; hpg[hh] = 2*p+i; hdet[hh] = 0;
     hpin[hh] = (kind != 3); hw[hh] = (kind == 2); hlt[hh] = (kind == 1 || kind == 2);
     hord = (hh == 0 && hf[1] != 0);
     if :: kind != 3 -> ref[g] = ref[g] + BIAS :: else -> ref[g]++ fi   /* try_grab_folio() */
  :: else                                  /* no VMA there: EFAULT, nothing changes */
  fi
}

/* release h: Machine.release(), unpin_user_page() / put_page(). Before dropping the pin it does
 * sanity_check_pinned_pages(): a pin of an anonymous page that is no longer PG_anon_exclusive is
 * an unpin-nonexclusive event (Machine.badUnpins), which the next check reports */
inline release(h) {
  g = hf[h] - 1;
  if :: hpin[h] && g != 0 && !ex[g] -> unpinned = 1 :: else fi;
  putpage(g, (hpin[h] -> BIAS : 1));
  hf[h] = 0; hpin[h] = 0; hw[h] = 0; hlt[h] = 0; hdet[h] = 0; hpg[h] = 0; hord = 0
}

/* ---- invariants: post := the kinds broken now -------------------------------------------- */
inline check() {
  post = 0;
  for (f : 0 .. NF - 1) {
    k = (pf[0] == f + 1) + (pf[1] == f + 1) + (pf[2] == f + 1) + (pf[3] == f + 1);
    r0 = 0;
    if :: hf[0] == f + 1 -> r0 = (hpin[0] -> BIAS : 1) :: else fi;
    if :: hf[1] == f + 1 -> r0 = r0 + (hpin[1] -> BIAS : 1) :: else fi;
    if
    :: ref[f] != k + r0 || mc[f] != k -> post = post | ACC
    :: else
    fi;
    if :: f != 0 && ex[f] && k > 1 -> post = post | AEX :: else fi;
    if :: mc[f] > ref[f] + (f == 0 -> 1 : 0) -> post = post | MCR :: else fi
  };
  for (s : 0 .. 1) {   /* handles */
    if   /* pin-coherence: a live, attached FOLL_PIN on an anon page, or long-term, is the page mapped there */
    :: hf[s] != 0 && hpin[s] && !hdet[s] && (hlt[s] || hf[s] > 1) && pf[hpg[s]] != hf[s] -> post = post | PINC
    :: else
    fi;
    if   /* isolation through a handle (its process may have exited) */
    :: hf[s] != 0 && (hpg[s] < 2 && ct[hf[s] - 1] == P1V || hpg[s] >= 2 && ct[hf[s] - 1] == P0B) -> post = post | ISO
    :: else
    fi;
    if   /* unpin-nonexclusive, as InvariantTarget.check() finds it through Machine.teardown():
          * the teardown releases every live pin, so a pin held on an anonymous page that is not
          * PG_anon_exclusive breaks it already in this state */
    :: hf[s] > 1 && hpin[s] && !ex[hf[s] - 1] -> post = post | UNP
    :: else
    fi
  };
  if :: unpinned -> post = post | UNP :: else fi;   /* this move's release (Machine.badUnpins) */
  for (s : 0 .. 3) {
    if   /* isolation through a PTE: p0 sees p1's write, p1 sees p0's write made after the fork */
    :: pf[s] != 0 && (s < 2 && ct[pf[s] - 1] == P1V || s >= 2 && ct[pf[s] - 1] == P0B) -> post = post | ISO
    :: else
    fi;
    if   /* lost-write: the process reads back the value it last stored (values compared) */
    :: xp[s] != 0 && (pf[s] == 0 || VAL(ct[pf[s] - 1]) != VAL(xp[s])) -> post = post | LOST
    :: else
    fi
  }
}

/*
 * As in mm.pml: a kind broken now but not in the state the move started from is a finding, each
 * kind reported once, at its first (with -DBFS: shortest) occurrence; `reported` lives outside
 * the state vector. With MM_REPLAY set nothing is asserted, so `MM_REPLAY=1 ./pan -r TRAIL`
 * replays a whole trail and prints its statements.
 */
#define REPORT(K, NAME) \
  if \
  :: (post & ~bad & K) && c_expr { !(reported & K) && getenv("MM_REPLAY") == NULL } -> \
     c_code { reported |= K; printf("finding: %s\n", NAME); }; \
     assert(!(post & ~bad & K)) \
  :: else \
  fi

/* canonical frame numbers, as in mm.pml and StateHash.exact(): anonymous frames renumbered 1,
 * 2, ... in the order the page tables (p0 buf[0..1], p1 buf[0..1]) and then the live handles
 * (in the order they were taken) meet them */
inline canon() {
  k = 1;
  for (s : 0 .. 3) {
    if :: pf[s] > 1 && nw[pf[s] - 1] == 0 -> nw[pf[s] - 1] = k; k++ :: else fi
  };
  for (s : 0 .. 1) {
    g = (hord -> 1 - s : s);
    if :: hf[g] > 1 && nw[hf[g] - 1] == 0 -> nw[hf[g] - 1] = k; k++ :: else fi
  };
  perm = 0;
  for (f : 1 .. NF - 1) {
    if :: ref[f] != 0 && nw[f] == 0 -> nw[f] = k; k++ :: else fi;   /* a leaked frame: keep it */
    if :: nw[f] != 0 && nw[f] != f -> perm = 1 :: else fi
  };
  if
  :: perm ->
     for (f : 1 .. NF - 1) {
       tr[f] = ref[f]; tm[f] = mc[f]; tc[f] = ct[f]; te[f] = ex[f];
       ref[f] = 0; mc[f] = 0; ct[f] = 0; ex[f] = 0
     };
     for (f : 1 .. NF - 1) {
       if
       :: nw[f] != 0 -> ref[nw[f]] = tr[f]; mc[nw[f]] = tm[f]; ct[nw[f]] = tc[f]; ex[nw[f]] = te[f]
       :: else
       fi;
       tr[f] = 0; tm[f] = 0; tc[f] = 0; te[f] = 0
     };
     for (s : 0 .. 3) { if :: pf[s] > 1 -> pf[s] = nw[pf[s] - 1] + 1 :: else fi };
     for (s : 0 .. 1) { if :: hf[s] > 1 -> hf[s] = nw[hf[s] - 1] + 1 :: else fi }
  :: else
  fi;
  for (f : 1 .. NF - 1) { nw[f] = 0 }
}

/* after every move: the invariants, the findings, canonical frames, scratch back to zero */
inline done() {
  check();
  REPORT(ACC,  "accounting");
  REPORT(AEX,  "anon-exclusive");
  REPORT(PINC, "pin-coherence");
  REPORT(ISO,  "isolation");
  REPORT(LOST, "lost-write");
  REPORT(UNP,  "unpin-nonexclusive");
  REPORT(MCR,  "mapcount-refcount");
  bad = post;
  canon();
  STEP;
  f = 0; g = 0; s = 0; k = 0; nf = 0; hh = 0; post = 0; perm = 0; r0 = 0; unpinned = 0
}

/* the moves of process p (Moves.candidates): per page write, read, pin x3 and vmsplice with the
 * lowest free handle name, munmap of the page; munmap of the region; exit. */
#define PAGEMOVES(p, i) \
  :: d_step { BOUND ALIVE(p) && HASREGION(p) -> printf("write p%d buf[%d] P%d\n", p, i, p); write(p, i); done() } \
  :: d_step { BOUND ALIVE(p) && HASREGION(p) -> printf("read p%d buf[%d]\n", p, i); read(p, i); done() } \
  :: d_step { BOUND ALIVE(p) && HASREGION(p) && HANDLEFREE -> \
       printf("pin p%d buf[%d] ro as h%d\n", p, i, FREEH); gup(p, i, 0, FREEH); done() } \
  :: d_step { BOUND ALIVE(p) && HASREGION(p) && HANDLEFREE -> \
       printf("pin p%d buf[%d] ro longterm as h%d\n", p, i, FREEH); gup(p, i, 1, FREEH); done() } \
  :: d_step { BOUND ALIVE(p) && HASREGION(p) && HANDLEFREE -> \
       printf("pin p%d buf[%d] rw longterm as h%d\n", p, i, FREEH); gup(p, i, 2, FREEH); done() } \
  :: d_step { BOUND ALIVE(p) && HASREGION(p) && HANDLEFREE -> \
       printf("vmsplice p%d buf[%d] as h%d\n", p, i, FREEH); gup(p, i, 3, FREEH); done() } \
  :: d_step { BOUND ALIVE(p) && HASREGION(p) -> printf("munmap p%d buf[%d]\n", p, i); unmappage(p, i); done() }

#define PROCMOVES(p) \
  PAGEMOVES(p, 0) \
  PAGEMOVES(p, 1) \
  :: d_step { BOUND ALIVE(p) && HASREGION(p) -> printf("munmap p%d buf\n", p); unmapall(p); done() } \
  :: d_step { BOUND ALIVE(p) -> printf("exit p%d\n", p); exit(p); done() }

active proctype mm() {
end:
  do
  PROCMOVES(0)
  PROCMOVES(1)
  :: d_step { BOUND !gone[0] && !born1 -> printf("fork p0 p1\n"); fork(); done() }
  :: d_step { BOUND hf[0] != 0 -> printf("release h0\n"); release(0); done() }
  :: d_step { BOUND hf[1] != 0 -> printf("release h1\n"); release(1); done() }
  od
}
