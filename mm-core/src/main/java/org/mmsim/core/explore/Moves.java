package org.mmsim.core.explore;

import java.util.ArrayList;
import java.util.List;
import org.mmsim.core.mm.Machine;
import org.mmsim.core.scenario.Sizes;

/**
 * The statements the explorer may take in a universe, packed into ints, and the static context
 * (which processes and handles exist, which regions are mapped) that decides which ones make sense
 * next. Every sequence it produces is a valid scenario: names are known, handle names are free.
 *
 * <p>Scenarios start from {@link #prelude()}: {@code spawn p0}, the anonymous region {@code buf}
 * and, per file, {@code file fK} mapped private as {@code mK} in p0.
 */
final class Moves {
    static final int WRITE = 0, READ = 1, FORK = 2, EXIT = 3, MUNMAP = 4, MPROTECT = 5, MADVISE = 6, PIN = 7,
            GET = 8, VMSPLICE = 9, IOURING = 10, PEEK = 11, POKE = 12, RELEASE = 13, FWRITE = 14, FOLIO = 15,
            SAME = 16;
    static final int WHOLE = 31;
    private static final String[] ADVICE = {"dontneed", "pageout", "dontfork", "dofork"};
    private static final String[] PIN_VARIANTS = {"ro", "ro longterm", "rw longterm"};

    /** The statement keyword of each kind of move, by kind. */
    private static final String[] STATEMENTS = {"write", "read", "fork", "exit", "munmap", "mprotect", "madvise",
        "pin", "get", "vmsplice", "iouring", "peek", "poke", "release", "fwrite", "folio", "same"};

    private final Universe u;
    /** A bit per kind of move the universe allows: asked for every frontier node, so not a set of strings. */
    private final int allowed;
    /** By page: the sleep-set bits of the reads and writes of every other page (see {@link #sleepBit}). */
    private final long[] otherPages;
    /** By sleep-set bit: the bit of the same move on the page at the other end (page n - 1 - i). */
    private final int[] reversedBit;

    Moves(Universe u) {
        this.u = u;
        int a = 0;
        for (int k = 0; k < STATEMENTS.length; k++) {
            a |= u.allows(STATEMENTS[k]) ? 1 << k : 0;
        }
        allowed = a;
        int bits = sleepSets() ? u.processes() * (1 + u.files()) * u.pages() * 2 : 0;
        otherPages = new long[u.pages()];
        reversedBit = new int[bits];
        for (int b = 0; b < bits; b++) {
            int page = (b >> 1) % u.pages();
            for (int i = 0; i < u.pages(); i++) {
                otherPages[i] |= i == page ? 0 : 1L << b;
            }
            reversedBit[b] = b + ((u.pages() - 1 - 2 * page) << 1);
        }
    }

    /**
     * Whether sleep sets apply: on base pages a read or write of page i touches only the frames of
     * index i (no move maps a frame at two indices), so it commutes with every read or write of
     * another page, whatever the processes; and the universe has at most 64 of them, one bit each.
     */
    boolean sleepSets() {
        return u.thpPages() == 0 && u.processes() * (1 + u.files()) * u.pages() * 2 <= 64;
    }

    /** A read's or write's bit in a sleep set, or -1: no other move ever sleeps. */
    int sleepBit(int mv) {
        int k = kind(mv);
        if (k != WRITE && k != READ) {
            return -1;
        }
        return ((proc(mv) * (1 + u.files()) + region(mv)) * u.pages() + page(mv)) * 2 + (k == READ ? 1 : 0);
    }

    /** The sleep-set bits of the moves that commute with move mv (a read or write). */
    long independentOf(int mv) {
        return otherPages[page(mv)];
    }

    /** A sleep set with every page index i read as n - 1 - i: the same set for the page-reversed state. */
    long reversed(long sleep) {
        long out = 0;
        for (long rest = sleep; rest != 0; rest &= rest - 1) {
            out |= 1L << reversedBit[Long.numberOfTrailingZeros(rest)];
        }
        return out;
    }

    /**
     * A sleep set with every process p named {@code name[p]}: the same set for the machine whose
     * processes bear those pids ({@code inverse}: named back, bit by bit the other way).
     */
    long renamed(long sleep, int[] name, boolean inverse) {
        int stride = (1 + u.files()) * u.pages() * 2; // the bits of one process (sleepBit)
        long out = 0;
        for (long rest = sleep; rest != 0; rest &= rest - 1) {
            int b = Long.numberOfTrailingZeros(rest);
            int p = b / stride;
            int q = inverse ? indexOf(name, p) : name[p];
            out |= 1L << (b + (q - p) * stride);
        }
        return out;
    }

