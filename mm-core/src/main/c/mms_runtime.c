/*
 * mmsim host runtime: the statements of the .mms language as system calls on the live Linux kernel.
 *
 * One description serves both users of it: the host column's helper (mms_host.c reads statements
 * and calls the functions below) and every reproducer that `mmsim export --c` writes (a main()
 * calling them in order). Each mms_* function performs one statement and returns its outcome as the
 * language names it: a value, "ok", "fail", "segv", "sigbus", or "unsupported" for what the kernel
 * cannot be made to do from user space here.
 *
 * Every scenario process is a real process that serves commands from this controller over a
 * socket: `fork` is a real fork() made by the process itself, stores and loads happen in its own
 * address space (a SIGSEGV is the outcome segv, a SIGBUS sigbus). Handles outlive their process, as
 * the language says: a vmsplice() pipe's read end and an io_uring ring's fd are moved to the
 * controller, which peeks with tee() and with WRITE_FIXED / READ_FIXED.
 *
 * Language 1.1 (large folios) changes system-wide settings: THP sizes, the hugetlb pools and
 * khugepaged's pace. A run that uses them starts with mms_begin_large_folios(), which takes a lock,
 * saves what it changes to a state file and sets the language's starting values; mms_end(), the
 * signal handlers and `mmsim-host --restore` put the saved values back (see "system settings").
 *
 * Needs Linux 5.6 or later (pidfd_getfd, io_uring fixed buffers); plain libc and kernel headers.
 * folio and same need root (PFNs in /proc/self/pagemap, /proc/kpageflags) and, for pmd against pte,
 * PAGEMAP_SCAN (6.7).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <linux/io_uring.h>
#include <linux/ioctl.h>
#include <poll.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#define MMS_PAGE 4096L
#define MMS_NAME 64
#define MMS_VALUE 4096 /* values are 1 to 4,095 bytes, stored NUL-terminated at the start of a page */
#define MMS_TIMEOUT_MS 5000
#define MMS_PMD_PAGES 512L /* x86-64: a PMD maps 2 MiB */
#define MMS_PMD_SIZE (MMS_PMD_PAGES * MMS_PAGE)
#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25 /* 6.1; older libc headers lack it */
#endif
#ifndef MAP_HUGE_SHIFT
#define MAP_HUGE_SHIFT 26
#endif
/* The statements and the step functions: a program uses only those its scenario needs. */
#define MMS_API static __attribute__((unused))

/*
 * CONFIG_GUP_TEST's debugfs file, as tools/testing/selftests/mm/cow.c uses it: the one way to hold a
 * R/O long-term pin, or a GUP-fast one, from user space. It holds one set of pins for the whole
 * system at a time (mm/gup_test.c: pin_longterm_test_start()), and the device cannot write through it.
 */
#define MMS_GUP_TEST "/sys/kernel/debug/gup_test"
#define MMS_THP_DIR "/sys/kernel/mm/transparent_hugepage"
#define MMS_HUGETLB_DIR "/sys/kernel/mm/hugepages"
struct mms_pin_longterm_test { uint64_t addr; uint64_t size; uint32_t flags; };
#define MMS_PIN_LONGTERM_TEST_START _IOW('g', 7, struct mms_pin_longterm_test)
#define MMS_PIN_LONGTERM_TEST_STOP _IO('g', 8)
#define MMS_PIN_LONGTERM_TEST_READ _IOW('g', 9, uint64_t)
#define MMS_PIN_LONGTERM_TEST_FLAG_USE_WRITE 1
#define MMS_PIN_LONGTERM_TEST_FLAG_USE_FAST 2

/* ---- what a scenario process is asked to do ---------------------------------------------------- */

enum mms_op { OP_MMAP, OP_WRITE, OP_READ, OP_MUNMAP, OP_MPROTECT, OP_MADVISE, OP_FORK, OP_EXIT, OP_VMSPLICE,
              OP_IOURING, OP_GUP_TEST, OP_CLOSE, OP_MREMAP, OP_FOLIO, OP_PFN, OP_THP_DISABLE };

struct mms_cmd {
    int op;
    int flags;              /* OP_MMAP: MAP_SHARED or MAP_PRIVATE; OP_MADVISE: advice; OP_THP_DISABLE: 1 or 0 */
    int writable;
    int file;               /* OP_MMAP: a file fd follows (SCM_RIGHTS); OP_CLOSE: the fd to close */
    long index;             /* page index, or the first page of a range; -1 for the whole region */
    long last;              /* the last page of a range (included) */
    long pages;
    long offset;
    long huge;              /* OP_MMAP: the hugetlb page size in base pages, 0 for other memory */
    unsigned long addr;     /* OP_MMAP, OP_MREMAP: where fresh addresses start (0: none left there) */
    char region[MMS_NAME];
    char target[MMS_NAME];  /* OP_MREMAP: the new region */
    char value[MMS_VALUE];
};

struct mms_reply {
    char outcome[MMS_VALUE];
    long number;            /* OP_FORK: the child's pid; OP_IOURING: the ring fd in the process; OP_PFN: the PFN or -1 */
    unsigned long addr;     /* OP_IOURING: the fixed buffer's address, which READ/WRITE_FIXED name; OP_MMAP and
                               OP_MREMAP: the end of the new region */
    struct io_uring_params params; /* OP_IOURING: where the ring's parts are */
};

/* ---- the controller's tables ------------------------------------------------------------------- */

struct mms_proc { char name[MMS_NAME]; pid_t pid; int sock; int pidfd; int alive; };
struct mms_file { char name[MMS_NAME]; int fd; long pages; };
struct mms_ring { int fd; unsigned *sq_tail, *sq_mask, *sq_array, *cq_head, *cq_tail, *cq_mask;
                  struct io_uring_sqe *sqes; struct io_uring_cqe *cqes; void *sq_ring, *cq_ring;
                  size_t sq_len, cq_len, sqes_len; };
enum mms_handle_kind { H_PIPE = 1, H_RING, H_GUP_TEST, H_UNSUPPORTED };
struct mms_handle { char name[MMS_NAME]; int kind; int fd; int writable; unsigned long addr; struct mms_ring ring; };

static struct mms_proc *mms_procs;
static int mms_nprocs, mms_cap_procs;
static struct mms_file *mms_files;
static int mms_nfiles, mms_cap_files;
static struct mms_handle *mms_handles;
static int mms_nhandles, mms_cap_handles;
/* Regions get fresh addresses from here up, never reused, 2 MiB apart at least (no VMA merges them). */
#define MMS_FRESH_TOP 0x600000000000UL
static unsigned long mms_next_addr = 0x500000000000UL;
static int mms_has_swap = -1;
/* The state file of the system settings, locked while this run owns them (see "system settings"). */
static int mms_state_fd = -1;
/* Bounds a caller may set (0: none); a statement that would pass one has the outcome "error" and says why in mms_limit. */
static long mms_max_procs, mms_max_handles, mms_max_file_pages, mms_file_pages, mms_max_hugetlb_pages;
static char mms_limit[128];
static char mms_value[MMS_VALUE + 1];
/* The values only unsupported statements wrote (a poke through a pin that could not be taken). */
static char **mms_unobservable;
static int mms_nunobservable, mms_cap_unobservable;

static void *mms_grow(void *array, int *cap, int need, size_t size) {
    if (need <= *cap) {
        return array;
    }
    int n = *cap ? *cap * 2 : 16;
    while (n < need) {
        n *= 2;
    }
    void *grown = realloc(array, (size_t) n * size);
    if (!grown) {
        perror("mmsim host: out of memory");
        exit(2);
    }
    *cap = n;
    return grown;
}

static void mms_unobservable_add(const char *value) {
    mms_unobservable = mms_grow(mms_unobservable, &mms_cap_unobservable, mms_nunobservable + 1, sizeof *mms_unobservable);
    mms_unobservable[mms_nunobservable++] = strdup(value);
}

static int mms_unobservable_has(const char *value) {
    for (int k = 0; k < mms_nunobservable; k++) {
        if (!strcmp(mms_unobservable[k], value)) {
            return 1;
        }
    }
    return 0;
}

static struct mms_proc *mms_find_proc(const char *name) {
    for (int k = mms_nprocs - 1; k >= 0; k--) {
        if (strcmp(mms_procs[k].name, name) == 0) {
            return &mms_procs[k];
        }
    }
    return NULL;
}

static struct mms_file *mms_find_file(const char *name) {
    for (int k = 0; k < mms_nfiles; k++) {
        if (strcmp(mms_files[k].name, name) == 0) {
            return &mms_files[k];
        }
    }
    return NULL;
}

/* The live handle by that name (a released one is gone; a failed one never existed). */
static struct mms_handle *mms_find_handle(const char *name) {
    for (int k = 0; k < mms_nhandles; k++) {
        if (mms_handles[k].kind && strcmp(mms_handles[k].name, name) == 0) {
            return &mms_handles[k];
        }
    }
    return NULL;
}

/* Whether one more would pass the bound max (0: none); says which limit in mms_limit. */
static int mms_over(const char *what, long max, long count, long more) {
    if (max && count + more > max) {
        snprintf(mms_limit, sizeof mms_limit, "%s limit reached (%ld)", what, max);
        return 1;
    }
    return 0;
}

static long mms_live_handles(void) {
    long n = 0;
    for (int k = 0; k < mms_nhandles; k++) {
        n += mms_handles[k].kind != 0;
    }
    return n;
}

static int mms_live_kind(int kind) {
    for (int k = 0; k < mms_nhandles; k++) {
        if (mms_handles[k].kind == kind) {
            return 1;
        }
    }
    return 0;
}

static struct mms_handle *mms_new_handle(const char *name, int kind) {
    mms_handles = mms_grow(mms_handles, &mms_cap_handles, mms_nhandles + 1, sizeof *mms_handles);
    struct mms_handle *h = &mms_handles[mms_nhandles++];
    memset(h, 0, sizeof *h);
    snprintf(h->name, sizeof h->name, "%s", name);
    h->kind = kind;
    h->fd = -1;
    return h;
}

/* ---- moving fds and commands over a socket ------------------------------------------------------ */

