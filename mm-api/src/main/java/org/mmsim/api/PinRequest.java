package org.mmsim.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A read-only {@code FOLL_PIN} (pin_user_pages() without FOLL_WRITE) that found a present page:
 * the question gup_must_unshare() answers.
 */
@API(status = STABLE, since = "0.1.0")
public interface PinRequest {
    PageView page();

    PteView pte();

    VmaView vma();

    /** FOLL_LONGTERM. */
    boolean longterm();

    /** GUP-fast (lockless walk); the core falls back to the slow path where the kernel would. */
    boolean fast();
}