    private static int indexOf(int[] a, int v) {
        int i = 0;
        while (a[i] != v) {
            i++;
        }
        return i;
    }

    static int encode(int kind, int proc, int region, int page, int arg, int handle) {
        return kind | proc << 5 | region << 9 | page << 12 | arg << 17 | handle << 21;
    }

    static int kind(int m) {
        return m & 31;
    }

    static int proc(int m) {
        return m >>> 5 & 15;
    }

    static int region(int m) {
        return m >>> 9 & 7;
    }

    static int page(int m) {
        return m >>> 12 & 31;
    }

    static int arg(int m) {
        return m >>> 17 & 15;
    }

    static int handle(int m) {
        return m >>> 21 & 15;
    }

    /** What the parser would know after the statements so far. */
    static final class Context {
        int created = 1;
        int alive = 1;
        int handlesLive;
        /** per process: bit r set when region r is mapped (statically: whole-region munmap clears it). */
        final int[] regions;
        /** per process: bit r set when region r was marked dontfork. */
        final int[] dontfork;

        Context(Universe u) {
            regions = new int[u.processes()];
            dontfork = new int[u.processes()];
            reset(u);
        }

        /** Back to the context right after the prelude. */
        Context reset(Universe u) {
            created = 1;
            alive = 1;
            handlesLive = 0;
            java.util.Arrays.fill(regions, 0);
            java.util.Arrays.fill(dontfork, 0);
            regions[0] = (1 << (1 + u.files())) - 1;
            return this;
        }
    }

    List<String> prelude() {
        List<String> lines = new ArrayList<>();
        for (int k = 0; k < u.files(); k++) {
            lines.add("file f" + k + " pages=" + u.pages());
        }
        if (u.thpPages() > 0) {
            lines.add("thp " + Sizes.name(u.thpPages()) + " always");
        }
        lines.add("spawn p0");
        lines.add("mmap p0 buf anon private pages=" + u.bufPages());
        for (int k = 0; k < u.files(); k++) {
            lines.add("mmap p0 m" + k + " file=f" + k + " private");
        }
        return lines;
    }

    /** A machine that has run the prelude. */
    void start(Machine m) {
        for (int k = 0; k < u.files(); k++) {
            m.file("f" + k, u.pages(), "0");
        }
        if (u.thpPages() > 0) {
            m.thp(u.thpPages(), "always");
        }
        m.spawn("p0");
        m.mmap("p0", "buf", null, false, true, u.bufPages(), 0);
        for (int k = 0; k < u.files(); k++) {
            m.mmap("p0", "m" + k, "f" + k, false, true, u.pages(), 0);
        }
    }

    private static final String[] PROCS = {"p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7"};
    private static final String[] VALUES = {"P0", "P1", "P2", "P3", "P4", "P5", "P6", "P7"};
    private static final String[] HANDLES = {"h0", "h1", "h2", "h3", "h4", "h5", "h6", "h7"};
    private static final String[] REGIONS = {"buf", "m0", "m1", "m2", "m3"};

    private static String regionName(int r) {
        return REGIONS[r];
    }

    /** What process proc stores: always its own value, which process symmetry relies on (a store is hashed by its writer). */
    private static String value(int proc) {
        return VALUES[proc];
    }

    /** The moves that make sense after path[0..len), into {@code out} (context is reused); returns how many. */
    int candidatesAfter(Context context, int[] path, int len, int[] out) {
        Context c = context.reset(u);
        for (int d = 0; d < len; d++) {
            advance(c, path[d]);
        }
        return candidates(c, out);
    }

    private boolean allows(int kind) {
        return (allowed >>> kind & 1) != 0;
    }