static int mms_send(int sock, const void *buf, size_t len, int fd) {
    struct iovec iov = { (void *) buf, len };
    union { char raw[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } ctl;
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
    if (fd >= 0) {
        msg.msg_control = ctl.raw;
        msg.msg_controllen = sizeof ctl.raw;
        struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int));
        memcpy(CMSG_DATA(c), &fd, sizeof fd);
    }
    return sendmsg(sock, &msg, MSG_NOSIGNAL) == (ssize_t) len ? 0 : -1;
}

/* Receives one message (and an fd, when one comes with it); -1 on EOF, error or timeout. */
static int mms_recv(int sock, void *buf, size_t len, int *fd, int timeout_ms) {
    if (timeout_ms >= 0) {
        struct pollfd p = { sock, POLLIN, 0 };
        if (poll(&p, 1, timeout_ms) != 1) {
            return -1;
        }
    }
    struct iovec iov = { buf, len };
    union { char raw[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } ctl;
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.raw, .msg_controllen = sizeof ctl.raw };
    ssize_t n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
    if (n <= 0) {
        return -1;
    }
    if (fd) {
        *fd = -1;
        struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
        if (c && c->cmsg_type == SCM_RIGHTS) {
            memcpy(fd, CMSG_DATA(c), sizeof *fd);
        }
    }
    return 0;
}

/* ---- a scenario process: its regions, and the loop that serves the controller ------------------- */

/* anon_private: private anonymous memory; shmem: shared anonymous memory; huge: a hugetlb region's page size in base pages. */
struct mms_region { char name[MMS_NAME]; unsigned long addr; long pages; long huge; int anon_private, shmem; };
static struct mms_region *mms_regions; /* a forked child inherits the table with the address space */
static int mms_nregions, mms_cap_regions;
static sigjmp_buf mms_fault;
/* Whether this run owns the THP settings (mms_begin_large_folios()); forked processes inherit it. */
static int mms_large;

static void mms_on_fault(int sig) {
    siglongjmp(mms_fault, sig); /* SIGSEGV or SIGBUS: never 0 */
}

static struct mms_region *mms_region(const char *name) {
    for (int k = mms_nregions - 1; k >= 0; k--) {
        if (strcmp(mms_regions[k].name, name) == 0) {
            return &mms_regions[k];
        }
    }
    return NULL;
}

/* A new entry of the region table: name at addr, of the kind of *kind (copied: the table may move). */
static void mms_region_add(const char *name, unsigned long addr, long pages, struct mms_region kind) {
    mms_regions = mms_grow(mms_regions, &mms_cap_regions, mms_nregions + 1, sizeof *mms_regions);
    struct mms_region *n = &mms_regions[mms_nregions++];
    *n = kind;
    snprintf(n->name, sizeof n->name, "%s", name);
    n->addr = addr;
    n->pages = pages;
}

/* The address of page i of a region, 0 when the region is unknown or i out of range. */
static unsigned long mms_page(struct mms_region *r, long i) {
    return r && i >= 0 && i < r->pages ? r->addr + (unsigned long) i * MMS_PAGE : 0;
}

/* Pages first..last of a region (first -1: all of it) as an address and a length; -1 when out of range. */
static int mms_range(struct mms_region *r, long first, long last, unsigned long *addr, size_t *len) {
    if (r && first < 0) {
        first = 0;
        last = r->pages - 1;
    }
    if (!r || first > last || last >= r->pages) {
        return -1;
    }
    *addr = r->addr + (unsigned long) first * MMS_PAGE;
    *len = (size_t) (last - first + 1) * MMS_PAGE;
    return 0;
}

static void mms_serve(int sock);

static void mms_say(struct mms_reply *out, const char *outcome) {
    snprintf(out->outcome, sizeof out->outcome, "%s", outcome);
}

/* The outcome of an access that took signal sig. */
static const char *mms_signalled(int sig) {
    return sig == SIGBUS ? "sigbus" : "segv";
}

/* A store of value, or a load into out ("0" for a page never written): 0, or the signal it took. */
static int mms_access(int write, volatile char *page, const char *value, char *out) {
    int sig = sigsetjmp(mms_fault, 1);
    if (sig) {
        return sig;
    }
    if (write) {
        for (size_t n = 0; n <= strlen(value); n++) {
            page[n] = value[n];
        }
        return 0;
    }
    size_t n = 0;
    while (n < MMS_VALUE - 1 && page[n]) {
        out[n] = page[n];
        n++;
    }
    out[n] = 0;
    if (n == 0) {
        snprintf(out, MMS_VALUE, "0"); /* never written: zero-filled */
    }
    return 0;
}

/*
 * A load, or for write a locked compare-and-swap (a write access whatever it compares: a write fault and
 * no new value, with no load before it, so a read-only mapping gets SIGSEGV and no page): 0, or the signal.
 */
