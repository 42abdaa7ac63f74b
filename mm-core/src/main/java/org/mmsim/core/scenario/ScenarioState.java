package org.mmsim.core.scenario;

import static org.mmsim.core.scenario.LineError.cut;
import static org.mmsim.core.scenario.LineError.plural;
import static org.mmsim.core.scenario.LineError.show;

import java.util.HashMap;
import java.util.Map;

/**
 * What the parser knows of the scenario so far, and every check that needs it: names are declared
 * before use and used as what they are (processes, files and handles share one namespace); page
 * indexes and ranges fit their region or file; a region is not mapped twice; a handle is released
 * before its name is used again. Each process's regions live in a {@link PersistentMap}, each
 * region's pages in a {@link RegionPages}, so that {@code fork} shares them in O(1) and later
 * changes on either side stay that side's own.
 */
final class ScenarioState {
    enum Kind {
        PROCESS("process"), FILE("file"), HANDLE("handle");

        final String word;

        Kind(String word) {
            this.word = word;
        }
    }

    /** A name in the scenario's one namespace of processes, files and handles. */
    static final class Symbol {
        final Kind kind;
        final String name;
        // processes
        private int procId;
        private PersistentMap<String, Region> regions = PersistentMap.empty();
        // files: -1 while unknown (the file statement had an error)
        private long filePages = -1;
        // handles
        private boolean live;

        private Symbol(Kind kind, String name) {
            this.kind = kind;
            this.name = name;
        }
    }

    /**
     * What the parser knows of one region of one process; immutable, shared between a parent's
     * and a child's tables after fork.
     *
     * @param pages its pages: which were unmapped, which are marked dontfork
     * @param owner the process that made this entry; another process that has it inherited it at
     *              fork, and sees it as {@link RegionPages#inherited()}
     */
    private record Region(RegionPages pages, int owner) {
    }

    private final Map<String, Symbol> symbols = new HashMap<>();
    private int nextProcId;

    // ---- names ------------------------------------------------------------------------------

    /** The symbol {@code name} (written at {@code at}) refers to, which must be a {@code kind}. */
    Symbol lookup(Token at, String name, Kind kind) {
        Symbol s = symbols.get(name);
        if (s == null) {
            throw new LineError(at.col(), "unknown name " + show(name));
        }
        if (s.kind != kind) {
            throw new LineError(at.col(), show(name) + " is a " + s.kind.word + ", not a " + kind.word);
        }
        return s;
    }

    /** Declares the name written at {@code at}, which must not be in use yet. */
    Symbol declare(Token at, Kind kind) {
        if (symbols.containsKey(at.raw())) {
            throw new LineError(at.col(), show(at.raw()) + " is already defined");
        }
        return define(at.raw(), kind);
    }

    private Symbol define(String name, Kind kind) {
        Symbol s = new Symbol(kind, name);
        if (kind == Kind.PROCESS) {
            s.procId = nextProcId++;
        }
        symbols.put(name, s);
        return s;
    }

    /**
     * After an error on a statement that meant to introduce the name written at {@code at}: defines
     * it (when it is a valid name not yet in use), so that later lines do not report it as unknown.
     */
    void recover(Token at, Kind kind) {
        String name = at.raw();
        if (Lexer.isName(name) && !symbols.containsKey(name)) {
            define(name, kind).live = true;
        }
    }

    // ---- processes and their regions --------------------------------------------------------

    void fork(Symbol parent, Symbol child) {
        child.regions = parent.regions; // persistent: parent's later changes stay its own
    }

    /** The region as process p sees it, or null when p never mapped it (or did not inherit it). */
    private static RegionPages region(Symbol p, String name) {
        Region r = p.regions.get(name);
        if (r == null || r.owner() == p.procId) {
            return r == null ? null : r.pages();
        }
        // a region marked dontfork all over is not in the child at all, not even as a name
        return r.pages().allDontfork() ? null : r.pages().inherited();
    }

    private static void put(Symbol p, String name, RegionPages pages) {
        p.regions = p.regions.put(name, new Region(pages, p.procId));
    }

    /** The page or pages must lie inside their region of p, where the region is known. */
    void checkIndex(Symbol p, PageRef ref) {
        RegionPages r = region(p, ref.name());
        if (r != null) {
            checkIndex(ref, r.size(), "region");
        }
    }

