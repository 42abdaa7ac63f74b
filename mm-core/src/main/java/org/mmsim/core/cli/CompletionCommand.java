package org.mmsim.core.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mmsim completion bash|zsh}: the completion script picocli generates from this command model.
 * One script serves both shells: under zsh it loads {@code bashcompinit} itself.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print the shell completion script of mmsim (for bash and for zsh, where it loads "
                + "bashcompinit itself).", "Install: source <(mmsim completion bash) in ~/.bashrc or ~/.zshrc; "
                + "the distribution ships it as completion/mmsim.bash."})
final class CompletionCommand implements Callable<Integer> {
    /** The shells the script serves. */
    enum Shell { bash, zsh }

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "bash|zsh", description = "The shell: bash or zsh (the same script).")
    Shell shell;

    @Override
    public Integer call() {
        main.out.print(AutoComplete.bash("mmsim", main.spec.commandLine()));
        return Main.EXIT_OK;
    }
}
