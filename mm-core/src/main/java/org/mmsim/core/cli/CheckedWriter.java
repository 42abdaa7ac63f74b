package org.mmsim.core.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Keeps the first {@link IOException} of the writer it wraps: the {@link java.io.PrintWriter} that the
 * commands print through swallows it, and the user should learn why the output was lost ("No space left
 * on device"), not just that it was.
 */
final class CheckedWriter extends FilterWriter {
    private IOException failure;

    CheckedWriter(Writer out) {
        super(out);
    }

    /** The first write or flush that failed, or null. */
    IOException failure() {
        return failure;
    }

    @Override
    public void write(int c) throws IOException {
        checked(() -> super.write(c));
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        checked(() -> super.write(cbuf, off, len));
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
        checked(() -> super.write(str, off, len));
    }

    @Override
    public void flush() throws IOException {
        checked(super::flush);
    }

    private interface Io {
        void run() throws IOException;
    }

    private void checked(Io io) throws IOException {
        try {
            io.run();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
            throw e;
        }
    }
}
