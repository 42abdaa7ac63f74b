/*
 * mmsim host runtime: the statements of the .mms language as system calls on the live Linux kernel.
 *
 * One description serves both users of it: the host column's helper (mms_host.c reads statements
 * and calls the functions below) and every reproducer that `mmsim export --c` writes (a main()
 * calling them in order). Each mms_* function performs one statement and returns its outcome as the
 * language names it: a value, "ok", "fail", "segv", or "unsupported" for what the kernel cannot be
 * made to do from user space here.
 *
 * Every scenario process is a real process that serves commands from this controller over a
 * socket: `fork` is a real fork() made by the process itself, stores and loads happen in its own
 * address space (a SIGSEGV or SIGBUS is the outcome segv). Handles outlive their process, as the
 * language says: a vmsplice() pipe's read end and an io_uring ring's fd are moved to the
 * controller, which peeks with tee() and with WRITE_FIXED / READ_FIXED.
 *
 * Needs Linux 5.6 or later (pidfd_getfd, io_uring fixed buffers); plain libc and kernel headers.
 */
#define _GNU_SOURCE
#include <errno.h>
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
/* The statements and the step functions: a program uses only those its scenario needs. */
#define MMS_API static __attribute__((unused))

/*
 * CONFIG_GUP_TEST's debugfs file, as tools/testing/selftests/mm/cow.c uses it: the one way to hold a
 * R/O long-term pin, or a GUP-fast one, from user space. It holds one set of pins for the whole
 * system at a time (mm/gup_test.c: pin_longterm_test_start()), and the device cannot write through it.
 */
#define MMS_GUP_TEST "/sys/kernel/debug/gup_test"
struct mms_pin_longterm_test { uint64_t addr; uint64_t size; uint32_t flags; };
#define MMS_PIN_LONGTERM_TEST_START _IOW('g', 7, struct mms_pin_longterm_test)
#define MMS_PIN_LONGTERM_TEST_STOP _IO('g', 8)
#define MMS_PIN_LONGTERM_TEST_READ _IOW('g', 9, uint64_t)
#define MMS_PIN_LONGTERM_TEST_FLAG_USE_WRITE 1
#define MMS_PIN_LONGTERM_TEST_FLAG_USE_FAST 2

/* ---- what a scenario process is asked to do ---------------------------------------------------- */

enum mms_op { OP_MMAP, OP_WRITE, OP_READ, OP_MUNMAP, OP_MPROTECT, OP_MADVISE, OP_FORK, OP_EXIT, OP_VMSPLICE,
              OP_IOURING, OP_GUP_TEST, OP_CLOSE };

struct mms_cmd {
    int op;
    int flags;              /* OP_MMAP: MAP_SHARED or MAP_PRIVATE; OP_MPROTECT: writable; OP_MADVISE: advice */
    int writable;
    int file;               /* OP_MMAP: a file fd follows (SCM_RIGHTS); OP_CLOSE: the fd to close */
    long index;             /* page index, or -1 for the whole region */
    long pages;
    long offset;
    unsigned long addr;
    char region[MMS_NAME];
    char value[MMS_VALUE];
};

