package org.mmsim.core.run;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mmsim.api.Invariant;
import org.mmsim.api.Policy;
import org.mmsim.core.mm.BuiltinInvariants;
import org.mmsim.core.mm.Counters;
import org.mmsim.core.mm.FlagRegistry;
import org.mmsim.core.mm.InvariantCheck;
import org.mmsim.core.mm.Invariants;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.mm.Machine;
import org.mmsim.core.mm.PolicyFailure;
import org.mmsim.core.mm.ResourceLimitException;
import org.mmsim.core.mm.TraceEvent;
import org.mmsim.core.mm.Violation;
import org.mmsim.core.scenario.Op;
import org.mmsim.core.scenario.Scenario;
import org.mmsim.core.scenario.Statement;

/**
 * Runs one scenario under one policy on a fresh machine: each statement, its expectation, the
 * invariants after it, and at the end the teardown and the leak check.
 */
public final class ScenarioRunner {
    private final FlagRegistry flags;
    private final Limits limits;
    private final List<Invariant> invariants;
    private final InvariantCheck.Plan plan;

    /** A runner that checks the built-in invariants only. */
    public ScenarioRunner(FlagRegistry flags, Limits limits) {
        this(flags, limits, new BuiltinInvariants().invariants());
    }

    /** A runner that checks {@code invariants} (the built-in ones and the plugins'). */
    public ScenarioRunner(FlagRegistry flags, Limits limits, List<Invariant> invariants) {
        this.flags = flags;
        this.limits = limits;
        this.invariants = List.copyOf(invariants);
        this.plan = InvariantCheck.Plan.of(this.invariants);
    }

    /** The invariants each run checks. */
    public List<Invariant> invariants() {
        return invariants;
    }

    /** The bounds each run's machine gets. */
    public Limits limits() {
        return limits;
    }

    public RunResult run(Scenario scenario, Policy policy, boolean trace) {
        return run(scenario, policy, trace, StepObserver.NONE);
    }