static int mms_touch(volatile char *page, int write) {
    int sig = sigsetjmp(mms_fault, 1);
    if (sig) {
        return sig;
    }
    char seen = 0;
    if (write) {
        __atomic_compare_exchange_n(page, &seen, seen, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    } else {
        seen = *page;
    }
    return 0;
}

/*
 * Why a GUP of a page failed (errno err): GUP turns a fault's VM_FAULT_SIGBUS into EFAULT, as it does a
 * missing permission. On hugetlb, a fault that finds no free huge page is SIGBUS (hugetlb_no_page(),
 * hugetlb_wp()): the same access, made here, tells which. The pool is as it was, so the probe finds what GUP found.
 */
static const char *mms_gup_failure(struct mms_region *r, unsigned long at, int write, int err) {
    return at && r->huge && err == EFAULT && mms_touch((volatile char *) at, write) == SIGBUS ? "sigbus" : "fail";
}

/* ---- what maps a page: /proc/self/pagemap, /proc/kpageflags, PAGEMAP_SCAN ----------------------- */

/* Documentation/admin-guide/mm/pagemap.rst: bit 63 present, 62 swapped, 0-54 the PFN (0 without CAP_SYS_ADMIN). */
#define MMS_PM_PRESENT (1ULL << 63)
#define MMS_PM_SWAP (1ULL << 62)
#define MMS_PM_EXCLUSIVE (1ULL << 56)
#define MMS_PM_PFN ((1ULL << 55) - 1)

/* This process's pagemap entry for addr; 0 when it cannot be read. */
static uint64_t mms_pagemap(unsigned long addr) {
    uint64_t entry = 0;
    int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
    if (fd >= 0 && pread(fd, &entry, sizeof entry, (off_t) (addr / MMS_PAGE * sizeof entry)) != sizeof entry) {
        entry = 0;
    }
    if (fd >= 0) {
        close(fd);
    }
    return entry;
}

/* The PFN mapped at addr, or -1: nothing present, or PFNs hidden from this process. */
static long mms_pfn(unsigned long addr) {
    uint64_t e = addr ? mms_pagemap(addr) : 0;
    return (e & MMS_PM_PRESENT) && (e & MMS_PM_PFN) ? (long) (e & MMS_PM_PFN) : -1;
}

/* include/uapi/linux/kernel-page-flags.h, as fs/proc/page.c stable_page_flags() sets them */
#define MMS_KPF_ANON 12
#define MMS_KPF_COMPOUND_HEAD 15
#define MMS_KPF_COMPOUND_TAIL 16
#define MMS_KPF_HUGE 17 /* hugetlb */
#define MMS_KPF_THP 22 /* a large anonymous or page-cache folio, any size; or the huge zero folio */
#define MMS_KPF_ZERO_PAGE 24
#define MMS_KPF(flags, bit) ((flags) >> (bit) & 1)
#define MMS_KPF_CHUNK 512L

/* Up to n entries of /proc/kpageflags from pfn on: how many it read. */
static long mms_kpageflags(int fd, uint64_t pfn, uint64_t *flags, long n) {
    ssize_t got = pread(fd, flags, (size_t) n * sizeof *flags, (off_t) (pfn * sizeof *flags));
    return got > 0 ? got / (ssize_t) sizeof *flags : 0;
}

/* The head of the folio that holds pfn: the last page at or before it that is no compound tail. */
static uint64_t mms_folio_head(int fd, uint64_t pfn) {
    uint64_t flags[MMS_KPF_CHUNK];
    for (uint64_t end = pfn;;) {
        uint64_t start = end >= MMS_KPF_CHUNK - 1 ? end - (MMS_KPF_CHUNK - 1) : 0;
        long n = (long) (end - start + 1);
        if (mms_kpageflags(fd, start, flags, n) != n) {
            return pfn;
        }
        for (long k = n - 1; k >= 0; k--) {
            if (!MMS_KPF(flags[k], MMS_KPF_COMPOUND_TAIL)) {
                return start + (uint64_t) k;
            }
        }
        if (start == 0) {
            return 0;
        }
        end = start - 1;
    }
}

/* The pages of the folio whose head is head: it and the compound tails that follow it. */
static long mms_folio_pages(int fd, uint64_t head) {
    uint64_t flags[MMS_KPF_CHUNK];
    long pages = 1;
    for (;;) {
        long n = mms_kpageflags(fd, head + (uint64_t) pages, flags, MMS_KPF_CHUNK);
        for (long k = 0; k < n; k++, pages++) {
            if (!MMS_KPF(flags[k], MMS_KPF_COMPOUND_TAIL)) {
                return pages;
            }
        }
        if (n < MMS_KPF_CHUNK) {
            return pages;
        }
    }
}

/* PAGEMAP_SCAN (6.7; fs/proc/task_mmu.c do_pagemap_scan()): the page-table walk's view of a page. */
struct mms_page_region { uint64_t start, end, categories; };
struct mms_pm_scan_arg { uint64_t size, flags, start, end, walk_end, vec, vec_len, max_pages, category_inverted,
                         category_mask, category_anyof_mask, return_mask; };
#define MMS_PAGEMAP_SCAN _IOWR('f', 16, struct mms_pm_scan_arg)
#define MMS_PAGE_IS_PRESENT (1UL << 3)
#define MMS_PAGE_IS_SWAPPED (1UL << 4)
#define MMS_PAGE_IS_PFNZERO (1UL << 5) /* is_zero_pfn(); is_huge_zero_pmd() for a PMD since 6.15 */
#define MMS_PAGE_IS_HUGE (1UL << 6)    /* pagemap_thp_category(): a PMD leaf (and hugetlb); never set per PTE */

/* The PAGEMAP_SCAN categories of the page at addr; -1 where the kernel has no PAGEMAP_SCAN. */
static long mms_page_categories(unsigned long addr) {
    struct mms_page_region found = { 0, 0, 0 };
    struct mms_pm_scan_arg arg = { .size = sizeof arg, .start = addr, .end = addr + MMS_PAGE, .vec = (uintptr_t) &found,
                                   .vec_len = 1, .return_mask = MMS_PAGE_IS_PRESENT | MMS_PAGE_IS_SWAPPED
                                                                | MMS_PAGE_IS_PFNZERO | MMS_PAGE_IS_HUGE };
    int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
    long n = fd >= 0 ? ioctl(fd, MMS_PAGEMAP_SCAN, &arg) : -1;
    if (fd >= 0) {
        close(fd);
    }
    return n < 0 ? -1 : n == 0 ? 0 : (long) found.categories;
}

/* A size in base pages as the language writes it: 4K, 64K, 2M, 1G. */
static void mms_size_name(long pages, char *out, size_t size) {
    long kb = pages * (MMS_PAGE / 1024);
    if (kb >= 1L << 20) {
        snprintf(out, size, "%ldG", kb >> 20);
    } else if (kb >= 1L << 10) {
        snprintf(out, size, "%ldM", kb >> 10);
    } else {
        snprintf(out, size, "%ldK", kb);
    }
}

/* Whether addr lies in no mapping at all (mincore() says ENOMEM of an unmapped address). */
static int mms_unmapped(unsigned long addr) {
    unsigned char in_core;
    return mincore((void *) addr, MMS_PAGE, &in_core) && errno == ENOMEM;
}

/*
 * folio P R[i]: none, swap, zero, hugezero, or SIZE:pmd, SIZE:pte, SIZE:hugetlb; none where no mapping is
 * either (the language's outcome for "nothing mapped": folio is an observation, not an access).
 * pagemap gives the PFN and the swap bit. kpageflags gives the folio: its head and the compound tails
 * after it (a folio is a naturally aligned run of PFNs), hugetlb (KPF_HUGE) or not. pmd against pte is
 * PAGEMAP_SCAN's PAGE_IS_HUGE, which the walk sets on a PMD leaf only. A zeropage is PAGE_IS_PFNZERO,
 * KPF_ZERO_PAGE, or a page that is not anonymous in private anonymous memory (whatever flags the huge
 * zero folio carries: 6.18 allocates it as a large rmappable folio, so it shows KPF_THP alone); it is the
 * huge one when a PMD maps it or it is large.
 */
static void mms_folio_of(struct mms_region *r, unsigned long at, char *out, size_t size) {
    if (!at || mms_unmapped(at)) {
        snprintf(out, size, "none");
        return;
    }
    uint64_t entry = mms_pagemap(at);
    uint64_t pfn = entry & MMS_PM_PFN, flags = 0;
    if (!(entry & MMS_PM_PRESENT)) {
        snprintf(out, size, entry & MMS_PM_SWAP ? "swap" : "none");
        return;
    }
    long categories = mms_page_categories(at);
    int fd = open("/proc/kpageflags", O_RDONLY | O_CLOEXEC);
    if (!pfn || categories < 0 || fd < 0 || mms_kpageflags(fd, pfn, &flags, 1) != 1) {
        snprintf(out, size, "unsupported"); /* no root, or a kernel before 6.7 */
    } else if ((categories & MMS_PAGE_IS_PFNZERO) || MMS_KPF(flags, MMS_KPF_ZERO_PAGE)
               || (r->anon_private && !MMS_KPF(flags, MMS_KPF_ANON))) {
        snprintf(out, size, (categories & MMS_PAGE_IS_HUGE) || MMS_KPF(flags, MMS_KPF_THP) ? "hugezero" : "zero");
    } else {
        char name[24];
        int large = MMS_KPF(flags, MMS_KPF_COMPOUND_HEAD) || MMS_KPF(flags, MMS_KPF_COMPOUND_TAIL);
        mms_size_name(large ? mms_folio_pages(fd, mms_folio_head(fd, pfn)) : 1, name, sizeof name);
        snprintf(out, size, "%s:%s", name, MMS_KPF(flags, MMS_KPF_HUGE) ? "hugetlb"
                                           : categories & MMS_PAGE_IS_HUGE ? "pmd" : "pte");
    }
    if (fd >= 0) {
        close(fd);
    }
}

/* ---- what a process does for the controller ----------------------------------------------------- */

/* The alignment of a new region: 2 MiB (page i can start a folio of 2^k pages when 2^k divides i), or its huge page size. */
static unsigned long mms_alignment(long huge) {
    return (unsigned long) huge * MMS_PAGE > MMS_PMD_SIZE ? (unsigned long) huge * MMS_PAGE : MMS_PMD_SIZE;
}

/*
 * Where a new region of size bytes goes: the first address at or above base aligned to align, while that
 * is below the fresh addresses' top; else (base 0, or no room left there) wherever the kernel finds an
 * aligned room: a reservation of size + align, given back at once (one thread: nothing takes it meanwhile).
 */
static unsigned long mms_fresh(unsigned long base, size_t size, unsigned long align) {
    unsigned long at = (base + align - 1) & ~(align - 1);
    if (base && at + size <= MMS_FRESH_TOP) {
        return at;
    }
    void *room = mmap(NULL, size + align, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (room == MAP_FAILED) {
        return 0;
    }
    munmap(room, size + align);
    return ((unsigned long) room + align - 1) & ~(align - 1);
}

/*
 * mmap: a fresh aligned address. Plain memory takes no commit charge (the language has no overcommit
 * accounting: a mapping costs the pages it touches); hugetlb reserves its pages (hugetlb_reserve_pages()),
 * which is how mmap fails on a pool too small. Where the run does not own the THP settings, regions get
 * MADV_NOHUGEPAGE: base pages, as language v1 says, whatever this machine's settings are.
 */
static void mms_do_mmap(struct mms_cmd *c, int fd, struct mms_reply *out) {
    size_t size = (size_t) c->pages * MMS_PAGE;
    int prot = PROT_READ | (c->writable ? PROT_WRITE : 0);
    int flags = c->flags | MAP_FIXED_NOREPLACE | (c->file ? 0 : MAP_ANONYMOUS)
                | (c->huge ? MAP_HUGETLB | __builtin_ctzl((unsigned long) c->huge * MMS_PAGE) << MAP_HUGE_SHIFT
                           : MAP_NORESERVE);
    unsigned long at = mms_fresh(c->addr, size, mms_alignment(c->huge));
    void *p = mmap((void *) at, size, prot, flags, c->file ? fd : -1, c->offset * MMS_PAGE);
    if (p == MAP_FAILED && errno == EEXIST) { /* something of ours is there already: elsewhere */
        at = mms_fresh(0, size, mms_alignment(c->huge));
        p = mmap((void *) at, size, prot, flags, c->file ? fd : -1, c->offset * MMS_PAGE);
    }
    if (fd >= 0) {
        close(fd);
    }
    if (p == MAP_FAILED) {
        mms_say(out, "fail");
        return;
    }
    if (!mms_large && !c->huge) {
        madvise(p, size, MADV_NOHUGEPAGE);
    }
    struct mms_region kind = { .huge = c->huge, .anon_private = !c->file && !c->huge && c->flags == MAP_PRIVATE,
                               .shmem = !c->file && !c->huge && c->flags == MAP_SHARED };
    mms_region_add(c->region, (unsigned long) p, c->pages, kind);
    out->addr = (unsigned long) p + size;
}

/*
 * mremap P R[i..j] as R2: MREMAP_MAYMOVE|MREMAP_FIXED to a fresh place 4 KiB past a 2 MiB boundary (the
 * pages keep their folios, now PTE-mapped, and no PMD-sized folio fits there); a hugetlb region's new
 * place starts on its huge page size, as mremap() requires. The source keeps a hole.
 */
static void mms_do_mremap(struct mms_cmd *c, struct mms_region *r, struct mms_reply *out) {
    unsigned long from;
    size_t len;
    if (mms_range(r, c->index, c->last, &from, &len)) {
        mms_say(out, "fail");
        return;
    }
    if (r->huge) {
        /* 6.18 keeps a reservation of the pool for good after moving part of a private hugetlb mapping
         * (copy_vma_and_data()): a run must not take huge pages from the machine for ever */
        mms_say(out, "unsupported");
        return;
    }
    unsigned long offset = r->huge ? 0 : MMS_PAGE;
    unsigned long to = mms_fresh(c->addr, len + offset, mms_alignment(r->huge)) + offset;
    if (mremap((void *) from, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, (void *) to) == MAP_FAILED) {
        mms_say(out, "fail");
        return;
    }
    mms_region_add(c->target, to, (long) (len / MMS_PAGE), *r);
    out->addr = to + len;
}

/* Set in a process (and the children it forks later) once a pageout there could not swap: from then
 * on its page tables are not what the scenario asked for, so folio and same there are unsupported. */
static int mms_pageout_missed;

/* munmap, mprotect, madvise of a region or of pages of it; an error return is fail. */
static void mms_do_range(struct mms_cmd *c, struct mms_region *r, struct mms_reply *out) {
    unsigned long addr;
    size_t len;
    if (mms_range(r, c->index, c->last, &addr, &len)) {
        mms_say(out, c->op == OP_MUNMAP ? "ok" : "fail"); /* unmapping what is not mapped is ok */
        return;
    }
    int failed = c->op == OP_MUNMAP ? munmap((void *) addr, len)
                 : c->op == OP_MPROTECT ? mprotect((void *) addr, len, PROT_READ | (c->writable ? PROT_WRITE : 0))
                 : madvise((void *) addr, len, c->flags);
    if (failed) {
        mms_say(out, "fail");
    } else if (c->op == OP_MADVISE && c->flags == MADV_PAGEOUT && (r->anon_private || r->shmem) && !c->writable) {
        mms_say(out, "unsupported"); /* the controller found no swap: the half of pageout that needs it cannot happen */
        mms_pageout_missed = 1;
    }
}

static void mms_serve_one(int sock, struct mms_cmd *c, int fd, struct mms_reply *out) {
    struct mms_region *r = mms_region(c->region);
    unsigned long at = mms_page(r, c->index);
    out->number = -1;
    out->addr = 0;
    mms_say(out, "ok");
    switch (c->op) {
    case OP_MMAP:
        mms_do_mmap(c, fd, out);
        break;
    case OP_WRITE:
    case OP_READ: {
        int sig = at ? mms_access(c->op == OP_WRITE, (volatile char *) at, c->value, out->outcome) : SIGSEGV;
        if (sig) {
            mms_say(out, mms_signalled(sig));
        }
        break;
    }
    case OP_MUNMAP:
    case OP_MPROTECT:
    case OP_MADVISE:
        mms_do_range(c, r, out);
        break;
    case OP_MREMAP:
        mms_do_mremap(c, r, out);
        break;
    case OP_FOLIO:
        if (mms_pageout_missed) {
            mms_say(out, "unsupported");
        } else {
            mms_folio_of(r, at, out->outcome, sizeof out->outcome);
        }
        break;
    case OP_PFN:
        out->number = mms_pageout_missed ? -3 : mms_pfn(at);
        break;
    case OP_THP_DISABLE:
        if (prctl(PR_SET_THP_DISABLE, c->flags, 0, 0, 0)) { /* kernel/sys.c prctl_set_thp_disable() */
            mms_say(out, "fail");
        }
        break;
    case OP_FORK: {
        pid_t child = fork();
        if (child == 0) {
            close(sock);
            mms_serve(fd); /* the child serves the controller on the socket that came with the command */
        }
        close(fd);
        out->number = child;
        if (child < 0) {
            mms_say(out, "fail");
        }
        break;
    }
    case OP_EXIT:
        mms_send(sock, out, sizeof *out, -1);
        _exit(0);
    case OP_VMSPLICE: {
        int p[2];
        struct iovec iov = { (void *) at, MMS_PAGE };
        if (!at || pipe(p)) {
            mms_say(out, "fail");
            break;
        }
        if (vmsplice(p[1], &iov, 1, 0) != MMS_PAGE) {
            mms_say(out, mms_gup_failure(r, at, 0, errno));
            close(p[0]);
            close(p[1]);
            break;
        }
        close(p[1]);
        mms_send(sock, out, sizeof *out, p[0]); /* the pipe outlives the process: the controller keeps it */
        close(p[0]);
        out->number = -2; /* already replied */
        break;
    }
    case OP_IOURING: {
        memset(&out->params, 0, sizeof out->params);
        int ring = at ? (int) syscall(__NR_io_uring_setup, 4, &out->params) : -1;
        struct iovec iov = { (void *) at, MMS_PAGE };
        if (ring < 0 || syscall(__NR_io_uring_register, ring, IORING_REGISTER_BUFFERS, &iov, 1)) {
            int err = errno;
            if (ring >= 0) {
                close(ring);
            }
            mms_say(out, ring < 0 ? "fail" : mms_gup_failure(r, at, 1, err));
            break;
        }
        out->number = ring; /* io_uring fds cannot travel by SCM_RIGHTS (6.7): the controller takes a copy */
        out->addr = at;
        break;
    }
    case OP_GUP_TEST: {
        /* pin_user_pages() of our own page: the pin outlives us in the file, which goes to the controller */
        struct mms_pin_longterm_test t = { at, MMS_PAGE, (uint32_t) c->flags };
        int g = at ? open(MMS_GUP_TEST, O_RDWR | O_CLOEXEC) : -1;
        if (g < 0 || ioctl(g, MMS_PIN_LONGTERM_TEST_START, &t)) {
            int err = errno;
            if (g >= 0) {
                close(g);
            }
            mms_say(out, g < 0 ? "fail" : mms_gup_failure(r, at, c->flags & MMS_PIN_LONGTERM_TEST_FLAG_USE_WRITE, err));
            break;
        }
        mms_send(sock, out, sizeof *out, g);
        close(g);
        out->number = -2; /* already replied */
        break;
    }
    case OP_CLOSE:
        close(c->file);
        break;
    }
}

/* A scenario process: serves commands until the controller goes away. */
static void mms_serve(int sock) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = mms_on_fault;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    signal(SIGCHLD, SIG_IGN); /* a forked child that exits is reaped at once */
    signal(SIGTERM, SIG_DFL); /* the controller's handlers are its own */
    signal(SIGINT, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    signal(SIGALRM, SIG_DFL);
    if (mms_state_fd >= 0) { /* the settings' lock is the controller's: it ends with it */
        close(mms_state_fd);
        mms_state_fd = -1;
    }
    for (;;) {
        struct mms_cmd c;
        struct mms_reply reply;
        int fd;
        if (mms_recv(sock, &c, sizeof c, &fd, -1)) {
            _exit(0);
        }
        mms_serve_one(sock, &c, fd, &reply);
        if (reply.number != -2 && mms_send(sock, &reply, sizeof reply, -1)) {
            _exit(0);
        }
    }
}

/* ---- the controller side of each statement ------------------------------------------------------ */

static const char *mms_result(const char *outcome) {
    snprintf(mms_value, sizeof mms_value, "%s", outcome);
    return mms_value;
}

/* Sends a command to a live process and waits for its reply (and the fd that may come with it). */
static const char *mms_ask(struct mms_proc *p, struct mms_cmd *c, int fd, struct mms_reply *reply, int *got) {
    if (mms_send(p->sock, c, sizeof *c, fd) || mms_recv(p->sock, reply, sizeof *reply, got, MMS_TIMEOUT_MS)) {
        return NULL;
    }
    return reply->outcome;
}

static struct mms_proc *mms_live(const char *name) {
    struct mms_proc *p = mms_find_proc(name);
    return p && p->alive ? p : NULL;
}

static void mms_cmd_init(struct mms_cmd *c, int op, const char *region, long index) {
    memset(c, 0, sizeof *c);
    c->op = op;
    c->index = index;
    if (region) {
        snprintf(c->region, sizeof c->region, "%s", region);
    }
}

/* A simple request: the outcome the process gives, fail for an exited process, error on silence. */
static const char *mms_simple(const char *proc, struct mms_cmd *c) {
    struct mms_proc *p = mms_live(proc);
    struct mms_reply reply;
    if (!p) {
        return mms_result("fail");
    }
    const char *o = mms_ask(p, c, -1, &reply, NULL);
    return mms_result(o ? o : "error");
}

static int mms_start(const char *name, int sock, pid_t pid) {
    mms_procs = mms_grow(mms_procs, &mms_cap_procs, mms_nprocs + 1, sizeof *mms_procs);
    struct mms_proc *p = &mms_procs[mms_nprocs++];
    snprintf(p->name, sizeof p->name, "%s", name);
    p->pid = pid;
    p->sock = sock;
    p->pidfd = (int) syscall(SYS_pidfd_open, pid, 0);
    p->alive = 1;
    return 0;
}

MMS_API const char *mms_spawn(const char *name) {
    int sv[2];
    if (mms_over("process", mms_max_procs, mms_nprocs, 1)) {
        return mms_result("error");
    }
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv)) {
        return mms_result("fail");
    }
    pid_t pid = fork();
    if (pid == 0) {
        close(sv[0]);
        mms_serve(sv[1]);
    }
    close(sv[1]);
    if (pid < 0) {
        close(sv[0]);
        return mms_result("fail");
    }
    mms_start(name, sv[0], pid);
    return mms_result("ok");
}

