package org.mmsim.core.mm;

/** A scenario asked for more processes, handles or frames than the configured limits allow. */
public final class ResourceLimitException extends RuntimeException {
    public ResourceLimitException(String message) {
        super(message, null, false, false);
    }
}
