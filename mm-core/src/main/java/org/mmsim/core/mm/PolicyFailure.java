package org.mmsim.core.mm;

/** The policy threw, returned nothing, or returned a decision the kernel could not carry out. */
public final class PolicyFailure extends RuntimeException {
    public PolicyFailure(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    public PolicyFailure(String message) {
        this(message, null);
    }
}
