package org.mmsim.core.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.mmsim.core.host.CExport;
import org.mmsim.core.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mmsim export FILE --c [-o OUT]}: the scenario as a standalone C program that performs it
 * on any Linux box with the host column's runtime and checks its expectations.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a scenario as a standalone C program that runs it on the live kernel of any Linux box.",
        footer = {"", "Build and run the program: cc -O2 -Wall repro.c && ./a.out (exit 0 when every expectation "
                + "holds).", "Exit status: 0 written; 2 usage or parse error, or output that cannot be written."})
final class ExportCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "FILE", description = "The scenario (.mms), - for standard input.")
    Path file;

    @Option(names = "--c", required = true, description = "A C program (the one format there is).")
    boolean c;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write it there (default: standard output).")
    Path output;

    @Override
    public Integer call() {
        List<Scenario> scenarios = ScenarioFiles.parseAll(List.of(file.toString()), main.in, main.err);
        String program = CExport.program(scenarios.get(0));
        Output.write(output, main.out, w -> w.write(program));
        return Main.EXIT_OK;
    }
}