    /** Fills {@code out} with the moves that make sense in context c; returns how many. */
    int candidates(Context c, int[] out) {
        int n = 0;
        int freeHandle = Integer.numberOfTrailingZeros(~c.handlesLive);
        boolean handleFree = freeHandle < u.handles();
        for (int p = 0; p < u.processes(); p++) {
            if ((c.alive & 1 << p) == 0) {
                continue;
            }
            for (int r = 0; r <= u.files(); r++) {
                if ((c.regions[p] & 1 << r) == 0) {
                    continue;
                }
                for (int i = 0; i < u.pages(); i++) {
                    if (allows(WRITE)) out[n++] = encode(WRITE, p, r, i, 0, 0);
                    if (allows(READ)) out[n++] = encode(READ, p, r, i, 0, 0);
                    if (allows(FOLIO)) out[n++] = encode(FOLIO, p, r, i, 0, 0);
                    for (int q = p + 1; allows(SAME) && q < u.processes(); q++) {
                        if ((c.alive & 1 << q) != 0 && (c.regions[q] & 1 << r) != 0) {
                            out[n++] = encode(SAME, p, r, i, q, 0);
                        }
                    }
                    if (handleFree) {
                        if (allows(PIN)) {
                            for (int v = 0; v < PIN_VARIANTS.length; v++) {
                                out[n++] = encode(PIN, p, r, i, v, freeHandle);
                            }
                        }
                        if (allows(GET)) {
                            out[n++] = encode(GET, p, r, i, 0, freeHandle);
                            out[n++] = encode(GET, p, r, i, 1, freeHandle);
                        }
                        if (allows(VMSPLICE)) out[n++] = encode(VMSPLICE, p, r, i, 0, freeHandle);
                        if (allows(IOURING)) out[n++] = encode(IOURING, p, r, i, 0, freeHandle);
                    }
                    if (allows(MUNMAP) && u.pages() > 1) out[n++] = encode(MUNMAP, p, r, i, 0, 0);
                }
                if (allows(MUNMAP)) out[n++] = encode(MUNMAP, p, r, WHOLE, 0, 0);
                if (allows(MPROTECT)) {
                    out[n++] = encode(MPROTECT, p, r, 0, 0, 0);
                    out[n++] = encode(MPROTECT, p, r, 0, 1, 0);
                }
                if (allows(MADVISE)) {
                    for (int a = 0; a < ADVICE.length; a++) {
                        out[n++] = encode(MADVISE, p, r, 0, a, 0);
                    }
                }
            }
            int child = Integer.numberOfTrailingZeros(~c.created);
            if (allows(FORK) && child < u.processes()) out[n++] = encode(FORK, p, 0, 0, child, 0);
            if (allows(EXIT)) out[n++] = encode(EXIT, p, 0, 0, 0, 0);
        }
        for (int h = 0; h < u.handles(); h++) {
            if ((c.handlesLive & 1 << h) != 0) {
                if (allows(PEEK)) out[n++] = encode(PEEK, 0, 0, 0, 0, h);
                if (allows(POKE)) out[n++] = encode(POKE, 0, 0, 0, 0, h);
                if (allows(RELEASE)) out[n++] = encode(RELEASE, 0, 0, 0, 0, h);
            }
        }
        if (allows(FWRITE)) {
            for (int f = 0; f < u.files(); f++) {
                for (int i = 0; i < u.pages(); i++) {
                    out[n++] = encode(FWRITE, 0, f, i, 0, 0);
                }
            }
        }
        return n;
    }

    /** The most moves {@link #candidates} can return. */
    int maxCandidates() {
        return u.processes() * ((1 + u.files()) * (u.pages() * (13 + u.processes()) + 7) + 2) + u.handles() * 3
                + u.files() * u.pages() + 8;
    }

    /** Updates the static context for move mv (what the parser would track). */
    static void advance(Context c, int mv) {
        int p = proc(mv);
        switch (kind(mv)) {
            case FORK -> {
                int child = arg(mv);
                c.created |= 1 << child;
                c.alive |= 1 << child;
                c.regions[child] = c.regions[p] & ~c.dontfork[p];
                c.dontfork[child] = 0;
            }
            case EXIT -> c.alive &= ~(1 << p);
            case MUNMAP -> {
                if (page(mv) == WHOLE) {
                    c.regions[p] &= ~(1 << region(mv));
                }
            }
            case MADVISE -> {
                if (arg(mv) == 2) {
                    c.dontfork[p] |= 1 << region(mv);
                } else if (arg(mv) == 3) {
                    c.dontfork[p] &= ~(1 << region(mv));
                }
            }
            case PIN, GET, VMSPLICE, IOURING -> c.handlesLive |= 1 << handle(mv);
            case RELEASE -> c.handlesLive &= ~(1 << handle(mv));
            default -> { }
        }
    }

