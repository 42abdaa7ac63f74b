package org.mmsim.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mmsim.core.mm.Limits;
import picocli.CommandLine;

/** The limit options' defaults are {@link Limits#DEFAULT}, and they reach the limits as given. */
class LimitOptionsTest {
    @Test
    void defaultsAreTheMachinesDefaults() {
        LimitOptions o = new LimitOptions();
        new CommandLine(o).parseArgs();
        assertEquals(Limits.DEFAULT, o.limits());
    }

    @Test
    void valuesAsGiven() {
        LimitOptions o = new LimitOptions();
        new CommandLine(o).parseArgs("--max-processes", "3", "--max-handles", "5", "--max-frames", "7");
        assertEquals(new Limits(3, 5, 7), o.limits());
    }
}
