package org.mmsim.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginStatusProvider;

/** enabled.txt / disabled.txt: what mmsim writes, PF4J's own status provider reads the same way. */
class PluginStatesTest {
    @TempDir
    Path dir;

    @Test
    void disableAndEnableWriteWhatPf4jReads() throws IOException {
        PluginStates.read(dir).disable("a");
        assertEquals(List.of("a"), Files.readAllLines(dir.resolve(PluginStates.DISABLED)));
        assertTrue(new DefaultPluginStatusProvider(dir).isPluginDisabled("a"));
        assertFalse(new DefaultPluginStatusProvider(dir).isPluginDisabled("b"));
        PluginStates.read(dir).disable("a"); // already: nothing written twice
        assertEquals(List.of("a"), Files.readAllLines(dir.resolve(PluginStates.DISABLED)));

        PluginStates.read(dir).enable("a");
        assertFalse(new DefaultPluginStatusProvider(dir).isPluginDisabled("a"));
        assertFalse(PluginStates.read(dir).isDisabled("a"));
    }

    @Test
    void aWhitelistIsHonouredAndExtendedAndCommentsSurvive() throws IOException {
        Files.write(dir.resolve(PluginStates.ENABLED), List.of("# only these", "a"));
        Files.write(dir.resolve(PluginStates.DISABLED), List.of("# by hand", " b "));
        PluginStates s = PluginStates.read(dir);
        assertFalse(s.isDisabled("a"));
        assertTrue(s.isDisabled("b"), "trimmed");
        assertTrue(s.isDisabled("c"), "not on enabled.txt");

        s.enable("b"); // off disabled.txt and onto the whitelist, or it would stay disabled
        assertEquals(List.of("# by hand"), Files.readAllLines(dir.resolve(PluginStates.DISABLED)));
        assertEquals(List.of("# only these", "a", "b"), Files.readAllLines(dir.resolve(PluginStates.ENABLED)));
        assertFalse(new DefaultPluginStatusProvider(dir).isPluginDisabled("b"));

        s.disable("a"); // on disabled.txt: taking the last id off enabled.txt would enable everything
        assertTrue(new DefaultPluginStatusProvider(dir).isPluginDisabled("a"));
        assertTrue(new DefaultPluginStatusProvider(dir).isPluginDisabled("c"));
    }

    @Test
    void forgetDropsALeftOverDisabledLine() throws IOException {
        PluginStates.read(dir).disable("gone");
        PluginStates.read(dir).forget("gone");
        assertFalse(PluginStates.read(dir).isDisabled("gone"));
        assertEquals(List.of(), Files.readAllLines(dir.resolve(PluginStates.DISABLED)));
    }
}