    /**
     * Whether move mv leaves machine m as it is, asked without running it: its successor is m's own
     * state, seen already, and nothing in it calls the policy, so it cannot find an error either.
     */
    static boolean changesNothing(Machine m, int mv) {
        return switch (kind(mv)) {
            case PEEK -> true;
            case POKE -> !m.pokeStores(HANDLES[handle(mv)]);
            case READ -> !m.readFaults(PROCS[proc(mv)], regionName(region(mv)), page(mv));
            case WRITE -> !m.writeStores(PROCS[proc(mv)], regionName(region(mv)), page(mv), value(proc(mv)));
            case MUNMAP -> page(mv) != WHOLE && !m.munmapChanges(PROCS[proc(mv)], regionName(region(mv)), page(mv));
            case MPROTECT -> !m.mprotectChanges(PROCS[proc(mv)], regionName(region(mv)), arg(mv) == 1);
            case MADVISE -> !m.madviseChanges(PROCS[proc(mv)], regionName(region(mv)), ADVICE[arg(mv)]);
            case PIN, GET, VMSPLICE, IOURING -> !m.gupChanges(PROCS[proc(mv)], regionName(region(mv)), page(mv),
                    gupWrites(mv), HANDLES[handle(mv)]);
            default -> false;
        };
    }

    /** Whether a GUP move asks for FOLL_WRITE (as {@link #run} calls it). */
    private static boolean gupWrites(int mv) {
        return switch (kind(mv)) {
            case PIN -> arg(mv) == 2;
            case GET -> arg(mv) == 1;
            case IOURING -> true;
            default -> false;
        };
    }

    /** Whether reversing page indices maps this universe onto itself: base pages (a THP's are aligned). */
    boolean pagesSymmetric() {
        return u.thpPages() == 0;
    }

    /** Runs move mv on machine m; returns the statement's outcome. */
    static String run(Machine m, int mv) {
        int p = proc(mv);
        String proc = PROCS[p];
        String region = regionName(region(mv));
        int i = page(mv);
        String handle = HANDLES[handle(mv)];
        return switch (kind(mv)) {
            case WRITE -> m.write(proc, region, i, value(p));
            case READ -> m.read(proc, region, i);
            case FORK -> m.fork(proc, PROCS[arg(mv)]);
            case EXIT -> m.exit(proc);
            case MUNMAP -> m.munmap(proc, region, i == WHOLE ? -1 : i);
            case MPROTECT -> m.mprotect(proc, region, arg(mv) == 1);
            case MADVISE -> m.madvise(proc, region, ADVICE[arg(mv)]);
            case PIN -> m.gup(proc, region, i, true, gupWrites(mv), arg(mv) >= 1, false, handle);
            case GET -> m.gup(proc, region, i, false, gupWrites(mv), false, false, handle);
            case VMSPLICE -> m.gup(proc, region, i, false, gupWrites(mv), false, false, handle);
            case IOURING -> m.gup(proc, region, i, true, gupWrites(mv), true, false, handle);
            case PEEK -> m.peek(handle);
            case POKE -> m.poke(handle, "DEV");
            case RELEASE -> m.release(handle);
            case FWRITE -> m.fwrite("f" + region(mv), i, "F");
            case FOLIO -> m.folio(proc, region, i);
            case SAME -> m.same(proc, region, i, PROCS[arg(mv)], region, i);
            default -> throw new IllegalArgumentException("bad move " + mv);
        };
    }

    /** The statement as a scenario line. */
    String text(int mv) {
        int p = proc(mv);
        String proc = "p" + p;
        String at = regionName(region(mv)) + "[" + page(mv) + "]";
        String handle = "h" + handle(mv);
        switch (kind(mv)) {
            case WRITE: return "write " + proc + " " + at + " " + value(p);
            case READ: return "read " + proc + " " + at;
            case FORK: return "fork " + proc + " p" + arg(mv);
            case EXIT: return "exit " + proc;
            case MUNMAP: return "munmap " + proc + " " + (page(mv) == WHOLE ? regionName(region(mv)) : at);
            case MPROTECT: return "mprotect " + proc + " " + regionName(region(mv)) + (arg(mv) == 1 ? " rw" : " ro");
            case MADVISE: return "madvise " + proc + " " + regionName(region(mv)) + " " + ADVICE[arg(mv)];
            case PIN: return "pin " + proc + " " + at + " " + PIN_VARIANTS[arg(mv)] + " as " + handle;
            case GET: return "get " + proc + " " + at + (arg(mv) == 1 ? " rw" : " ro") + " as " + handle;
            case VMSPLICE: return "vmsplice " + proc + " " + at + " as " + handle;
            case IOURING: return "iouring " + proc + " " + at + " as " + handle;
            case PEEK: return "peek " + handle;
            case POKE: return "poke " + handle + " DEV";
            case RELEASE: return "release " + handle;
            case FWRITE: return "fwrite f" + region(mv) + "[" + page(mv) + "] F";
            case FOLIO: return "folio " + proc + " " + at;
            case SAME: return "same " + proc + " " + at + " p" + arg(mv) + " " + at;
            default: throw new IllegalArgumentException("bad move " + mv);
        }
    }

}
