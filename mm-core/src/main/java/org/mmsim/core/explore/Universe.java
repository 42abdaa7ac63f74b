package org.mmsim.core.explore;

import java.util.Set;

/**
 * The small world the explorer searches: how many processes may exist, the pages of the anonymous
 * region every scenario starts with, how many files (each mapped private), how many handle names,
 * which statements may appear, how deep to go, and the THP size that backs the anonymous region
 * ({@code thpPages} 4 to 512; 0 for base pages).
 */
public record Universe(int processes, int pages, int files, int handles, int depth, Set<String> statements,
                       int thpPages) implements java.io.Serializable {
    /** A universe of base pages. */
    public Universe(int processes, int pages, int files, int handles, int depth, Set<String> statements) {
        this(processes, pages, files, handles, depth, statements, 0);
    }

    /** Statement keywords the explorer knows, in the order it tries them. */
    public static final Set<String> ALL = Set.of("write", "read", "fork", "exit", "munmap", "mprotect", "madvise",
            "pin", "get", "vmsplice", "iouring", "peek", "poke", "release", "fwrite", "folio", "same");
    /** The default set: {@code get ro} is {@code vmsplice} and {@code pin rw longterm} is {@code iouring}. */
    public static final Set<String> DEFAULT = Set.of("write", "read", "fork", "exit", "munmap", "mprotect", "madvise",
            "pin", "vmsplice", "peek", "poke", "release", "fwrite");

    public Universe {
        if (processes < 1 || processes > 8) {
            throw new IllegalArgumentException("--processes must be 1 to 8");
        }
        if (pages < 1 || pages > 8) {
            throw new IllegalArgumentException("--pages must be 1 to 8");
        }
        if (files < 0 || files > 4) {
            throw new IllegalArgumentException("--files must be 0 to 4");
        }
        if (handles < 0 || handles > 8) {
            throw new IllegalArgumentException("handles must be 0 to 8");
        }
        if (depth < 0 || depth > 32) {
            throw new IllegalArgumentException("--depth must be 0 to 32");
        }
        for (String s : statements) {
            if (!ALL.contains(s)) {
                throw new IllegalArgumentException("unknown statement '" + s + "' (known: " + String.join(",",
                        new java.util.TreeSet<>(ALL)) + ")");
            }
        }
        if (thpPages != 0 && (thpPages < 4 || thpPages > 512 || Integer.bitCount(thpPages) != 1)) {
            throw new IllegalArgumentException("--thp must be a THP size from 16K to 2M");
        }
        statements = Set.copyOf(statements);
    }

    /**
     * The anonymous region's size: its explored pages, or a whole THP when larger, so that a write
     * fault can allocate one (its other pages are never named by a move).
     */
    public int bufPages() {
        return Math.max(pages, thpPages);
    }

    /** The default set of a THP universe: the default, and {@code folio} and {@code same}, which see reuse and copies. */
    public static final Set<String> THP_DEFAULT = union(DEFAULT, Set.of("folio", "same"));

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return Set.copyOf(u);
    }

    public static Universe defaults() {
        return new Universe(2, 2, 0, 2, 6, DEFAULT);
    }

    boolean allows(String statement) {
        return statements.contains(statement);
    }
}
