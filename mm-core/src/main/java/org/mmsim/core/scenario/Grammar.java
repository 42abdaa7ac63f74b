package org.mmsim.core.scenario;

import static org.mmsim.core.scenario.LineError.show;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mmsim.core.scenario.Options.Option;
import org.mmsim.core.scenario.ScenarioState.Kind;
import org.mmsim.core.scenario.ScenarioState.Symbol;

/**
 * The statements of the language (scenario-language.md, "Statements", and large-folios.md for
 * v1.1), one constant each: its keyword, the outcomes it can have, the name it introduces (for
 * recovery after an error), and how it reads its operands.
 *
 * <p>To add a statement, add a constant: read the operands in order with {@link Operands}, record
 * what the statement changes in {@link ScenarioState}, return its {@link Op}. (Constants rather
 * than a table of method references: their classes are compiled, not spun at run time, which makes
 * the first parse in a fresh JVM cheaper.)
 */
enum Grammar {
    SPAWN("spawn") {
        @Override
        Op read(Operands in, ScenarioState state) {
            Symbol p = in.declare(Kind.PROCESS);
            in.end();
            return new Op.Spawn(p.name);
        }
    },
    FILE("file") {
        @Override
        Op read(Operands in, ScenarioState state) {
            Symbol f = in.declare(Kind.FILE); // its size stays unknown if the rest of the line is wrong
            Options o = in.options(null, FILE_PAGES, FILL);
            long pages = o.required(FILE_PAGES, "pages=N", in.endCol());
            state.setSize(f, pages);
            return new Op.FileDecl(f.name, pages, o.get(FILL, "0"));
        }
    },
    MMAP("mmap") {
        @Override
        Op read(Operands in, ScenarioState state) {
            Symbol p = in.declared(Kind.PROCESS);
            Token region = in.name("region name");
            state.checkNotMapped(p, region);
            Token src = in.next("'anon', 'file=F' or 'hugetlb'");
            boolean hugetlb = src.raw().equals("hugetlb");
            Symbol file = hugetlb ? null : source(src, state);
            boolean shared = in.word("'private' or 'shared'", "private", "shared").equals("shared");
            Options o = in.options(null, PROTECTION, MAPPING_PAGES, file == null ? ANON_OFFSET : OFFSET,
                    hugetlb ? HUGE_SIZE : NOT_HUGE_SIZE);
            long pages = o.get(MAPPING_PAGES, 1L);
            long offset = 0;
            long hugePages = 0;
            if (file != null) {
                offset = o.get(OFFSET, 0L);
                pages = state.fileMapping(file, offset, o.token(OFFSET), pages, o.token(MAPPING_PAGES));
            } else if (hugetlb) {
                hugePages = o.get(HUGE_SIZE, Sizes.PMD_PAGES);
                pages = hugetlbPages(o.required(MAPPING_PAGES, "pages=N", in.endCol()), o.token(MAPPING_PAGES),
                        hugePages);
            }
            state.map(p, region.raw(), pages);
            return new Op.Mmap(p.name, region.raw(), file == null ? null : file.name, shared,
                    o.get(PROTECTION, "rw").equals("rw"), pages, offset, hugePages);
        }
    },
    WRITE("write", Outcomes.OK_SEGV_SIGBUS_OR_FAIL) {
        @Override
        Op read(Operands in, ScenarioState state) {
            Symbol p = in.declared(Kind.PROCESS);
            PageRef page = in.page(p);
            String value = in.value();
            in.end();
            return new Op.Write(p.name, page.name(), page.index(), value);
        }
    },
    READ("read", Outcomes.VALUE) {
        @Override
        Op read(Operands in, ScenarioState state) {
            Symbol p = in.declared(Kind.PROCESS);
            PageRef page = in.page(p);
            in.end();
            return new Op.Read(p.name, page.name(), page.index());
        }
    },
    FWRITE("fwrite") {
        @Override
        Op read(Operands in, ScenarioState state) {
            PageRef page = in.filePage();
            String value = in.value();
            in.end();
            return new Op.Fwrite(page.name(), page.index(), value);
        }
    },
    FORK("fork", Kind.PROCESS, 2) {
        @Override
        Op read(Operands in, ScenarioState state) {
            Symbol parent = in.declared(Kind.PROCESS);
            Symbol child = in.declare(Kind.PROCESS);
            state.fork(parent, child);
            in.end();
            return new Op.Fork(parent.name, child.name);
        }
    },
    EXIT("exit") {
        @Override
        Op read(Operands in, ScenarioState state) {
            Symbol p = in.declared(Kind.PROCESS);
            in.end();
            return new Op.Exit(p.name);
        }
    },
    MUNMAP("munmap") {
        @Override
        Op read(Operands in, ScenarioState state) {
            Symbol p = in.declared(Kind.PROCESS);
            PageRef pages = in.pages(p);
            in.end();
            state.unmap(p, pages);
            return new Op.Munmap(p.name, pages.name(), pages.range());
        }
    },
    MPROTECT("mprotect") {
        @Override
        Op read(Operands in, ScenarioState state) {
            Symbol p = in.declared(Kind.PROCESS);
            PageRef pages = in.pages(p);
            boolean writable = writable(in);
            in.end();
            return new Op.Mprotect(p.name, pages.name(), pages.range(), writable);
        }
    },
    MADVISE("madvise") {
        @Override
        Op read(Operands in, ScenarioState state) {
            Symbol p = in.declared(Kind.PROCESS);
            PageRef pages = in.pages(p);
            Op.Advice advice = in.word("advice", Op.Advice.class);
            in.end();
            state.advise(p, pages, advice);
            return new Op.Madvise(p.name, pages.name(), pages.range(), advice);
        }
    },
    /** {@code mremap P R[..] as R2}: R2 is a new region of p. */
    MREMAP("mremap") {
        @Override
        Op read(Operands in, ScenarioState state) {
            Symbol p = in.declared(Kind.PROCESS);
            PageRef pages = in.pages(p);
            in.word("'as REGION'", "as");
            Token target = in.name("region name");
            state.checkNotMapped(p, target);
            in.end();
            state.mremap(p, pages, target.raw());
            return new Op.Mremap(p.name, pages.name(), pages.range(), target.raw());
        }
    },
    THP("thp") {
        @Override
        Op read(Operands in, ScenarioState state) {
            long pages = Sizes.pages(in.word("THP size", Sizes.THP.toArray(String[]::new)));
            Op.ThpMode mode = in.word("'always', 'madvise' or 'never'", Op.ThpMode.class);
            in.end();
            return new Op.Thp(pages, mode);
        }
    },
    /** {@code hugetlb SIZE pages=N}: the pool; N may be 0 (and shrinks it), as nr_hugepages may. */
    HUGETLB("hugetlb") {
        @Override
        Op read(Operands in, ScenarioState state) {
            long hugePages = Sizes.pages(in.word("huge page size", Sizes.HUGETLB.toArray(String[]::new)));
            Options o = in.options(null, POOL_PAGES);
            return new Op.HugetlbPool(hugePages, o.required(POOL_PAGES, "pages=N", in.endCol()));
        }
    },
    FOLIO("folio", Outcomes.FOLIO) {
        @Override
        Op read(Operands in, ScenarioState state) {
            Symbol p = in.declared(Kind.PROCESS);
            PageRef page = in.page(p);
            in.end();
            return new Op.Folio(p.name, page.name(), page.index());
        }
    },
    SAME("same", Outcomes.YES_NO_OR_FAIL) {
        @Override
        Op read(Operands in, ScenarioState state) {
            Symbol p = in.declared(Kind.PROCESS);
            PageRef page = in.page(p);
            Symbol q = in.declared(Kind.PROCESS);
            PageRef other = in.page(q);
            in.end();
            return new Op.Same(p.name, page.name(), page.index(), q.name, other.name(), other.index());
        }
    },
    PIN("pin", Outcomes.OK_SIGBUS_OR_FAIL, Kind.HANDLE, Grammar.AFTER_AS) {
        @Override
        Op read(Operands in, ScenarioState state) {
            Symbol p = in.declared(Kind.PROCESS);
            PageRef page = in.page(p);
            Options o = in.options("as", PROTECTION, LONGTERM, FAST);
            boolean write = o.required(PROTECTION, "'ro' or 'rw'", in.peek("'as HANDLE'").col()).equals("rw");
            return gup(in, p, page, true, write, o.token(LONGTERM) != null, o.token(FAST) != null);
        }
    },
    GET("get", Outcomes.OK_SIGBUS_OR_FAIL, Kind.HANDLE, Grammar.AFTER_AS) {
        @Override
        Op read(Operands in, ScenarioState state) {
            Symbol p = in.declared(Kind.PROCESS);
            PageRef page = in.page(p);
            return gup(in, p, page, false, writable(in), false, false);
        }
    },
    /** The same as {@code get P R[i] ro as H}. */
    VMSPLICE("vmsplice", Outcomes.OK_SIGBUS_OR_FAIL, Kind.HANDLE, Grammar.AFTER_AS) {
        @Override
        Op read(Operands in, ScenarioState state) {
            Symbol p = in.declared(Kind.PROCESS);
            return gup(in, p, in.page(p), false, false, false, false);
        }
    },
    /** The same as {@code pin P R[i] rw longterm as H}. */
    IOURING("iouring", Outcomes.OK_SIGBUS_OR_FAIL, Kind.HANDLE, Grammar.AFTER_AS) {
        @Override
        Op read(Operands in, ScenarioState state) {
            Symbol p = in.declared(Kind.PROCESS);
            return gup(in, p, in.page(p), true, true, true, false);
        }
    },
    PEEK("peek", Outcomes.VALUE) {
        @Override
        Op read(Operands in, ScenarioState state) {
            Symbol h = in.declared(Kind.HANDLE);
            in.end();
            return new Op.Peek(h.name);
        }
    },
    POKE("poke") {
        @Override
        Op read(Operands in, ScenarioState state) {
            Symbol h = in.declared(Kind.HANDLE);
            String value = in.value();
            in.end();
            return new Op.Poke(h.name, value);
        }
    },
    RELEASE("release") {
        @Override
        Op read(Operands in, ScenarioState state) {
            Symbol h = in.declared(Kind.HANDLE);
            in.end();
            state.release(h);
            return new Op.Release(h.name);
        }
    };