struct mms_reply {
    char outcome[MMS_VALUE];
    long number;            /* OP_FORK: the child's pid; OP_IOURING: the ring fd in the process */
    unsigned long addr;     /* OP_IOURING: the fixed buffer's address, which READ/WRITE_FIXED name */
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
static unsigned long mms_next_addr = 0x500000000000UL; /* fresh, never reused, 2 MiB apart at least */
static int mms_has_swap = -1;
/* Bounds a caller may set (0: none); a statement that would pass one has the outcome "error" and says why in mms_limit. */
static long mms_max_procs, mms_max_handles, mms_max_file_pages, mms_file_pages;
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

struct mms_region { char name[MMS_NAME]; unsigned long addr; long pages; int anon_private, shmem; };
static struct mms_region *mms_regions; /* a forked child inherits the table with the address space */
static int mms_nregions, mms_cap_regions;
static sigjmp_buf mms_fault;

static void mms_on_fault(int sig) {
    (void) sig;
    siglongjmp(mms_fault, 1);
}

static struct mms_region *mms_region(const char *name) {
    for (int k = mms_nregions - 1; k >= 0; k--) {
        if (strcmp(mms_regions[k].name, name) == 0) {
            return &mms_regions[k];
        }
    }
    return NULL;
}

/* The address of page i of a region, 0 when the region is unknown or i out of range. */
static unsigned long mms_page(struct mms_region *r, long i) {
    return r && i >= 0 && i < r->pages ? r->addr + (unsigned long) i * MMS_PAGE : 0;
}

static void mms_serve(int sock);

/* A store of value, or a load into out ("0" for a page never written): -1 when it faults. */
static int mms_access(int write, volatile char *page, const char *value, char *out) {
    if (sigsetjmp(mms_fault, 1)) {
        return -1;
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

static void mms_serve_one(int sock, struct mms_cmd *c, int fd, struct mms_reply *out) {
    struct mms_region *r = mms_region(c->region);
    unsigned long at = mms_page(r, c->index);
    out->number = -1;
    snprintf(out->outcome, sizeof out->outcome, "ok");
    switch (c->op) {
    case OP_MMAP: {
        int prot = PROT_READ | (c->writable ? PROT_WRITE : 0);
        /* no commit charge: the language has no overcommit accounting, a mapping costs the pages it touches */
        int flags = c->flags | MAP_NORESERVE | (c->addr ? MAP_FIXED_NOREPLACE : 0) | (c->file ? 0 : MAP_ANONYMOUS);
        void *p = mmap((void *) c->addr, (size_t) c->pages * MMS_PAGE, prot, flags, c->file ? fd : -1,
                       c->offset * MMS_PAGE);
        if (fd >= 0) {
            close(fd);
        }
        if (p == MAP_FAILED) {
            snprintf(out->outcome, sizeof out->outcome, "fail");
            break;
        }
        madvise(p, (size_t) c->pages * MMS_PAGE, MADV_NOHUGEPAGE); /* base pages, as language v1 */
        mms_regions = mms_grow(mms_regions, &mms_cap_regions, mms_nregions + 1, sizeof *mms_regions);
        struct mms_region *n = &mms_regions[mms_nregions++];
        snprintf(n->name, sizeof n->name, "%s", c->region);
        n->addr = (unsigned long) p;
        n->pages = c->pages;
        n->anon_private = !c->file && c->flags == MAP_PRIVATE;
        n->shmem = !c->file && c->flags == MAP_SHARED;
        break;
    }
    case OP_WRITE:
    case OP_READ:
        if (!at || mms_access(c->op == OP_WRITE, (volatile char *) at, c->value, out->outcome)) {
            snprintf(out->outcome, sizeof out->outcome, "segv");
        }
        break;
    case OP_MUNMAP:
        if (r && (c->index < 0 || at)) {
            munmap((void *) (c->index < 0 ? r->addr : at), (size_t) (c->index < 0 ? r->pages : 1) * MMS_PAGE);
        }
        break; /* unmapping what is not mapped is ok */
    case OP_MPROTECT:
        if (!r || mprotect((void *) r->addr, (size_t) r->pages * MMS_PAGE,
                           PROT_READ | (c->writable ? PROT_WRITE : 0))) {
            snprintf(out->outcome, sizeof out->outcome, "fail");
        }
        break;
    case OP_MADVISE:
        if (!r || madvise((void *) r->addr, (size_t) r->pages * MMS_PAGE, c->flags)) {
            snprintf(out->outcome, sizeof out->outcome, "fail");
        } else if (c->flags == MADV_PAGEOUT && (r->anon_private || r->shmem) && !c->writable) {
            /* the controller found no swap: the half of pageout that needs it cannot happen */
            snprintf(out->outcome, sizeof out->outcome, "unsupported");
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
            snprintf(out->outcome, sizeof out->outcome, "fail");
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
            snprintf(out->outcome, sizeof out->outcome, "fail");
            break;
        }
        if (vmsplice(p[1], &iov, 1, 0) != MMS_PAGE) {
            snprintf(out->outcome, sizeof out->outcome, "fail");
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
            if (ring >= 0) {
                close(ring);
            }
            snprintf(out->outcome, sizeof out->outcome, "fail");
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
            snprintf(out->outcome, sizeof out->outcome, "fail");
            if (g >= 0) {
                close(g);
            }
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

/*
 * mmap: file is NULL for anonymous memory, sharing "private" or "shared", prot "ro" or "rw".
 * Regions get fresh addresses, 2 MiB aligned and apart, never reused, while there is room for them.
 */
MMS_API const char *mms_mmap(const char *proc, const char *region, const char *file, const char *sharing,
                            const char *prot, long pages, long offset) {
    struct mms_cmd c;
    mms_cmd_init(&c, OP_MMAP, region, -1);
    c.flags = strcmp(sharing, "shared") ? MAP_PRIVATE : MAP_SHARED;
    c.writable = !strcmp(prot, "rw");
    c.pages = pages;
    c.offset = offset;
    struct mms_proc *p = mms_live(proc);
    struct mms_file *f = file ? mms_find_file(file) : NULL;
    struct mms_reply reply;
    if (!p || (file && !f)) {
        return mms_result("fail");
    }
    c.file = f != NULL;
    unsigned long size = (unsigned long) pages * MMS_PAGE;
    c.addr = size < (64UL << 40) ? mms_next_addr : 0;
    const char *o = mms_ask(p, &c, f ? f->fd : -1, &reply, NULL);
    if (o && !strcmp(o, "fail") && c.addr) {
        c.addr = 0; /* no room above the last region: wherever the kernel finds room, as a plain mmap() */
        o = mms_ask(p, &c, f ? f->fd : -1, &reply, NULL);
    } else if (o && !strcmp(o, "ok")) {
        mms_next_addr += (size + (4UL << 20)) & ~((2UL << 20) - 1);
    }
    return mms_result(o ? o : "error");
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

MMS_API const char *mms_munmap(const char *proc, const char *region, long index) {
    struct mms_cmd c;
    mms_cmd_init(&c, OP_MUNMAP, region, index);
    return mms_simple(proc, &c);
}

/* prot: "ro" or "rw". */
MMS_API const char *mms_mprotect(const char *proc, const char *region, const char *prot) {
    struct mms_cmd c;
    mms_cmd_init(&c, OP_MPROTECT, region, -1);
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
    int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
    if (p != MAP_FAILED) {
        (void) p[0];
        if (fd >= 0 && pread(fd, &entry, sizeof entry, (off_t) ((uintptr_t) p / MMS_PAGE * sizeof entry)) != sizeof entry) {
            entry = 0;
        }
        munmap((void *) p, MMS_PAGE);
    }
    if (fd >= 0) {
        close(fd);
    }
    return (entry >> 63 & 1) && !(entry >> 56 & 1);
}

/* advice: "dontneed", "pageout", "dontfork" or "dofork". */
MMS_API const char *mms_madvise(const char *proc, const char *region, const char *advice) {
    struct mms_cmd c;
    mms_cmd_init(&c, OP_MADVISE, region, -1);
    c.flags = !strcmp(advice, "dontneed") ? MADV_DONTNEED : !strcmp(advice, "pageout") ? MADV_PAGEOUT
            : !strcmp(advice, "dontfork") ? MADV_DONTFORK : MADV_DOFORK;
    c.writable = mms_swap_configured(); /* tells the process whether pageout can swap */
    return mms_simple(proc, &c);
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

/* The end of a scenario, as do_exit() orders it: every process exits, then every handle goes. */
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
}
