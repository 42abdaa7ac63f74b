package org.mmsim.dist.fuzz;

import java.util.List;

/**
 * Where the statements of a rendered plan land ({@link ScenarioGen#render(ScenarioGen.Plan, boolean, Layout)}):
 * the settings before and after p0 maps its regions, which regions actions name, and which page or
 * range a small integer chooses. {@link #SMALL} is ScenarioGen's own; {@link FolioGen} puts them
 * where large folios have their edges.
 */
interface Layout {
    /** ScenarioGen's: no settings, the universe's regions, any page, ranges of small regions. */
    Layout SMALL = new Layout() {
    };

    /** Statements before p0 exists (system settings). */
    default List<String> prologue() {
        return List.of();
    }

    /** Statements right after p0 mapped the universe's regions (advice). */
    default List<String> setup() {
        return List.of();
    }

    /** The regions the actions name: the universe's, and for FolioGen the targets of mremap. */
    default List<ScenarioGen.RegionSpec> named(ScenarioGen.Universe u) {
        return u.regions();
    }

    /** The page {@code c} chooses in region {@code rs}, of {@code pages} pages as the process knows it. */
    default int page(ScenarioGen.RegionSpec rs, int pages, int c) {
        return c % pages;
    }

    /** Pages {@code r[0]} to {@code r[1]} (both included, inside {@code pages}) that {@code c} chooses. */
    default int[] range(ScenarioGen.RegionSpec rs, int pages, int c) {
        return ScenarioGen.range(rs, c);
    }
}
