package org.mmsim.core.bench;

import org.mmsim.core.mm.Machine;

/** Outcome checks of the workloads: a workload that stops doing what it says is a bug, not a figure. */
final class Checks {
    private Checks() {
    }

    static void ok(String outcome, String what) {
        if (outcome != Machine.OK && !Machine.OK.equals(outcome)) {
            throw new IllegalStateException("bench: " + what + " returned " + outcome);
        }
    }
}
