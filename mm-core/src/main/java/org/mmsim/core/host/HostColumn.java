package org.mmsim.core.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.mmsim.core.mm.Limits;
import org.mmsim.core.run.ElsewherePolicy;
import org.mmsim.core.run.RunResult;
import org.mmsim.core.scenario.Scenario;

/**
 * The {@code host} column: the kernel of this machine, driven by the helper {@code mmsim-host}
 * (built from {@code mms_runtime.c} with the distribution where a C compiler exists). It stands in
 * the catalog as a {@link Policy} so that reports treat it as one more column, but nothing ever asks
 * it a question: the comparison runs its scenarios with {@link #run}, not on the simulated machine.
 */
public final class HostColumn extends ElsewherePolicy {
    public static final String ID = "host";
    /** Where the distribution keeps the helper, below its home. */
    static final String HELPER = "libexec/mmsim-host";
    /**
     * The most file pages a host run writes to disk (1 GiB), or --max-frames if lower; its hugetlb
     * pools hold as many base pages at most.
     */
    public static final long MAX_FILE_PAGES = 1L << 18;

    private final Path helper;
    private final String unavailable;
    private final String kernel;
    private volatile List<String> facts;

    private HostColumn(Path helper, String unavailable, String kernel) {
        this.helper = helper;
        this.unavailable = unavailable;
        this.kernel = kernel;
    }

    /** The host column of the distribution at {@code home} (null: not run from a distribution). */
    public static HostColumn find(String home) {
        String kernel = release();
        if (!System.getProperty("os.name", "").equals("Linux")) {
            return new HostColumn(null, "not a Linux machine", kernel);
        }
        if (home == null) {
            return new HostColumn(null, "no helper: not run from a distribution", kernel);
        }
        Path helper = Path.of(home).resolve(HELPER);
        if (!Files.isExecutable(helper)) {
            Path why = Path.of(home).resolve(HELPER + ".unavailable");
            String reason;
            try {
                reason = Files.isRegularFile(why) ? Files.readString(why, StandardCharsets.UTF_8).strip() : null;
            } catch (IOException e) {
                reason = null;
            }
            return new HostColumn(null, reason != null && !reason.isEmpty() ? reason : "no helper at " + helper, kernel);
        }
        return new HostColumn(helper, null, kernel);
    }

    /** {@code uname -r}: the kernel release, read where Linux keeps it. */
    private static String release() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease"), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.version", "unknown");
        }
    }

    /** Why the column cannot run here, if it cannot. */
    public Optional<String> unavailable() {
        return Optional.ofNullable(unavailable);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String summary() {
        if (unavailable != null) {
            return "the live kernel of this machine: unavailable (" + unavailable + ")";
        }
        List<String> differences = new ArrayList<>();
        if (!fact("zeropage")) {
            differences.add("no shared zeropage");
        }
        if (!fact("swap")) {
            differences.add("no swap");
        }
        if (!fact("gup_test")) {
            differences.add("no gup_test: R/O pins unsupported");
        }
        if (!fact("settings")) {
            differences.add("THP and hugetlb settings not writable: thp, hugetlb unsupported");
        }
        if (!fact("pfn") || !fact("pagemap_scan")) {
            differences.add("no PFNs or no PAGEMAP_SCAN: folio unsupported");
        }
        if (sizes("thp").isEmpty()) {
            differences.add("no THP");
        }
        for (String size : List.of("2M", "1G")) {
            if (!sizes("hugetlb").contains(size)) {
                differences.add("no " + size + " hugetlb pool");
            }
        }
        return "the live kernel of this machine: Linux " + kernel
                + (differences.isEmpty() ? "" : " (" + String.join(", ", differences) + ")");
    }

    /**
     * What the helper found of this kernel ({@code mmsim-host --facts}): {@code zeropage}, whether a
     * read fault maps the shared zeropage; {@code swap}, whether pageout can swap; {@code gup_test},
     * whether CONFIG_GUP_TEST's file is there to hold R/O and GUP-fast long-term pins; {@code settings},
     * whether the THP and hugetlb settings can be changed (root); {@code pfn} and {@code pagemap_scan},
     * whether {@code folio} can see PFNs and how a page is mapped. False when unknown.
     */
    public boolean fact(String name) {
        return facts().contains(name + "=yes");
    }

    /**
     * The sizes the kernel has ({@code thp}: THP sizes with an {@code enabled} setting; {@code hugetlb}:
     * hugetlb pools), as the language writes them ({@code 64K}, {@code 2M}); empty when none or unknown.
     */
    public List<String> sizes(String name) {
        return facts().stream().filter(f -> f.startsWith(name + "=")).map(f -> f.substring(name.length() + 1))
                .filter(v -> !v.equals("none")).flatMap(v -> Stream.of(v.split(","))).toList();
    }

    private List<String> facts() {
        List<String> known = facts;
        if (known == null) {
            known = List.of();
            if (helper != null) {
                try {
                    Process p = new ProcessBuilder(helper.toString(), "--facts").redirectErrorStream(true).start();
                    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                        known = List.of(out.strip().split("\\s+"));
                    }
                    p.destroyForcibly();
                } catch (IOException e) {
                    // unknown: said as absent
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            facts = known;
        }
        return known;
    }

    /**
     * Runs a scenario on the kernel (see {@link HostRun}); a run here, where the column is
     * unavailable, is an error saying why.
     */
    public RunResult run(Scenario scenario, Duration timeout, Limits limits) {
        if (unavailable != null) {
            return HostRun.error(scenario, List.of(), "the host column is unavailable: " + unavailable);
        }
        return new HostRun(helper, scenario, timeout, limits).run();
    }

    // ---- never asked: the host column is not simulated

    @Override
    protected String elsewhere() {
        return "the host column runs on the kernel, not on the simulated machine";
    }

    @Override
    public boolean keepsAnonExclusive() {
        return true;
    }
}