/* A regular file on a disk file system (O_TMPFILE in $MMS_FILE_DIR or /var/tmp), each page holding fill. */
MMS_API const char *mms_file(const char *name, long pages, const char *fill) {
    const char *dir = getenv("MMS_FILE_DIR") ? getenv("MMS_FILE_DIR") : "/var/tmp";
    if (mms_over("file page", mms_max_file_pages, mms_file_pages, pages)) {
        return mms_result("error");
    }
    mms_file_pages += pages;
    int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd < 0 || ftruncate(fd, pages * MMS_PAGE)) {
        return mms_result("fail");
    }
    static char page[MMS_PAGE];
    memset(page, 0, sizeof page);
    memcpy(page, fill, strlen(fill) + 1);
    for (long i = 0; i < pages; i++) {
        if (pwrite(fd, page, MMS_PAGE, i * MMS_PAGE) != MMS_PAGE) {
            return mms_result("fail");
        }
    }
    fsync(fd); /* written back and clean, as a file that has been on disk for a while */
    mms_files = mms_grow(mms_files, &mms_cap_files, mms_nfiles + 1, sizeof *mms_files);
    struct mms_file *f = &mms_files[mms_nfiles++];
    snprintf(f->name, sizeof f->name, "%s", name);
    f->fd = fd;
    f->pages = pages;
    return mms_result("ok");
}

/* After a new region that ends at end: fresh addresses go on 2 MiB clear of it. */
static void mms_fresh_after(unsigned long end) {
    if (end > mms_next_addr && end <= MMS_FRESH_TOP) {
        mms_next_addr = ((end + MMS_PMD_SIZE - 1) & ~(MMS_PMD_SIZE - 1)) + MMS_PMD_SIZE;
    }
}

/* A command that makes a region (OP_MMAP, OP_MREMAP), at a fresh address: fd goes with it. */
static const char *mms_new_region(const char *proc, struct mms_cmd *c, int fd) {
    struct mms_proc *p = mms_live(proc);
    struct mms_reply reply;
    if (!p) {
        return mms_result("fail");
    }
    c->addr = mms_next_addr;
    const char *o = mms_ask(p, c, fd, &reply, NULL);
    if (o && !strcmp(o, "ok")) {
        mms_fresh_after(reply.addr);
    }
    return mms_result(o ? o : "error");
}

static void mms_mmap_cmd(struct mms_cmd *c, const char *region, const char *sharing, const char *prot, long pages) {
    mms_cmd_init(c, OP_MMAP, region, -1);
    c->flags = strcmp(sharing, "shared") ? MAP_PRIVATE : MAP_SHARED;
    c->writable = !strcmp(prot, "rw");
    c->pages = pages;
}

