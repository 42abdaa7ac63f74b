/**
 * The simulated kernel, the scenario language, the runner and the CLI.
 *
 * <p>org.mmsim.core.mm (the machine state) is deliberately not exported: plugins see the machine
 * only through org.mmsim.api.
 */
module org.mmsim.core {
    requires org.mmsim.api;          // transitively: org.pf4j
    requires org.pf4j;
    requires com.google.guice;       // automatic module (Guice 7.0.0)
    requires com.google.common;      // Guice's Guava: an explicit module, which Guice (automatic) cannot require itself
    requires jakarta.inject;         // @Inject, Provider (Guice 7 uses jakarta.inject)
    requires jdk.unsupported;        // Guice needs sun.misc.Unsafe; nothing else puts jdk.unsupported in the graph
    requires info.picocli;
    requires java.xml;               // JUnit-XML report output
    requires org.jline;              // mmsim shell's line editor (automatic module of the jline bundle jar)
    requires java.logging;           // JLine logs through java.util.logging, which nothing else puts in the graph
    // explore/diff --cluster and member: Hazelcast runs from the class path (bin/mmsim: lib/cluster/,
    // --add-reads org.mmsim.core=ALL-UNNAMED), because on the module path the JVM derives its 12,000
    // entries' packages at every start of every command (about 0.04 s of wall time)
    requires static com.hazelcast.core;
    requires java.sql;               // (and java.transaction.xa) what Hazelcast's member needs of the JDK (the class path puts none in the graph)
    requires java.management;
    requires java.naming;

    exports org.mmsim.core.scenario;
    exports org.mmsim.core.run;
    exports org.mmsim.core.report;
    exports org.mmsim.core.plugin;   // LoadedPolicy / PolicyCatalog appear in the exported run and report APIs

    // picocli reflects on @Command/@Option members; Guice constructs and injects these packages.
    opens org.mmsim.core.cli to info.picocli, com.google.guice;
    opens org.mmsim.core.plugin to com.google.guice;
    opens org.mmsim.core.run to com.google.guice;
}
