package org.mmsim.core.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** The one line ({@code mmsim: ...}) that a command line picocli rejected gets. */
final class UsageError {
    private UsageError() {
    }

    static String message(ParameterException ex) {
        CommandLine cl = ex.getCommandLine();
        String help = " (see '" + cl.getCommandSpec().qualifiedName() + " --help')";
        List<String> unmatched = cl.getUnmatchedArguments();
        // the first word picocli could not place comes first: a mistyped --policy also leaves --policy
        // missing, and the user should hear about the mistake, not its consequence
        if (unmatched.isEmpty()) {
            return Main.oneLine(ex.getMessage()) + help;
        }
        String word = unmatched.get(0);
        List<String> suggestions = new UnmatchedArgumentException(cl, unmatched).getSuggestions();
        if (word.startsWith("-") && word.length() > 1) {
            return "unknown option '" + word + "'"
                    + (suggestions.isEmpty() ? help : " (did you mean " + String.join(" or ", suggestions) + "?)");
        }
        if (cl.getSubcommands().isEmpty()) {
            return "unexpected argument '" + word + "'" + help;
        }
        // picocli ranks every command by likeness; only one that starts alike is a plausible typo
        return suggestions.stream().filter(s -> word.startsWith(s.substring(0, 1))).findFirst()
                .map(s -> "unknown command '" + word + "' (did you mean " + s + "?)")
                .orElse("unknown command '" + word + "'" + help);
    }
}