    /** {@link #nameAt} of a statement whose new name follows a final {@code as}. */
    private static final int AFTER_AS = -1;

    private static final Map<String, Grammar> BY_KEYWORD = new HashMap<>();

    static {
        for (Grammar g : values()) {
            BY_KEYWORD.put(g.keyword, g);
        }
    }

    private static final Option<String> PROTECTION = Option.word("ro", "rw");
    private static final Option<String> LONGTERM = Option.word("longterm");
    private static final Option<String> FAST = Option.word("fast");
    private static final Option<Long> FILE_PAGES = pages(ScenarioParser.MAX_FILE_PAGES, "file too large");
    private static final Option<String> FILL = Option.keyed("fill=",
            t -> Lexer.value(t.raw().substring(5), t.col() + 5, "value"));
    private static final Option<Long> MAPPING_PAGES = pages(ScenarioParser.MAX_MAPPING_PAGES, "mapping too large");
    private static final Option<Long> OFFSET = Option.keyed("offset=", t -> Operands.number(t, 7));
    /** offset= of an anonymous mapping: named as such rather than an unknown option. */
    private static final Option<Long> ANON_OFFSET = onlyFor("offset=", "file mappings");
    /** size= of a hugetlb mapping: its huge page size, in base pages. */
    private static final Option<Long> HUGE_SIZE = Option.keyed("size=", t -> {
        String size = t.raw().substring(5);
        if (!Sizes.HUGETLB.contains(size)) {
            throw new LineError(t.col(), "expected size=2M or size=1G, got " + show(t.raw()));
        }
        return Sizes.pages(size);
    });
    private static final Option<Long> NOT_HUGE_SIZE = onlyFor("size=", "hugetlb mappings");
    /** pages= of a hugetlb pool: any count of huge pages, 0 included. */
    private static final Option<Long> POOL_PAGES = Option.keyed("pages=", t -> Operands.number(t, 6));

