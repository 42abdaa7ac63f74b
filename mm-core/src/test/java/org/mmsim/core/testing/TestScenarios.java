package org.mmsim.core.testing;

import java.util.ArrayList;
import java.util.List;
import org.mmsim.core.plugin.LoadedPolicy;
import org.mmsim.api.Policy;
import org.mmsim.core.scenario.Op;
import org.mmsim.core.scenario.Scenario;
import org.mmsim.core.scenario.Statement;

/** Scenarios built from records, without the parser. */
public final class TestScenarios {
    private TestScenarios() {
    }

    /**
     * The CVE-2020-29374 pattern with a write fault on a COW-shared page: passes under a correct
     * policy; the parent's second write goes through do_wp_page.
     */
    public static Scenario forkCow(String file, String title) {
        List<Statement> s = new ArrayList<>();
        s.add(new Statement(1, "spawn parent", null, new Op.Spawn("parent")));
        s.add(new Statement(2, "mmap parent buf anon private pages=1", null,
                new Op.Mmap("parent", "buf", null, false, true, 1, 0)));
        s.add(new Statement(3, "write parent buf[0] secret-1", "ok", new Op.Write("parent", "buf", 0, "secret-1")));
        s.add(new Statement(4, "fork parent child", null, new Op.Fork("parent", "child")));
        s.add(new Statement(5, "vmsplice child buf[0] as pipe", "ok",
                new Op.Gup("child", "buf", 0, false, false, false, false, "pipe")));
        s.add(new Statement(6, "munmap child buf", null, new Op.Munmap("child", "buf", null)));
        s.add(new Statement(7, "write parent buf[0] secret-2", null, new Op.Write("parent", "buf", 0, "secret-2")));
        s.add(new Statement(8, "peek pipe", "secret-1", new Op.Peek("pipe")));
        s.add(new Statement(9, "release pipe", null, new Op.Release("pipe")));
        s.add(new Statement(10, "exit child", null, new Op.Exit("child")));
        s.add(new Statement(11, "exit parent", null, new Op.Exit("parent")));
        return new Scenario(file, title, List.of(), s);
    }

    /** No fault ever reaches do_wp_page: passes under every sane policy. */
    public static Scenario simple(String file, String title) {
        List<Statement> s = new ArrayList<>();
        s.add(new Statement(1, "spawn p", null, new Op.Spawn("p")));
        s.add(new Statement(2, "mmap p buf anon private", null, new Op.Mmap("p", "buf", null, false, true, 1, 0)));
        s.add(new Statement(3, "write p buf[0] A", "ok", new Op.Write("p", "buf", 0, "A")));
        s.add(new Statement(4, "read p buf[0]", "A", new Op.Read("p", "buf", 0)));
        s.add(new Statement(5, "exit p", null, new Op.Exit("p")));
        return new Scenario(file, title, List.of(), s);
    }

    /** A scenario whose expectation at line 4 is wrong. */
    public static Scenario wrongExpectation(String file, String title) {
        List<Statement> s = new ArrayList<>(simple(file, title).statements());
        s.set(3, new Statement(4, "read p buf[0]", "B", new Op.Read("p", "buf", 0)));
        return new Scenario(file, title, List.of(), s);
    }

    public static LoadedPolicy loaded(Policy p) {
        return new LoadedPolicy(p.id(), p, "test-plugin", "9.9.9", p.summary(), true);
    }
}
