package org.mmsim.core.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** Where a cluster is: {@code explore} and {@code diff} with {@code --cluster}, and {@code member}. */
final class ClusterOptions {
    @Option(names = "--cluster", paramLabel = "HOST[:PORT],...", split = ",",
            description = "Search across a Hazelcast cluster whose members are at these addresses (each runs"
                    + " `mmsim member` or is this command); default: this machine alone, no network.")
    List<String> addresses;

    @Option(names = "--cluster-config", paramLabel = "FILE",
            description = "A Hazelcast configuration (XML, or YAML by its .yaml/.yml name) that says how members find"
                    + " each other (TCP members, multicast, discovery, interfaces, TLS), in place of --cluster or"
                    + " with it; --port is then the file's. The cluster's name stays mmsim's.")
    java.nio.file.Path configFile;

    @Option(names = "--members", paramLabel = "N",
            description = "With --cluster: members to wait for, this one included (default: one per address).")
    Integer members;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "5701",
            description = "With --cluster: the first port this member tries (default: ${DEFAULT-VALUE}, then the"
                    + " next free one).")
    int port;

    boolean on() {
        return addresses != null && !addresses.isEmpty() || configFile != null;
    }

    /** The addresses given with --cluster: possibly none with --cluster-config. */
    List<String> addresses() {
        return addresses == null ? List.of() : addresses;
    }

    /** How many members the search waits for. */
    int expected() {
        if (members == null && addresses().isEmpty()) {
            throw CliException.usage("--cluster-config without --cluster needs --members N (members to wait for)");
        }
        int n = members != null ? members : (int) addresses.stream().distinct().count();
        if (n < 1 || n > 1000) {
            throw CliException.usage("--members must be 1 to 1000");
        }
        return n;
    }
}
