/*
 * mmsim-host: the host column's helper. Reads one scenario's statements from standard input, one a
 * line, runs each on the live kernel with mms_runtime.c, and prints each step's outcome as the JSON
 * step of `mmsim run --format json` on standard output. The statements come in a plain form that
 * mmsim writes (never a user): the line number, then tab-separated fields, values hex-encoded.
 *
 *   LINE<TAB>TEXT<TAB>OP<TAB>ARG...      OP: spawn file mmap mmap_hugetlb write read fwrite fork exit
 *                                        munmap mprotect madvise mremap folio same thp hugetlb gup peek
 *                                        poke release
 *
 * Options --max-processes N, --max-handles N, --max-file-pages N and --max-hugetlb-pages N bound the
 * run: the statement that would pass one ends it, with "line L: process limit reached (N)" (or handle,
 * file page, hugetlb page) on stderr. --deadline-ms N ends the run after N ms; so do SIGTERM, SIGINT,
 * SIGHUP and the death of mmsim, always with every scenario process killed and reaped.
 * --large-folios: the scenario uses language 1.1's settings (THP sizes, hugetlb pools): the run owns
 * them, starts from the language's values and puts them back at its end, however it ends but SIGKILL.
 *
 * Exit status 0 when every statement ran (whatever its outcome), 2 on malformed input, 3 at a limit,
 * 4 at the deadline, 128+N after signal N.
 * With --facts it prints what it found of this kernel instead: "zeropage=yes|no swap=yes|no
 * gup_test=yes|no settings=yes|no pfn=yes|no pagemap_scan=yes|no thp=16K,...,2M hugetlb=2M,1G"
 * (sizes, or none). With --restore it puts back what a run killed by SIGKILL left changed, and exits.
 */
#include "mms_runtime.c"
#include <sys/time.h>

/* Decodes a hex-encoded value in place. */
static char *mms_unhex(char *s) {
    size_t n = strlen(s) / 2;
    for (size_t k = 0; k < n; k++) {
        unsigned v;
        sscanf(s + 2 * k, "%2x", &v);
        s[k] = (char) v;
    }
    s[n] = 0;
    return s;
}

/* One statement: "spawn p" and so on, fields split on tabs. */
static const char *mms_run(char **f, int n) {
    const char *op = f[0];
#define ARGS(k) if (n != (k) + 1) return NULL
    if (!strcmp(op, "spawn")) { ARGS(1); return mms_spawn(f[1]); }
    if (!strcmp(op, "file")) { ARGS(3); return mms_file(f[1], atol(f[2]), mms_unhex(f[3])); }
    if (!strcmp(op, "mmap")) {
        ARGS(7);
        return mms_mmap(f[1], f[2], strcmp(f[3], "-") ? f[3] : NULL, f[4], f[5], atol(f[6]), atol(f[7]));
    }
    if (!strcmp(op, "write")) { ARGS(4); return mms_write(f[1], f[2], atol(f[3]), mms_unhex(f[4])); }
    if (!strcmp(op, "read")) { ARGS(3); return mms_read(f[1], f[2], atol(f[3])); }
    if (!strcmp(op, "fwrite")) { ARGS(3); return mms_fwrite(f[1], atol(f[2]), mms_unhex(f[3])); }
    if (!strcmp(op, "fork")) { ARGS(2); return mms_fork(f[1], f[2]); }
    if (!strcmp(op, "exit")) { ARGS(1); return mms_exit(f[1]); }
    if (!strcmp(op, "mmap_hugetlb")) {
        ARGS(6);
        return mms_mmap_hugetlb(f[1], f[2], f[3], f[4], atol(f[5]), atol(f[6]));
    }
    if (!strcmp(op, "munmap")) { ARGS(4); return mms_munmap(f[1], f[2], atol(f[3]), atol(f[4])); }
    if (!strcmp(op, "mprotect")) { ARGS(5); return mms_mprotect(f[1], f[2], atol(f[3]), atol(f[4]), f[5]); }
    if (!strcmp(op, "madvise")) { ARGS(5); return mms_madvise(f[1], f[2], atol(f[3]), atol(f[4]), f[5]); }
    if (!strcmp(op, "mremap")) { ARGS(5); return mms_mremap(f[1], f[2], atol(f[3]), atol(f[4]), f[5]); }
    if (!strcmp(op, "folio")) { ARGS(3); return mms_folio(f[1], f[2], atol(f[3])); }
    if (!strcmp(op, "same")) { ARGS(6); return mms_same(f[1], f[2], atol(f[3]), f[4], f[5], atol(f[6])); }
    if (!strcmp(op, "thp")) { ARGS(2); return mms_thp(atol(f[1]), f[2]); }
    if (!strcmp(op, "hugetlb")) { ARGS(2); return mms_hugetlb(atol(f[1]), atol(f[2])); }
    if (!strcmp(op, "gup")) { ARGS(5); return mms_gup(f[1], f[2], atol(f[3]), f[4], f[5]); }
    if (!strcmp(op, "peek")) { ARGS(1); return mms_peek(f[1]); }
    if (!strcmp(op, "poke")) { ARGS(2); return mms_poke(f[1], mms_unhex(f[2])); }
    if (!strcmp(op, "release")) { ARGS(1); return mms_release(f[1]); }
#undef ARGS
    return NULL;
}