/*
 * mmap: file is NULL for anonymous memory, sharing "private" or "shared", prot "ro" or "rw".
 * Regions get fresh addresses, 2 MiB aligned and apart, never reused, while there is room for them.
 */
MMS_API const char *mms_mmap(const char *proc, const char *region, const char *file, const char *sharing,
                            const char *prot, long pages, long offset) {
    struct mms_cmd c;
    struct mms_file *f = file ? mms_find_file(file) : NULL;
    if (file && !f) {
        return mms_result("fail");
    }
    mms_mmap_cmd(&c, region, sharing, prot, pages);
    c.offset = offset;
    c.file = f != NULL;
    return mms_new_region(proc, &c, f ? f->fd : -1);
}

/* The hugetlb pool of huge pages of that many base pages, /sys/kernel/mm/hugepages/hugepages-<kB>kB/FILE. */
static void mms_pool_file(long huge, const char *file, char *path, size_t size) {
    snprintf(path, size, "%s/hugepages-%ldkB/%s", MMS_HUGETLB_DIR, huge * (MMS_PAGE / 1024), file);
}

/* mmap P R hugetlb: MAP_HUGETLB with MAP_HUGE_2MB or _1GB (huge: 512 or 262144 base pages); unsupported without that pool. */
MMS_API const char *mms_mmap_hugetlb(const char *proc, const char *region, const char *sharing, const char *prot,
                                    long pages, long huge) {
    struct mms_cmd c;
    char pool[256];
    mms_pool_file(huge, "nr_hugepages", pool, sizeof pool);
    if (access(pool, F_OK)) {
        return mms_result("unsupported");
    }
    mms_mmap_cmd(&c, region, sharing, prot, pages);
    c.huge = huge;
    return mms_new_region(proc, &c, -1);
}

/* mremap P R[first..last] as R2 (first -1: the whole region). */
MMS_API const char *mms_mremap(const char *proc, const char *region, long first, long last, const char *target) {
    struct mms_cmd c;
    mms_cmd_init(&c, OP_MREMAP, region, first);
    c.last = last;
    snprintf(c.target, sizeof c.target, "%s", target);
    return mms_new_region(proc, &c, -1);
}

MMS_API const char *mms_write(const char *proc, const char *region, long i, const char *value) {
    struct mms_cmd c;
    mms_cmd_init(&c, OP_WRITE, region, i);
    snprintf(c.value, sizeof c.value, "%s", value);
    return mms_simple(proc, &c);
}

MMS_API const char *mms_read(const char *proc, const char *region, long i) {
    struct mms_cmd c;
    mms_cmd_init(&c, OP_READ, region, i);
    return mms_simple(proc, &c);
}

/* fwrite F[i] V: pwrite(2) of a whole page holding V. */
MMS_API const char *mms_fwrite(const char *file, long i, const char *value) {
    struct mms_file *f = mms_find_file(file);
    static char page[MMS_PAGE];
    if (!f || i < 0 || i >= f->pages) {
        return mms_result("fail");
    }
    memset(page, 0, sizeof page);
    memcpy(page, value, strlen(value) + 1);
    return mms_result(pwrite(f->fd, page, MMS_PAGE, i * MMS_PAGE) == MMS_PAGE ? "ok" : "fail");
}

MMS_API const char *mms_fork(const char *parent, const char *child) {
    struct mms_proc *p = mms_live(parent);
    struct mms_reply reply;
    struct mms_cmd c;
    int sv[2];
    if (!p || mms_find_proc(child)) {
        return mms_result("fail");
    }
    if (mms_over("process", mms_max_procs, mms_nprocs, 1)) {
        return mms_result("error");
    }
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv)) {
        return mms_result("fail");
    }
    mms_cmd_init(&c, OP_FORK, NULL, -1);
    const char *o = mms_ask(p, &c, sv[1], &reply, NULL);
    close(sv[1]);
    if (!o || strcmp(o, "ok")) {
        close(sv[0]);
        return mms_result(o ? o : "error");
    }
    mms_start(child, sv[0], (pid_t) reply.number);
    return mms_result("ok");
}

/* exit: waits until the process is gone, so its address space is torn down before the next statement. */
MMS_API const char *mms_exit(const char *proc) {
    struct mms_proc *p = mms_live(proc);
    struct mms_reply reply;
    struct mms_cmd c;
    if (!p) {
        return mms_result("fail");
    }
    mms_cmd_init(&c, OP_EXIT, NULL, -1);
    mms_ask(p, &c, -1, &reply, NULL);
    struct pollfd w = { p->pidfd, POLLIN, 0 };
    poll(&w, 1, MMS_TIMEOUT_MS);
    p->alive = 0;
    close(p->sock);
    return mms_result("ok");
}

/* A statement on pages first..last of a region (first -1: all of it). */
static void mms_range_cmd(struct mms_cmd *c, int op, const char *region, long first, long last) {
    mms_cmd_init(c, op, region, first);
    c->last = last;
}

MMS_API const char *mms_munmap(const char *proc, const char *region, long first, long last) {
    struct mms_cmd c;
    mms_range_cmd(&c, OP_MUNMAP, region, first, last);
    return mms_simple(proc, &c);
}

/* prot: "ro" or "rw". */
MMS_API const char *mms_mprotect(const char *proc, const char *region, long first, long last, const char *prot) {
    struct mms_cmd c;
    mms_range_cmd(&c, OP_MPROTECT, region, first, last);
    c.writable = !strcmp(prot, "rw");
    return mms_simple(proc, &c);
}

static int mms_swap_configured(void) {
    if (mms_has_swap < 0) {
        FILE *f = fopen("/proc/swaps", "r");
        char line[512];
        int lines = 0;
        while (f && fgets(line, sizeof line, f)) {
            lines++;
        }
        if (f) {
            fclose(f);
        }
        mms_has_swap = lines > 1;
    }
    return mms_has_swap;
}

/*
 * Whether a read fault on private anonymous memory maps the shared zeropage (do_anonymous_page()),
 * which some kernels forbid (mm_forbids_zeropage(), or a guest booted without it): /proc/self/pagemap
 * marks a page "exclusively mapped" (bit 56) only when vm_normal_page() finds one, never the zeropage.
 */