    /** As {@link #run(Scenario, Policy, boolean)}, showing {@code observer} the machine after each statement. */
    public RunResult run(Scenario scenario, Policy policy, boolean trace, StepObserver observer) {
        List<RunResult.Step> steps = new ArrayList<>();
        List<RunResult.Failure> failures = new ArrayList<>();
        List<RunResult.ViolationAt> violations = new ArrayList<>();
        List<TraceEvent> events = new ArrayList<>();
        Machine m = new Machine(policy, flags, limits);
        if (trace) {
            m.setTrace(events::add);
        }
        Invariants builtin = new Invariants(m);
        Set<String> active = new HashSet<>();
        String error = null;
        int lastLine = 0;
        try {
            for (Statement s : scenario.statements()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new PolicyFailure("interrupted");
                }
                lastLine = s.line();
                m.setTime(s.line());
                if (trace) {
                    events.add(TraceEvent.of(s.line(), 0, "statement", s.line() + ": " + s.text(), "statement",
                            s.text()));
                }
                String outcome = execute(m, s.op());
                observer.after(s, outcome, m::state);
                steps.add(new RunResult.Step(s.line(), s.text(), outcome));
                if (trace) {
                    events.add(TraceEvent.of(s.line(), 1, "outcome", "=> " + outcome, "outcome", outcome));
                }
                if (s.expect() != null && !s.expect().equals(outcome)) {
                    failures.add(new RunResult.Failure(s.line(), s.expect(), outcome));
                    if (trace) {
                        events.add(TraceEvent.of(s.line(), 1, "expectation", "FAILED: expected " + s.expect(),
                                "expected", s.expect(), "actual", outcome));
                    }
                }
                report(InvariantCheck.run(plan, m, builtin, false), s.line(), active, violations, trace ? events : null);
            }
            if (trace) {
                events.add(TraceEvent.of(lastLine, 0, "teardown", "end of scenario: every process exits, then every "
                        + "handle is released"));
            }
            m.teardown();
            report(InvariantCheck.run(plan, m, builtin, true), lastLine, active, violations, trace ? events : null);
        } catch (ResourceLimitException e) {
            error = "line " + lastLine + ": " + e.getMessage();
        } catch (PolicyFailure e) {
            error = e.getMessage();
        } catch (RuntimeException | StackOverflowError e) {
            error = "internal error: " + e;
        }
        Counters c = m.counters();
        RunResult.Counts counts = new RunResult.Counts(c.faults(), c.copies(), c.reuses(), c.unshares(), c.pins(),
                c.pinFailures(), m.framesPeak());
        RunResult.Verdict verdict = error != null ? RunResult.Verdict.ERROR
                : failures.isEmpty() && violations.isEmpty() ? RunResult.Verdict.PASS : RunResult.Verdict.FAIL;
        return new RunResult(scenario.title(), scenario.file(), policy.id(), verdict, steps, failures, violations,
                error, counts, events);
    }

    /**
     * Reports each broken object once: when it breaks, and again only after a check that found it
     * whole. {@code active} holds the keys broken after the previous statement.
     */
    private static void report(List<Violation> found, int line, Set<String> active,
                               List<RunResult.ViolationAt> out, List<TraceEvent> trace) {
        Set<String> now = new HashSet<>();
        for (Violation v : found) {
            if (now.add(v.key()) && !active.contains(v.key())) {
                out.add(new RunResult.ViolationAt(v.invariant(), line, v.message()));
                if (trace != null) {
                    trace.add(TraceEvent.of(line, 1, "violation", "VIOLATION " + v.invariant() + ": " + v.message(),
                            "invariant", v.invariant(), "object", v.object(), "message", v.message()));
                }
            }
        }
        active.clear();
        active.addAll(now);
    }

    /**
     * Dispatches one statement to the machine and returns its outcome: no expectation, no
     * invariants (also what {@code mmsim bench scenarios} times).
     */
    public static String execute(Machine m, Op op) {
        if (op instanceof Op.Write w) {
            return m.write(w.process(), w.region(), w.index(), w.value());
        } else if (op instanceof Op.Read r) {
            return m.read(r.process(), r.region(), r.index());
        } else if (op instanceof Op.Gup g) {
            return m.gup(g.process(), g.region(), g.index(), g.pin(), g.write(), g.longterm(), g.fast(), g.handle());
        } else if (op instanceof Op.Peek p) {
            return m.peek(p.handle());
        } else if (op instanceof Op.Poke p) {
            return m.poke(p.handle(), p.value());
        } else if (op instanceof Op.Release r) {
            return m.release(r.handle());
        } else if (op instanceof Op.Fork f) {
            return m.fork(f.parent(), f.child());
        } else if (op instanceof Op.Mmap x) {
            return x.hugetlb()
                    ? m.mmapHugetlb(x.process(), x.region(), x.shared(), x.writable(), x.pages(), x.hugetlbPages())
                    : m.mmap(x.process(), x.region(), x.file(), x.shared(), x.writable(), x.pages(), x.offset());
        } else if (op instanceof Op.Munmap u) {
            return m.munmap(u.process(), u.region(), from(u.range()), to(u.range()));
        } else if (op instanceof Op.Mprotect p) {
            return m.mprotect(p.process(), p.region(), from(p.range()), to(p.range()), p.writable());
        } else if (op instanceof Op.Madvise a) {
            return m.madvise(a.process(), a.region(), from(a.range()), to(a.range()),
                    a.advice().name().toLowerCase(java.util.Locale.ROOT));
        } else if (op instanceof Op.Mremap r) {
            return m.mremap(r.process(), r.region(), from(r.range()), to(r.range()), r.target());
        } else if (op instanceof Op.Folio f) {
            return m.folio(f.process(), f.region(), f.index());
        } else if (op instanceof Op.Same s) {
            return m.same(s.process(), s.region(), s.index(), s.otherProcess(), s.otherRegion(), s.otherIndex());
        } else if (op instanceof Op.Thp t) {
            return m.thp(t.pages(), t.mode().name().toLowerCase(java.util.Locale.ROOT));
        } else if (op instanceof Op.HugetlbPool h) {
            return m.hugetlbPool(h.hugePages(), h.count());
        } else if (op instanceof Op.Exit e) {
            return m.exit(e.process());
        } else if (op instanceof Op.Fwrite f) {
            return m.fwrite(f.file(), f.index(), f.value());
        } else if (op instanceof Op.FileDecl f) {
            return m.file(f.file(), f.pages(), f.fill());
        } else if (op instanceof Op.Spawn s) {
            return m.spawn(s.process());
        }
        throw new IllegalArgumentException("unknown statement " + op);
    }

    /** The first page of a range; -1 for the whole region. */
    private static long from(Op.Range r) {
        return r == null ? -1 : r.from();
    }

    /** The last page of a range (included); -1 for the whole region. */
    private static long to(Op.Range r) {
        return r == null ? -1 : r.to();
    }
}
