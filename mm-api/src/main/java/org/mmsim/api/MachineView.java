package org.mmsim.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * The whole machine after a statement, read-only, for {@link Invariant}s: processes with their
 * mappings and page-table entries, and the GUP handles (pins and references) that hold pages.
 * Frames are compared by {@link Frame#id()}. Implemented by the core only; new facts arrive as new
 * methods.
 */
@API(status = EXPERIMENTAL, since = "0.1.0")
public interface MachineView {
    /** Every process that ever ran, in creation order; exited ones map nothing. */
    List<? extends Process> processes();

    /** The live handles: pins ({@code FOLL_PIN}) and references ({@code FOLL_GET}) not yet released. */
    List<? extends Handle> handles();

    /**
     * Whether this is the check after the end-of-scenario teardown (every process exited, every
     * handle released), where only what outlives processes may remain; false after a statement.
     */
    boolean finished();

    /** Whether the policy of this run keeps {@code PG_anon_exclusive} ({@link Policy#keepsAnonExclusive()}). */
    boolean keepsAnonExclusive();

    /** A process ({@code struct mm_struct} and its task). */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    interface Process {
        /** The scenario's name for it, e.g. {@code p1}. */
        String name();

        boolean alive();

        /** Its mappings, in address order. */
        List<? extends Mapping> mappings();
    }

    /** A mapping of a process, under the scenario's name; {@link VmaView} answers for its first page. */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    interface Mapping extends VmaView {
        /** The scenario's name for it, e.g. {@code buf}. */
        String name();

        /** Its length in base pages. */
        long pages();

        /** The entry mapping page {@code index} (0 to {@link #pages()} - 1); NONE where nothing is mapped. */
        PteView pte(long index);

        /** The frame a present entry of page {@code index} maps; null when the entry is not present. */
        Frame frame(long index);
    }

    /** A frame ({@code struct page}): a {@link PageView} with an identity. */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    interface Frame extends PageView {
        /** The frame's number: equal numbers, the same frame. */
        int id();

        /** How many of its references are pins ({@code FOLL_PIN}). */
        int pins();
    }

    /** A live GUP handle and where it was taken. */
    @API(status = EXPERIMENTAL, since = "0.1.0")
    interface Handle {
        /** The scenario's name for it, e.g. {@code h0}. */
        String name();

        /** FOLL_PIN (else a FOLL_GET reference). */
        boolean pin();

        /** FOLL_WRITE. */
        boolean write();

        /** FOLL_LONGTERM. */
        boolean longterm();

        /** The frame it holds. */
        Frame frame();

        /** The process it was taken in. */
        String process();

        /** The mapping it was taken in, as the process named it then. */
        String mapping();

        /** The page of {@link #mapping()} it was taken at. */
        long index();

        /** Whether that mapping was unmapped since, or its process exited (the handle then holds an orphan frame). */
        boolean detached();
    }
}