MMS_API int mms_shared_zeropage(void) {
    volatile char *p = mmap(NULL, MMS_PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uint64_t entry = 0;
    if (p != MAP_FAILED) {
        (void) p[0];
        entry = mms_pagemap((unsigned long) p);
        munmap((void *) p, MMS_PAGE);
    }
    return (entry & MMS_PM_PRESENT) && !(entry & MMS_PM_EXCLUSIVE);
}

/* advice: "dontneed", "pageout", "dontfork", "dofork", "hugepage", "nohugepage" or "collapse". */
MMS_API const char *mms_madvise(const char *proc, const char *region, long first, long last, const char *advice) {
    static const struct { const char *name; int advice; } advices[] = {
        { "dontneed", MADV_DONTNEED }, { "pageout", MADV_PAGEOUT }, { "dontfork", MADV_DONTFORK },
        { "dofork", MADV_DOFORK }, { "hugepage", MADV_HUGEPAGE }, { "nohugepage", MADV_NOHUGEPAGE },
        { "collapse", MADV_COLLAPSE } };
    struct mms_cmd c;
    mms_range_cmd(&c, OP_MADVISE, region, first, last);
    c.flags = -1;
    for (unsigned k = 0; k < sizeof advices / sizeof *advices; k++) {
        if (!strcmp(advice, advices[k].name)) {
            c.flags = advices[k].advice;
        }
    }
    c.writable = mms_swap_configured(); /* tells the process whether pageout can swap */
    return mms_simple(proc, &c);
}

/* folio P R[i]: what maps that page, as the process itself finds it (mms_folio_of()). */
MMS_API const char *mms_folio(const char *proc, const char *region, long i) {
    struct mms_cmd c;
    mms_cmd_init(&c, OP_FOLIO, region, i);
    return mms_simple(proc, &c);
}

/* The PFN a live process maps at page i of a region: -1 for none; -2 for a process gone or silent;
 * -3 for a process whose page tables a pageout without swap left unlike the scenario's. */
static long mms_pfn_of(const char *proc, const char *region, long i) {
    struct mms_proc *p = mms_live(proc);
    struct mms_reply reply;
    struct mms_cmd c;
    mms_cmd_init(&c, OP_PFN, region, i);
    return p && mms_ask(p, &c, -1, &reply, NULL) ? reply.number : -2;
}

/* same P R[i] Q S[j]: yes when both map a present page and it is the same page (the same PFN). */
MMS_API const char *mms_same(const char *proc, const char *region, long i, const char *other, const char *other_region,
                            long j) {
    long a = mms_pfn_of(proc, region, i);
    long b = mms_pfn_of(other, other_region, j);
    return mms_result(a == -2 || b == -2 ? "fail" : a == -3 || b == -3 ? "unsupported"
                      : a >= 0 && a == b ? "yes" : "no");
}

/* ---- handles: vmsplice pipes and io_uring fixed buffers ----------------------------------------- */

/* Maps the rings of a ring set up elsewhere (its parameters came with the reply). */
static int mms_ring_map(struct mms_ring *r, int fd, const struct io_uring_params *params) {
    const struct io_uring_params p = *params;
    r->fd = fd;
    r->sq_len = p.sq_off.array + p.sq_entries * sizeof(unsigned);
    r->cq_len = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
    r->sqes_len = p.sq_entries * sizeof(struct io_uring_sqe);
    r->sq_ring = mmap(NULL, r->sq_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_SQ_RING);
    r->cq_ring = mmap(NULL, r->cq_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_CQ_RING);
    r->sqes = mmap(NULL, r->sqes_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_SQES);
    if (r->sq_ring == MAP_FAILED || r->cq_ring == MAP_FAILED || r->sqes == MAP_FAILED) {
        return -1;
    }
    r->sq_tail = (unsigned *) ((char *) r->sq_ring + p.sq_off.tail);
    r->sq_mask = (unsigned *) ((char *) r->sq_ring + p.sq_off.ring_mask);
    r->sq_array = (unsigned *) ((char *) r->sq_ring + p.sq_off.array);
    r->cq_head = (unsigned *) ((char *) r->cq_ring + p.cq_off.head);
    r->cq_tail = (unsigned *) ((char *) r->cq_ring + p.cq_off.tail);
    r->cq_mask = (unsigned *) ((char *) r->cq_ring + p.cq_off.ring_mask);
    r->cqes = (struct io_uring_cqe *) ((char *) r->cq_ring + p.cq_off.cqes);
    return 0;
}

/* One READ_FIXED or WRITE_FIXED of the registered page against fd at offset 0; the byte count or -errno. */
static int mms_ring_io(struct mms_ring *r, int opcode, unsigned long addr, int fd) {
    unsigned tail = __atomic_load_n(r->sq_tail, __ATOMIC_ACQUIRE);
    unsigned slot = tail & *r->sq_mask;
    struct io_uring_sqe *sqe = &r->sqes[slot];
    memset(sqe, 0, sizeof *sqe);
    sqe->opcode = (unsigned char) opcode;
    sqe->fd = fd;
    sqe->addr = addr;
    sqe->len = MMS_PAGE;
    sqe->buf_index = 0;
    r->sq_array[slot] = slot;
    __atomic_store_n(r->sq_tail, tail + 1, __ATOMIC_RELEASE);
    if (syscall(__NR_io_uring_enter, r->fd, 1, 1, IORING_ENTER_GETEVENTS, NULL, 0) < 0) {
        return -errno;
    }
    unsigned head = __atomic_load_n(r->cq_head, __ATOMIC_ACQUIRE);
    if (head == __atomic_load_n(r->cq_tail, __ATOMIC_ACQUIRE)) {
        return -EIO;
    }
    int res = r->cqes[head & *r->cq_mask].res;
    __atomic_store_n(r->cq_head, head + 1, __ATOMIC_RELEASE);
    return res;
}

/* A scratch regular file the device "reads from" and "writes to" (a memfd: never mapped by a scenario). */
static int mms_scratch(void) {
    static int fd = -1;
    if (fd < 0) {
        fd = memfd_create("mmsim-scratch", MFD_CLOEXEC);
        if (fd >= 0 && ftruncate(fd, MMS_PAGE)) {
            close(fd);
            fd = -1;
        }
    }
    return fd;
}

/*
 * pin, get, vmsplice and iouring: kind is "vmsplice" (get ro), "iouring" (pin rw longterm), or a
 * long-term pin that gup_test can hold where the kernel has it ("pin-ro-longterm", with "-fast", and
 * "pin-rw-longterm-fast"; one at a time). Anything else the kernel cannot be made to do from user
 * space (short-term pins, get rw): "unsupported", and the handle's later statements are too.
 */
MMS_API const char *mms_gup(const char *proc, const char *region, long i, const char *kind, const char *handle) {
    struct mms_proc *p = mms_live(proc);
    struct mms_reply reply;
    struct mms_cmd c;
    int fd = -1;
    if (!p || mms_find_handle(handle)) {
        return mms_result("fail");
    }
    if (mms_over("handle", mms_max_handles, mms_live_handles(), 1)) {
        return mms_result("error");
    }
    int gup_test = !strcmp(kind, "pin-ro-longterm") || !strcmp(kind, "pin-ro-longterm-fast")
                   || !strcmp(kind, "pin-rw-longterm-fast");
    if (gup_test && (access(MMS_GUP_TEST, R_OK | W_OK) || mms_live_kind(H_GUP_TEST))) {
        gup_test = 0; /* no CONFIG_GUP_TEST, or its one set of pins is taken */
    }
    if (gup_test) {
        mms_cmd_init(&c, OP_GUP_TEST, region, i);
        c.flags = (strstr(kind, "-rw") ? MMS_PIN_LONGTERM_TEST_FLAG_USE_WRITE : 0)
                  | (strstr(kind, "-fast") ? MMS_PIN_LONGTERM_TEST_FLAG_USE_FAST : 0);
        const char *o = mms_ask(p, &c, -1, &reply, &fd);
        if (!o || strcmp(o, "ok")) {
            return mms_result(o ? o : "error");
        }
        struct mms_handle *h = mms_new_handle(handle, H_GUP_TEST);
        h->fd = fd;
        h->writable = (c.flags & MMS_PIN_LONGTERM_TEST_FLAG_USE_WRITE) != 0;
        return mms_result("ok");
    }
    if (strcmp(kind, "vmsplice") && strcmp(kind, "iouring")) {
        mms_new_handle(handle, H_UNSUPPORTED);
        return mms_result("unsupported");
    }
    int uring = !strcmp(kind, "iouring");
    mms_cmd_init(&c, uring ? OP_IOURING : OP_VMSPLICE, region, i);
    const char *o = mms_ask(p, &c, -1, &reply, &fd);
    if (!o || strcmp(o, "ok")) {
        return mms_result(o ? o : "error");
    }
    struct mms_handle *h = mms_new_handle(handle, uring ? H_RING : H_PIPE);
    h->fd = fd;
    if (uring) {
        /* take a copy of the ring's fd, then let the process close its own */
        int copy = (int) syscall(SYS_pidfd_getfd, p->pidfd, (int) reply.number, 0);
        struct mms_reply closed;
        h->addr = reply.addr;
        mms_cmd_init(&c, OP_CLOSE, NULL, -1);
        c.file = (int) reply.number;
        mms_ask(p, &c, -1, &closed, NULL);
        if (copy < 0 || mms_ring_map(&h->ring, copy, &reply.params)) {
            h->kind = 0;
            return mms_result("error");
        }
    }
    return mms_result("ok");
}

MMS_API const char *mms_peek(const char *handle) {
    struct mms_handle *h = mms_find_handle(handle);
    static char page[MMS_PAGE + 1];
    if (!h) {
        return mms_result("fail");
    }
    if (h->kind == H_UNSUPPORTED) {
        return mms_result("unsupported");
    }
    memset(page, 0, sizeof page);
    if (h->kind == H_PIPE) {
        int t[2];
        if (pipe(t)) {
            return mms_result("error");
        }
        ssize_t n = tee(h->fd, t[1], MMS_PAGE, SPLICE_F_NONBLOCK); /* look without consuming */
        if (n > 0 && read(t[0], page, (size_t) n) != n) {
            n = -1;
        }
        close(t[0]);
        close(t[1]);
        if (n <= 0) {
            return mms_result("error");
        }
    } else if (h->kind == H_GUP_TEST) {
        uint64_t to = (uintptr_t) page;
        if (ioctl(h->fd, MMS_PIN_LONGTERM_TEST_READ, &to)) { /* copies the pinned page out */
            return mms_result("error");
        }
    } else if (mms_ring_io(&h->ring, IORING_OP_WRITE_FIXED, h->addr, mms_scratch()) != MMS_PAGE
               || pread(mms_scratch(), page, MMS_PAGE, 0) != MMS_PAGE) {
        return mms_result("error");
    }
    page[MMS_VALUE - 1] = 0;
    return mms_result(page[0] ? page : "0");
}

MMS_API const char *mms_poke(const char *handle, const char *value) {
    struct mms_handle *h = mms_find_handle(handle);
    static char page[MMS_PAGE];
    if (!h) {
        return mms_result("fail");
    }
    if (h->kind == H_UNSUPPORTED || (h->kind == H_GUP_TEST && h->writable)) {
        mms_unobservable_add(value); /* gup_test's device does not write */
        return mms_result("unsupported");
    }
    if (h->kind != H_RING) {
        return mms_result("fail"); /* a pipe holds the page read-only */
    }
    memset(page, 0, sizeof page);
    memcpy(page, value, strlen(value) + 1);
    if (pwrite(mms_scratch(), page, MMS_PAGE, 0) != MMS_PAGE
        || mms_ring_io(&h->ring, IORING_OP_READ_FIXED, h->addr, mms_scratch()) != MMS_PAGE) {
        return mms_result("error");
    }
    return mms_result("ok");
}

MMS_API const char *mms_release(const char *handle) {
    struct mms_handle *h = mms_find_handle(handle);
    if (!h) {
        return mms_result("fail");
    }
    int kind = h->kind;
    h->kind = 0;
    if (kind == H_UNSUPPORTED) {
        return mms_result("unsupported");
    }
    if (kind == H_RING) {
        syscall(__NR_io_uring_register, h->ring.fd, IORING_UNREGISTER_BUFFERS, NULL, 0); /* a synchronous unpin */
        munmap(h->ring.sq_ring, h->ring.sq_len);
        munmap(h->ring.cq_ring, h->ring.cq_len);
        munmap(h->ring.sqes, h->ring.sqes_len);
        close(h->ring.fd);
    } else {
        if (kind == H_GUP_TEST) {
            ioctl(h->fd, MMS_PIN_LONGTERM_TEST_STOP); /* unpin_user_pages() now, not at the file's last close */
        }
        close(h->fd);
    }
    return mms_result("ok");
}

/* ---- reporting steps ---------------------------------------------------------------------------- */

static void mms_json(const char *s) {
    putchar('"');
    for (const unsigned char *p = (const unsigned char *) s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            printf("\\%c", *p);
        } else if (*p < 0x20 || *p == 0x7f) {
            printf("\\u%04x", *p);
        } else {
            putchar(*p);
        }
    }
    putchar('"');
}

/* One step as `mmsim run --format json` lists it: {"line": N, "statement": "...", "outcome": "..."}. */
MMS_API void mms_print_step(int line, const char *statement, const char *outcome) {
    printf("{\"line\": %d, \"statement\": ", line);
    mms_json(statement);
    printf(", \"outcome\": ");
    mms_json(outcome);
    printf("}\n");
    fflush(stdout);
}

static int mms_failed;

/*
 * A step and its expectation (NULL: none): a failed expectation is counted and said on stderr.
 * Skipped, as the host column skips them: an expectation on a step the kernel cannot be made to do
 * here, and one of a value only such a step wrote (a device write through a pin it could not take).
 */
