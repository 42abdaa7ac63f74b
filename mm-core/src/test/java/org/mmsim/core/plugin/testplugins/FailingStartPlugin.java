package org.mmsim.core.plugin.testplugins;

import org.pf4j.Plugin;

/** Packed into a test plugin jar as its Plugin-Class: start() fails. */
public class FailingStartPlugin extends Plugin {
    @Override
    public void start() {
        throw new IllegalStateException("start exploded");
    }
}