    final String keyword;
    /** What {@code expect} may name. */
    final Outcomes outcomes;
    /**
     * The kind of name the statement introduces when an operand after it can be wrong (spawn and
     * file read their name first and declare it at once), or null; {@link #nameAt} is where the
     * name stands: its operand index, or {@link #AFTER_AS}.
     */
    private final Kind introduces;
    private final int nameAt;

    Grammar(String keyword) {
        this(keyword, Outcomes.OK_OR_FAIL, null, 0);
    }

    Grammar(String keyword, Outcomes outcomes) {
        this(keyword, outcomes, null, 0);
    }

    Grammar(String keyword, Kind introduces, int nameAt) {
        this(keyword, Outcomes.OK_OR_FAIL, introduces, nameAt);
    }

    Grammar(String keyword, Outcomes outcomes, Kind introduces, int nameAt) {
        this.keyword = keyword;
        this.outcomes = outcomes;
        this.introduces = introduces;
        this.nameAt = nameAt;
    }

    /** Reads the statement's operands (after its keyword) and records its effect on the state. */
    abstract Op read(Operands in, ScenarioState state);

    /** The statement a line's first token names. */
    static Grammar of(Token keyword) {
        Grammar g = BY_KEYWORD.get(keyword.raw());
        if (g == null) {
            throw new LineError(keyword.col(), "unknown statement " + show(keyword.raw()));
        }
        return g;
    }

