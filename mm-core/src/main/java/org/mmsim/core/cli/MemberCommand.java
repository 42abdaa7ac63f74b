package org.mmsim.core.cli;

import com.hazelcast.core.HazelcastInstance;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.mmsim.core.explore.ClusterSearch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code mmsim member --cluster ADDRS}: joins a search cluster and does its part of every {@code
 * explore} or {@code diff --cluster} run from any member, until it is stopped (Ctrl-C, SIGTERM).
 */
@Command(name = "member", mixinStandardHelpOptions = true,
        description = "Join a cluster and take part in the explore and diff searches run with --cluster.",
        footer = {"", "Exit status: 2 usage, plugin or network error; stopped by a signal, the signal's (130 on"
                + " Ctrl-C, 143 on SIGTERM), after leaving the cluster."})
final class MemberCommand implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand
    Main main;

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() throws InterruptedException {
        if (!cluster.on()) {
            throw CliException.usage("member needs --cluster HOST[:PORT],... or --cluster-config FILE");
        }
        Main.Session session = main.session();
        HazelcastInstance hz = Clusters.join(session, cluster);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            ClusterSearch.leave(hz);
            stopped.countDown();
        }, "mmsim-member-leave");
        Runtime.getRuntime().addShutdownHook(hook);
        main.out.println("mmsim member " + hz.getCluster().getLocalMember().getAddress() + " of cluster "
                + hz.getConfig().getClusterName() + ": serving searches (Ctrl-C to leave)");
        main.out.flush();
        stopped.await(); // only a signal ends a member: the JVM then exits with its status
        return Main.EXIT_OK;
    }
}
