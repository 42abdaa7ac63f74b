package org.mmsim.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A Linux release, major and minor ({@code 6.18}): the kernel whose mechanics a policy runs on
 * ({@link Policy#kernel()}). Ordered by release.
 */
@API(status = STABLE, since = "0.1.0")
public record KernelRelease(int major, int minor) implements Comparable<KernelRelease> {
    public KernelRelease {
        if (major < 2 || minor < 0) {
            throw new IllegalArgumentException("not a kernel release: " + major + "." + minor);
        }
    }

    public static KernelRelease of(int major, int minor) {
        return new KernelRelease(major, minor);
    }

    /** Whether this release is {@code major.minor} or later. */
    public boolean atLeast(int major, int minor) {
        return this.major > major || this.major == major && this.minor >= minor;
    }

    @Override
    public int compareTo(KernelRelease o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
