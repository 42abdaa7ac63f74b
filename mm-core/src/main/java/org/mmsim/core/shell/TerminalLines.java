package org.mmsim.core.shell;

import java.io.IOException;
import java.io.PrintWriter;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;

/**
 * Lines from a terminal through JLine: editing, history (of this session), completion of the
 * {@code :commands}. Ctrl-C drops the line being typed; Ctrl-D on an empty line ends the session.
 */
final class TerminalLines implements LineSource {
    private final Terminal terminal;
    private final LineReader reader;

    TerminalLines(Terminal terminal) {
        this.terminal = terminal;
        this.reader = LineReaderBuilder.builder().terminal(terminal).appName("mmsim")
                .completer(new StringsCompleter(":policy", ":policies", ":undo", ":diff", ":save", ":trace",
                        ":plugin", ":help", ":quit"))
                // '!' and '\' are the language's own characters, not history expansion and escapes
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
    }

    /** Where the session's output goes: the terminal, so that it and the prompt do not interleave. */
    PrintWriter writer() {
        return terminal.writer();
    }

    @Override
    public String next(String prompt) throws IOException {
        for (;;) {
            try {
                return reader.readLine(prompt);
            } catch (UserInterruptException e) {
                // Ctrl-C: forget the line, ask again
            } catch (EndOfFileException e) {
                return null;
            }
        }
    }

    @Override
    public void close() {
        try {
            terminal.close();
        } catch (IOException e) {
            // nothing left to tell anyone
        }
    }
}
