package org.mmsim.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** A read-only view of the mapping ({@code struct vm_area_struct}) a page belongs to. */
@API(status = STABLE, since = "0.1.0")
public interface VmaView {
    /** A MAP_ANONYMOUS mapping (private anonymous or shmem). */
    boolean anonymous();

    /** VM_SHARED. */
    boolean shared();

    /** VM_WRITE. */
    boolean writable();

    /** is_cow_mapping(): private and may be written (VM_MAYWRITE holds for every private mapping here). */
    default boolean cowMapping() {
        return !shared();
    }
}