MMS_API void mms_step(int line, const char *statement, const char *outcome, const char *expect) {
    mms_print_step(line, statement, outcome);
    if (!expect) {
        return;
    }
    if (!strcmp(outcome, "unsupported") || mms_unobservable_has(expect)) {
        fprintf(stderr, "line %d: skipped (unsupported here): expected %s\n", line, expect);
    } else if (strcmp(outcome, expect)) {
        fprintf(stderr, "line %d: expected %s, got %s\n", line, expect, outcome);
        mms_failed++;
    }
}

/* ---- system settings: THP sizes, hugetlb pools, khugepaged --------------------------------------- */

/*
 * A scenario of language 1.1 starts from the spec's settings: every THP size "never" but the PMD size,
 * "madvise"; the huge zeropage on (use_zero_page); every hugetlb pool empty, with no surplus pages;
 * shmem THP off (page-cache folios are 4 KiB in this version). They are global, so one run at a time
 * owns them: an OFD lock on the state file (it conflicts with another run's, and with any fcntl()
 * lock). The state file holds what they were, so that a run that dies without putting them back
 * (SIGKILL) is undone by the next run that takes the lock, or by `mmsim-host --restore`.
 *
 * khugepaged must not collapse behind a scenario's back. It scans the mms registered with it
 * (__khugepaged_enter(): by MADV_HUGEPAGE, a THP fault, a fork) at three moments only: when one
 * registers while it has none (it waits in khugepaged_wait_work() for khugepaged_wait_event()), when
 * its thread starts (start_stop_khugepaged(): the PMD size turns from never to something else), and
 * when its sleep of scan_sleep_millisecs ends. So the sleep is made a day long; the controller
 * registers first (an empty MADV_HUGEPAGE region of its own) and waits until khugepaged sleeps; and a
 * thp statement that may start the thread first sets PR_SET_THP_DISABLE in every scenario process,
 * which khugepaged skips (hpage_collapse_test_exit_or_disable()), until the new thread sleeps.
 * khugepaged/defrag is left alone: it says how hard khugepaged allocates, not whether it collapses.
 * max_ptes_none is set to 511, its stock value, at which the THP shrinker also leaves mostly
 * zero-filled THPs whole (thp_underused()).
 */
#define MMS_KHUGEPAGED MMS_THP_DIR "/khugepaged"
#define MMS_KHUGEPAGED_SLEEP "86400000" /* ms: a day */
#define MMS_SETTINGS_MAX 64

struct mms_setting { char path[128]; char value[32]; };
static struct mms_setting mms_saved[MMS_SETTINGS_MAX]; /* what the settings were before this run */
static int mms_nsaved;
static long mms_pool_pages[2];                          /* the 2 MiB and 1 GiB pools asked for, in base pages */
/*
 * Huge pages already reserved when the run began (resv_hugepages): held by others, or leaked (6.18 keeps
 * one for good after mremap() of part of a private hugetlb mapping). A pool of N gives the scenario N
 * pages on top of them.
 */
static long mms_pool_base[2];
static pid_t mms_khugepaged_pid;

/* The state file: $MMS_HOST_STATE, else in /run/lock (in /tmp where there is none). */
static const char *mms_state_path(void) {
    struct stat st;
    if (getenv("MMS_HOST_STATE")) {
        return getenv("MMS_HOST_STATE");
    }
    return stat("/run/lock", &st) == 0 && S_ISDIR(st.st_mode) ? "/run/lock/mmsim-host.state" : "/tmp/mmsim-host.state";
}

/* A setting's value: the bracketed word of a choice ("always [madvise] never"), else the first word. */
static int mms_setting_get(const char *path, char *value, size_t size) {
    char text[256];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t n = fd >= 0 ? read(fd, text, sizeof text - 1) : -1;
    if (fd >= 0) {
        close(fd);
    }
    if (n <= 0) {
        return -1;
    }
    text[n] = 0;
    char *word = strchr(text, '[') ? strchr(text, '[') + 1 : text;
    size_t len = strcspn(word, "] \n");
    if (len >= size) {
        return -1;
    }
    memcpy(value, word, len);
    value[len] = 0;
    return 0;
}

/* Writes value unless the setting has it already: 0 when it reads value afterwards. Async-signal-safe. */
static int mms_setting_set(const char *path, const char *value) {
    char now[32];
    if (mms_setting_get(path, now, sizeof now) == 0 && !strcmp(now, value)) {
        return 0;
    }
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    ssize_t n = fd >= 0 ? write(fd, value, strlen(value)) : -1;
    if (fd >= 0) {
        close(fd);
    }
    return n == (ssize_t) strlen(value) && mms_setting_get(path, now, sizeof now) == 0 && !strcmp(now, value) ? 0 : -1;
}

/* Calls fn(kB, path) for each hugepages-<kB>kB directory of dir that has file. */
static void mms_each_size(const char *dir, const char *file, void (*fn)(long kb, const char *path, void *arg), void *arg) {
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        long kb;
        char path[256];
        if (sscanf(e->d_name, "hugepages-%ldkB", &kb) == 1
            && snprintf(path, sizeof path, "%s/%s/%s", dir, e->d_name, file) < (int) sizeof path && !access(path, F_OK)) {
            fn(kb, path, arg);
        }
    }
    if (d) {
        closedir(d);
    }
}

typedef void (*mms_setting_fn)(const char *path, const char *start);

/* hugepages-<kB>kB/enabled starts at never, the PMD size's at madvise. */
static void mms_thp_size_start(long kb, const char *path, void *fn) {
    (*(mms_setting_fn *) fn)(path, kb * 1024 == MMS_PMD_SIZE ? "madvise" : "never");
}

static void mms_never_start(long kb, const char *path, void *fn) {
    (void) kb;
    (*(mms_setting_fn *) fn)(path, "never");
}

static void mms_empty_start(long kb, const char *path, void *fn) {
    (void) kb;
    (*(mms_setting_fn *) fn)(path, "0");
}

/* Calls fn for every setting a large-folio run may change, with the value the language starts from. */
static void mms_settings_each(mms_setting_fn fn) {
    mms_each_size(MMS_THP_DIR, "enabled", mms_thp_size_start, &fn);
    mms_each_size(MMS_THP_DIR, "shmem_enabled", mms_never_start, &fn);
    fn(MMS_THP_DIR "/shmem_enabled", "never");
    fn(MMS_THP_DIR "/use_zero_page", "1");
    fn(MMS_KHUGEPAGED "/scan_sleep_millisecs", MMS_KHUGEPAGED_SLEEP);
    fn(MMS_KHUGEPAGED "/max_ptes_none", "511");
    mms_each_size(MMS_HUGETLB_DIR, "nr_overcommit_hugepages", mms_empty_start, &fn);
    mms_each_size(MMS_HUGETLB_DIR, "nr_hugepages", mms_empty_start, &fn);
}

static void mms_save(const char *path, const char *start) {
    (void) start;
    struct mms_setting *s = &mms_saved[mms_nsaved];
    if (mms_nsaved < MMS_SETTINGS_MAX && strlen(path) < sizeof s->path
        && mms_setting_get(path, s->value, sizeof s->value) == 0) {
        snprintf(s->path, sizeof s->path, "%s", path);
        mms_nsaved++;
    }
}

static void mms_apply(const char *path, const char *start) {
    mms_setting_set(path, start);
}

/* The saved settings as the state file holds them: "PATH VALUE" lines. */
static void mms_state_write(int fd) {
    char line[256];
    for (int k = 0; k < mms_nsaved; k++) {
        int n = snprintf(line, sizeof line, "%s %s\n", mms_saved[k].path, mms_saved[k].value);
        if (write(fd, line, (size_t) n) != n) {
            break;
        }
    }
    fsync(fd);
}

/* Puts back what a run that died left in the state file, and empties it. */
static void mms_state_undo(int fd) {
    static char text[MMS_SETTINGS_MAX * 256];
    ssize_t n = pread(fd, text, sizeof text - 1, 0);
    text[n > 0 ? n : 0] = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        char *value = strchr(line, ' ');
        if (value && !strncmp(line, "/sys/kernel/mm/", 15)) { /* nothing but the settings of this file */
            *value++ = 0;
            mms_setting_set(line, value);
        }
    }
    if (ftruncate(fd, 0)) {
        perror("mmsim host: cannot empty the settings' state file");
    }
}

