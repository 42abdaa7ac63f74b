package org.mmsim.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import org.apiguardian.api.API;

/** The answer to a {@link PinRequest}: pin the page as it is, unshare it first, or refuse. */
@API(status = STABLE, since = "0.1.0")
public final class PinDecision {
    @API(status = STABLE, since = "0.1.0")
    public enum Kind { PIN, UNSHARE, REFUSE }

    private static final PinDecision PIN = new PinDecision(Kind.PIN, null);
    private static final PinDecision REFUSE = new PinDecision(Kind.REFUSE, null);

    private final Kind kind;
    private final FaultFlag flag;

    private PinDecision(Kind kind, FaultFlag flag) {
        this.kind = kind;
        this.flag = flag;
    }

    /** Pin the page that is mapped now. */
    public static PinDecision pin() {
        return PIN;
    }

    /** Trigger an unshare fault carrying {@code flag} (never FAULT_FLAG_WRITE), then retry the pin. */
    public static PinDecision unshare(FaultFlag flag) {
        return new PinDecision(Kind.UNSHARE, Objects.requireNonNull(flag, "flag"));
    }

    /** Fail the pin (option 2 of the linux-mm thread). */
    public static PinDecision refuse() {
        return REFUSE;
    }

    public Kind kind() {
        return kind;
    }

    /** The unshare fault's flag; null unless {@link Kind#UNSHARE}. */
    public FaultFlag flag() {
        return flag;
    }

    @Override
    public String toString() {
        return kind == Kind.UNSHARE ? "unshare(" + flag.name() + ")" : kind.name().toLowerCase();
    }
}
