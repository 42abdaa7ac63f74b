package org.mmsim.core.scenario;

/**
 * A page reference {@code NAME[index]} as written at {@code tok}; index -1 where a statement names
 * the whole region.
 */
record PageRef(String name, long index, Token tok) {
}
