package org.mmsim.core.shell;

import java.io.BufferedReader;
import java.io.IOException;

/** Where the shell's lines come from: a terminal with line editing, or plain lines from a pipe or file. */
interface LineSource extends AutoCloseable {
    /** The next line, the prompt shown first where there is someone to see it; null at end of input. */
    String next(String prompt) throws IOException;

    @Override
    default void close() {
    }

    /** Lines as they come (a script, a test): no prompt, no echo. */
    static LineSource plain(BufferedReader in) {
        return prompt -> in.readLine();
    }
}