    /** After an error: declares the name the statement meant to introduce, so later lines know it. */
    void recover(List<Token> t, ScenarioState state) {
        if (introduces == null) {
            return;
        }
        int i = nameAt != AFTER_AS ? nameAt
                : t.size() >= 2 && t.get(t.size() - 2).raw().equals("as") ? t.size() - 1 : -1;
        if (i >= 1 && i < t.size()) {
            state.recover(t.get(i), introduces);
        }
    }

    // ---- operands some statements share ---------------------------------------------------------

    /** {@code pages=N}: at least 1, at most {@code limit}. */
    private static Option<Long> pages(long limit, String tooLarge) {
        return Option.keyed("pages=", t -> {
            long pages = Operands.number(t, 6);
            if (pages < 1) {
                throw new LineError(t.col(), "pages= must be at least 1");
            }
            if (pages > limit) {
                throw new LineError(t.col(), tooLarge + " (" + pages + " pages, limit " + limit + ")");
            }
            return pages;
        });
    }

    /** An option that statement does not take, named as such rather than an unknown option. */
    private static Option<Long> onlyFor(String key, String what) {
        return Option.keyed(key, t -> {
            throw new LineError(t.col(), key + " is only for " + what);
        });
    }

    /** pages= of a hugetlb mapping, written at {@code at}: whole huge pages of {@code hugePages} each. */
    private static long hugetlbPages(long pages, Token at, long hugePages) {
        if (pages % hugePages != 0) {
            throw new LineError(at.col(), "pages= must be a multiple of " + hugePages + " for " + Sizes.name(hugePages)
                    + " huge pages, not " + pages);
        }
        return pages;
    }

    private static boolean writable(Operands in) {
        return in.word("'ro' or 'rw'", "ro", "rw").equals("rw");
    }

    /** {@code anon} or {@code file=F} written at src: the file mapped, or null for anonymous memory. */
    private static Symbol source(Token src, ScenarioState state) {
        if (src.raw().startsWith("file=")) {
            String name = src.raw().substring(5);
            if (!Lexer.isName(name)) {
                throw new LineError(src.col(), "bad file name in " + show(src.raw()));
            }
            return state.lookup(src, name, Kind.FILE);
        }
        if (!src.raw().equals("anon")) {
            throw new LineError(src.col(), "expected 'anon', 'file=F' or 'hugetlb', got " + show(src.raw()));
        }
        return null;
    }

    /** The end of a GUP statement, {@code as H}, and its op. */
    private static Op gup(Operands in, Symbol p, PageRef page, boolean pin, boolean write, boolean longterm,
                          boolean fast) {
        String handle = in.handleAs();
        in.end();
        return new Op.Gup(p.name, page.name(), page.index(), pin, write, longterm, fast, handle);
    }
}