    /** {@code mmap P R} or {@code mremap ... as R}: R must be new to p, or wholly unmapped. */
    void checkNotMapped(Symbol p, Token region) {
        RegionPages old = region(p, region.raw());
        if (old != null && !old.allUnmapped()) {
            throw new LineError(region.col(), "region " + cut(region.raw()) + " is already mapped in " + cut(p.name));
        }
    }

    void map(Symbol p, String region, long pages) {
        put(p, region, RegionPages.mapped(pages));
    }

    /** {@code munmap P R[..]}. */
    void unmap(Symbol p, PageRef ref) {
        RegionPages old = region(p, ref.name());
        if (old != null) {
            put(p, ref.name(), old.unmap(ref.range()));
        }
    }

    /** {@code madvise}: only dontfork and dofork change what the parser knows (what fork passes on). */
    void advise(Symbol p, PageRef ref, Op.Advice advice) {
        RegionPages old = region(p, ref.name());
        if (old != null && (advice == Op.Advice.DONTFORK || advice == Op.Advice.DOFORK)) {
            put(p, ref.name(), old.dontfork(ref.range(), advice == Op.Advice.DONTFORK));
        }
    }

    /**
     * {@code mremap P R[..] as target}: the pages leave a hole in R and make the new region, which
     * {@link #checkNotMapped} allowed. From a region p does not have, nothing moves (a run-time
     * {@code fail}), so the target stays unknown.
     */
    void mremap(Symbol p, PageRef from, String target) {
        RegionPages old = region(p, from.name());
        if (old != null) {
            put(p, from.name(), old.unmap(from.range()));
            put(p, target, old.moved(from.range()));
        }
    }

    // ---- files --------------------------------------------------------------------------------

    void setSize(Symbol file, long pages) {
        file.filePages = pages;
    }

    /** The page must lie inside the file, where the file's size is known. */
    void checkFileIndex(Symbol file, PageRef ref) {
        if (file.filePages >= 0) {
            checkIndex(ref, file.filePages, "file");
        }
    }

    /**
     * How many pages a mapping of {@code file} from {@code offset} covers: {@code pages}, or the
     * rest of the file when {@code pagesAt} is null; it must not run past the end of the file.
     */
    long fileMapping(Symbol file, long offset, Token offsetAt, long pages, Token pagesAt) {
        long size = file.filePages;
        if (size < 0) {
            return pages;
        }
        if (offset >= size) {
            throw new LineError(offsetAt.col(), "offset " + offset + " is past the end of file " + cut(file.name)
                    + " (" + plural(size, "page") + ")");
        }
        if (pagesAt == null) {
            return size - offset;
        }
        if (offset + pages > size) {
            throw new LineError(pagesAt.col(), "mapping runs past the end of file " + cut(file.name) + " ("
                    + plural(size, "page") + ")");
        }
        return pages;
    }

    /** {@code R[i]} or {@code R[i..j]} must lie inside the region or file's {@code pages}. */
    private static void checkIndex(PageRef ref, long pages, String what) {
        Op.Range r = ref.range();
        if (r != null && r.to() >= pages) {
            throw new LineError(ref.tok().col(), (r.pages() == 1 ? "page index " + r.from() : "page range " + r.from()
                    + ".." + r.to()) + " out of range for " + what + " " + cut(ref.name()) + " ("
                    + plural(pages, "page") + ")");
        }
    }

    // ---- handles ------------------------------------------------------------------------------

    /** {@code as H}: H becomes a live handle; a released handle's name may be used again. */
    void takeHandle(Token handle) {
        Symbol s = symbols.get(handle.raw());
        if (s != null && s.kind != Kind.HANDLE) {
            throw new LineError(handle.col(), show(handle.raw()) + " is already defined");
        }
        if (s != null && s.live) {
            throw new LineError(handle.col(), "handle " + cut(handle.raw()) + " is still live; release it first");
        }
        if (s == null) {
            s = define(handle.raw(), Kind.HANDLE);
        }
        s.live = true;
    }

    void release(Symbol handle) {
        handle.live = false;
    }
}