/* Takes the state file's lock, waiting for a run that holds it, and undoes what a dead run left: the fd, or -1. */
static int mms_state_lock(void) {
    struct flock whole = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
    int fd = open(mms_state_path(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    while (fd >= 0 && fcntl(fd, F_OFD_SETLKW, &whole)) {
        if (errno != EINTR) {
            close(fd);
            return -1;
        }
    }
    if (fd >= 0) {
        mms_state_undo(fd);
    }
    return fd;
}

/*
 * Puts back every setting this run changed, empties the state file and lets the lock go: at the end,
 * and from the handlers of the signals that end a run (async-signal-safe, with every signal blocked).
 */
MMS_API void mms_settings_restore(void) {
    sigset_t all, was;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &was);
    if (mms_state_fd >= 0) {
        for (int k = mms_nsaved - 1; k >= 0; k--) {
            mms_setting_set(mms_saved[k].path, mms_saved[k].value);
        }
        if (ftruncate(mms_state_fd, 0)) {
            mms_nsaved = 0; /* the next run undoes it */
        }
        close(mms_state_fd);
        mms_state_fd = -1;
    }
    sigprocmask(SIG_SETMASK, &was, NULL);
}

/* `mmsim-host --restore`: whatever a dead run left changed is put back; 0 when the lock could be had. */
MMS_API int mms_settings_recover(void) {
    int fd = mms_state_lock();
    if (fd >= 0) {
        close(fd);
    }
    return fd >= 0 ? 0 : -1;
}

/* A task's name is khugepaged (/proc/PID/comm). */
static int mms_is_khugepaged(pid_t pid) {
    char path[64], comm[32];
    snprintf(path, sizeof path, "/proc/%d/comm", (int) pid);
    return mms_setting_get(path, comm, sizeof comm) == 0 && !strcmp(comm, "khugepaged");
}

/* khugepaged's pid; 0 when its thread is not running (start_stop_khugepaged() stops it when no size can use it). */
static pid_t mms_khugepaged(void) {
    if (mms_khugepaged_pid && mms_is_khugepaged(mms_khugepaged_pid)) {
        return mms_khugepaged_pid;
    }
    mms_khugepaged_pid = 0;
    DIR *d = opendir("/proc");
    struct dirent *e;
    while (d && !mms_khugepaged_pid && (e = readdir(d))) {
        pid_t pid = (pid_t) atoi(e->d_name);
        if (pid > 0 && mms_is_khugepaged(pid)) {
            mms_khugepaged_pid = pid;
        }
    }
    if (d) {
        closedir(d);
    }
    return mms_khugepaged_pid;
}

/* Whether task pid sleeps (State: S), and how often it has gone to sleep (voluntary_ctxt_switches). */
static int mms_sleeping(pid_t pid, long *sleeps) {
    char path[64], line[128];
    int asleep = 0;
    snprintf(path, sizeof path, "/proc/%d/status", (int) pid);
    FILE *f = fopen(path, "re");
    while (f && fgets(line, sizeof line, f)) {
        asleep |= !strncmp(line, "State:\tS", 8);
        sscanf(line, "voluntary_ctxt_switches: %ld", sleeps);
    }
    if (f) {
        fclose(f);
    }
    return asleep;
}

/*
 * Wakes khugepaged (scan_sleep_millisecs_store() ends its sleep) and waits, 2 s at most, until it has
 * made its pass and gone back to sleep, for a day now (khugepaged_wait_work()).
 */
static void mms_khugepaged_settle(void) {
    pid_t k = mms_khugepaged();
    long before = 0, now = 0;
    if (!k) {
        return;
    }
    mms_sleeping(k, &before);
    int fd = open(MMS_KHUGEPAGED "/scan_sleep_millisecs", O_WRONLY | O_CLOEXEC);
    if (fd < 0 || write(fd, MMS_KHUGEPAGED_SLEEP, strlen(MMS_KHUGEPAGED_SLEEP)) < 0) {
        perror("mmsim host: cannot wake khugepaged");
    }
    if (fd >= 0) {
        close(fd);
    }
    for (int t = 0; t < 2000 && !(mms_sleeping(k, &now) && now > before); t++) {
        usleep(1000);
    }
}

/*
 * The controller's own registration with khugepaged, which keeps its list from running empty: a 2 MiB
 * MADV_HUGEPAGE region (khugepaged_enter_vma()) that nothing touches and no fork inherits.
 */
static void mms_khugepaged_anchor(void) {
    char *room = mmap(NULL, 2 * MMS_PMD_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (room != MAP_FAILED) {
        char *at = (char *) (((uintptr_t) room + MMS_PMD_SIZE - 1) & ~(uintptr_t) (MMS_PMD_SIZE - 1));
        madvise(at, MMS_PMD_SIZE, MADV_DONTFORK);
        madvise(at, MMS_PMD_SIZE, MADV_HUGEPAGE);
    }
}

/* PR_SET_THP_DISABLE set (1) or cleared (0) in every live scenario process. */
static void mms_thp_disable_all(int disable) {
    struct mms_reply reply;
    struct mms_cmd c;
    mms_cmd_init(&c, OP_THP_DISABLE, NULL, -1);
    c.flags = disable;
    for (int k = 0; k < mms_nprocs; k++) {
        if (mms_procs[k].alive) {
            mms_ask(&mms_procs[k], &c, -1, &reply, NULL);
        }
    }
}

/* thp SIZE always|madvise|never: hugepages-<kB>kB/enabled (anon_enabled_store()); pages is SIZE in base pages. */
MMS_API const char *mms_thp(long pages, const char *mode) {
    char path[256];
    snprintf(path, sizeof path, "%s/hugepages-%ldkB/enabled", MMS_THP_DIR, pages * (MMS_PAGE / 1024));
    if (!mms_large || access(path, W_OK)) {
        return mms_result("unsupported");
    }
    int stopped = !mms_khugepaged(); /* this may start it: it scans at once */
    if (stopped) {
        mms_thp_disable_all(1);
    }
    int failed = mms_setting_set(path, mode);
    if (stopped) {
        mms_khugepaged_settle();
        mms_thp_disable_all(0);
    }
    return mms_result(failed ? "fail" : "ok");
}

/*
 * hugetlb SIZE pages=N: nr_hugepages of that pool (huge: 512 or 262144 base pages). fail when the kernel
 * could not allocate that many; a pool that shrinks below the pages in use keeps them as surplus pages,
 * freed when they are (set_max_huge_pages()), and that is ok.
 */
MMS_API const char *mms_hugetlb(long huge, long count) {
    char path[256], value[32];
    long *asked = &mms_pool_pages[huge * MMS_PAGE > MMS_PMD_SIZE];
    mms_pool_file(huge, "nr_hugepages", path, sizeof path);
    if (!mms_large || access(path, W_OK)) {
        return mms_result("unsupported");
    }
    if (mms_over("hugetlb page", mms_max_hugetlb_pages, mms_pool_pages[0] + mms_pool_pages[1] - *asked, count * huge)) {
        return mms_result("error");
    }
    *asked = count * huge;
    long base = mms_pool_base[huge * MMS_PAGE > MMS_PMD_SIZE];
    snprintf(value, sizeof value, "%ld", count + base);
    mms_setting_set(path, value);
    return mms_result(mms_setting_get(path, value, sizeof value) || atol(value) < count + base ? "fail" : "ok");
}

/* Sizes with that file under dir (hugepages-<kB>kB/FILE), smallest first, as the language names them: "16K,2M", or "none". */
struct mms_sizes { long kb[32]; int n; };

static void mms_sizes_add(long kb, const char *path, void *sizes) {
    struct mms_sizes *s = sizes;
    (void) path;
    if (s->n < 32) {
        s->kb[s->n++] = kb;
    }
}

static int mms_kb_order(const void *a, const void *b) {
    return *(const long *) a < *(const long *) b ? -1 : *(const long *) a > *(const long *) b;
}

MMS_API void mms_sizes(const char *dir, const char *file, char *out, size_t size) {
    struct mms_sizes s = { .n = 0 };
    mms_each_size(dir, file, mms_sizes_add, &s);
    qsort(s.kb, (size_t) s.n, sizeof *s.kb, mms_kb_order);
    snprintf(out, size, s.n ? "" : "none");
    for (int k = 0; k < s.n; k++) {
        char name[24];
        mms_size_name(s.kb[k] / (MMS_PAGE / 1024), name, sizeof name);
        snprintf(out + strlen(out), size - strlen(out), "%s%s", k ? "," : "", name);
    }
}

/* ---- start and end of a scenario ---------------------------------------------------------------- */

MMS_API void mms_begin(void) {
    prctl(PR_SET_CHILD_SUBREAPER, 1); /* processes whose parent exits come back to us, to be reaped */
    signal(SIGPIPE, SIG_IGN);
    /*
     * Every process of the scenario on one CPU: a page a fault just added waits in that CPU's LRU
     * batch, and MADV_PAGEOUT drains only its own CPU's (lru_add_drain()) before it isolates pages;
     * on another CPU, reclaim would skip the page or not depending on the scheduler.
     */
    int cpu = sched_getcpu();
    if (cpu >= 0) {
        cpu_set_t one;
        CPU_ZERO(&one);
        CPU_SET(cpu, &one);
        sched_setaffinity(0, sizeof one, &one);
    }
}

/* A reproducer ended by SIGINT, SIGTERM or SIGHUP puts the settings back first. */
static void mms_restore_and_die(int sig) {
    mms_settings_restore();
    signal(sig, SIG_DFL);
    raise(sig);
}

/*
 * The start of a scenario that uses large folios: the system settings become this run's (see "system
 * settings"), and every region follows them. Where they cannot (not root), the run goes on as
 * mms_begin() would, and thp and hugetlb are unsupported. The helper has its own handlers of the
 * signals that end a run; a reproducer gets mms_restore_and_die().
 */
MMS_API void mms_begin_large_folios(void) {
    int ends[] = { SIGINT, SIGTERM, SIGHUP };
    char pmd_size[256], mode[16];
    mms_begin();
    mms_state_fd = mms_state_lock();
    if (mms_state_fd < 0) {
        return;
    }
    for (unsigned k = 0; k < sizeof ends / sizeof *ends; k++) {
        struct sigaction was;
        if (sigaction(ends[k], NULL, &was) == 0 && was.sa_handler == SIG_DFL) {
            signal(ends[k], mms_restore_and_die);
        }
    }
    mms_settings_each(mms_save);
    mms_state_write(mms_state_fd);
    mms_settings_each(mms_apply);
    snprintf(pmd_size, sizeof pmd_size, "%s/hugepages-%ldkB/enabled", MMS_THP_DIR, MMS_PMD_SIZE / 1024);
    mms_large = mms_setting_get(pmd_size, mode, sizeof mode) == 0 && !strcmp(mode, "madvise");
    if (!mms_large) {
        mms_settings_restore();
        return;
    }
    for (int k = 0; k < 2; k++) {
        char path[256], value[32];
        mms_pool_file(k ? 262144L : MMS_PMD_PAGES, "resv_hugepages", path, sizeof path);
        mms_pool_base[k] = mms_setting_get(path, value, sizeof value) ? 0 : atol(value);
    }
    mms_khugepaged_anchor();
    mms_khugepaged_settle();
}

/* The end of a scenario, as do_exit() orders it: every process exits, then every handle goes; then the settings. */
MMS_API void mms_end(void) {
    for (int k = 0; k < mms_nprocs; k++) {
        if (mms_procs[k].alive) {
            syscall(SYS_pidfd_send_signal, mms_procs[k].pidfd, SIGKILL, NULL, 0);
            mms_procs[k].alive = 0;
            close(mms_procs[k].sock);
        }
    }
    for (int k = 0; k < mms_nhandles; k++) {
        if (mms_handles[k].kind) {
            mms_release(mms_handles[k].name);
        }
    }
    while (waitpid(-1, NULL, 0) > 0 || errno == EINTR) {
    }
    mms_settings_restore();
}