/*
 * The end of a run cut short (the deadline, or mmsim going away): every scenario process dies and is
 * reaped here, the subreaper of them all, so that none is left behind, not even as a zombie.
 */
static void mms_host_abort(int sig) {
    signal(SIGTERM, SIG_IGN);
    kill(0, SIGTERM); /* the helper leads its own process group; its scenario processes are in it */
    kill(0, SIGCONT);
    while (waitpid(-1, NULL, 0) > 0 || errno == EINTR) {
    }
    mms_settings_restore();
    _exit(sig == SIGALRM ? 4 : 128 + sig);
}

/* --facts: what the host column's summary says of this kernel. */
static void mms_facts(void) {
    static char page[MMS_PAGE] __attribute__((aligned(MMS_PAGE))); /* a page of ours, to look at */
    char thp[256], hugetlb[64];
    page[0] = 1;
    mms_sizes(MMS_THP_DIR, "enabled", thp, sizeof thp);
    mms_sizes(MMS_HUGETLB_DIR, "nr_hugepages", hugetlb, sizeof hugetlb);
    printf("zeropage=%s swap=%s gup_test=%s settings=%s pfn=%s pagemap_scan=%s thp=%s hugetlb=%s\n",
           mms_shared_zeropage() ? "yes" : "no", mms_swap_configured() ? "yes" : "no",
           access(MMS_GUP_TEST, R_OK | W_OK) ? "no" : "yes",
           geteuid() == 0 && !access(MMS_THP_DIR "/use_zero_page", W_OK) ? "yes" : "no",
           mms_pfn((unsigned long) page) >= 0 ? "yes" : "no",
           mms_page_categories((unsigned long) page) >= 0 ? "yes" : "no", thp, hugetlb);
}

int main(int argc, char **argv) {
    static char line[3 * MMS_VALUE + 1024];
    if (argc == 2 && !strcmp(argv[1], "--facts")) {
        mms_facts();
        return 0;
    }
    if (argc == 2 && !strcmp(argv[1], "--restore")) {
        return mms_settings_recover() ? 1 : 0;
    }
    long deadline_ms = 0;
    int large_folios = 0;
    for (int k = 1; k < argc; k += 2) { /* mmsim's bounds on one run */
        if (!strcmp(argv[k], "--large-folios")) {
            large_folios = 1;
            k--;
            continue;
        }
        long *bound = !strcmp(argv[k], "--deadline-ms") ? &deadline_ms
                      : !strcmp(argv[k], "--max-processes") ? &mms_max_procs
                      : !strcmp(argv[k], "--max-handles") ? &mms_max_handles
                      : !strcmp(argv[k], "--max-file-pages") ? &mms_max_file_pages
                      : !strcmp(argv[k], "--max-hugetlb-pages") ? &mms_max_hugetlb_pages : NULL;
        if (!bound || k + 1 == argc) {
            fprintf(stderr, "mmsim-host: unknown option %s\n", argv[k]);
            return 2;
        }
        *bound = atol(argv[k + 1]);
    }
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGTERM); /* mmsim killed or interrupted: clean up all the same */
    int stops[] = { SIGALRM, SIGTERM, SIGINT, SIGHUP };
    for (unsigned k = 0; k < sizeof stops / sizeof *stops; k++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = mms_host_abort;
        sigfillset(&sa.sa_mask);
        sigaction(stops[k], &sa, NULL);
    }
    if (deadline_ms > 0) {
        struct itimerval t = { { 0, 0 }, { deadline_ms / 1000, deadline_ms % 1000 * 1000 } };
        setitimer(ITIMER_REAL, &t, NULL);
    }
    if (large_folios) {
        mms_begin_large_folios();
    } else {
        mms_begin();
    }
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = 0;
        char *f[16];
        int n = 0;
        for (char *tok = strtok(line, "\t"); tok && n < 16; tok = strtok(NULL, "\t")) {
            f[n++] = tok;
        }
        if (n < 3) {
            fprintf(stderr, "mmsim-host: malformed statement\n");
            mms_end();
            return 2;
        }
        const char *outcome = mms_run(f + 2, n - 2);
        if (!outcome) {
            fprintf(stderr, "mmsim-host: malformed statement: %s\n", f[2]);
            mms_end();
            return 2;
        }
        mms_print_step(atoi(f[0]), mms_unhex(f[1]), outcome);
        if (mms_limit[0]) {
            fprintf(stderr, "line %d: %s\n", atoi(f[0]), mms_limit);
            mms_end();
            return 3;
        }
    }
    mms_end();
    return 0;
}
