package org.mmsim.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The generator of the cow.c conformance suite: reads examples/conformance/cow-matrix.md (the tests,
 * the page kinds and their .mms steps; the file says how to read them) and writes one scenario per
 * test, variant, page kind and size into a subfolder of examples/conformance.
 *
 * <p>JDK only, so that it also runs on its own: {@value #REGENERATE}. CowMatrixIT checks that the
 * checked-in files are what it writes.
 */
final class CowMatrix {
    static final String DESCRIPTION = "cow-matrix.md";
    static final String REGENERATE = "java distribution/src/test/java/org/mmsim/dist/CowMatrix.java"
            + "  (from the repository root)";
    /** What a comment says on a line that is one of cow.c's own setup checks (a SKIP there). */
    static final String SKIP_MARK = "SKIP";

    private static final Pattern ENTRY = Pattern.compile("### (test|kind|snippet) (\\S+)");
    private static final Pattern KEY = Pattern.compile("- ([a-z][a-z. -]*): (.*)");
    private static final Pattern CALL = Pattern.compile("(\\S.*?) \"(.*)\"");
    private static final Pattern CONDITION = Pattern.compile("\\[([a-z0-9-]+)\\] (.*)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)\\}");
    private static final Pattern PAGES = Pattern.compile("([A-Za-z_][A-Za-z0-9_-]*)\\[([^\\]]*N[^\\]]*)\\]");
    /** A THP of this many pages is PMD-sized: below it, mTHP. */
    private static final long PMD_PAGES = 512;

    /** A cow.c function and the description its test table gives it; {@code name} "" for the plain test. */
    record Variant(String name, String function, String desc) {
    }

    record Test(String family, String id, List<Variant> variants, List<String> tags, List<String> body) {
    }

    record Kind(String family, String id, Map<String, String> keys, List<String> setup) {
        String key(String k) {
            String v = keys.get(k);
            if (v == null) {
                throw new IllegalArgumentException("kind " + id + " has no '- " + k + ":'");
            }
            return v;
        }

        List<String> sizes() {
            return List.of(key("sizes").split(" "));
        }
    }

    /**
     * One cell of cow.c's matrix: a scenario file (relative to examples/conformance, '/'-separated),
     * its test and variant, its page kind and size ("" for base pages, zeropage and files), and its
     * text, or null when the file is hand-written.
     */
    record Case(String file, String family, String test, String variant, String kind, String size, String text) {
        /** The test's id with its variant: the hand-written files' name, e.g. ro-pin-longterm-shared-fast. */
        String testId() {
            return variant.isEmpty() ? test : test + "-" + variant;
        }
    }

    private final Map<String, Test> tests = new LinkedHashMap<>();
    private final Map<String, Kind> kinds = new LinkedHashMap<>();
    private final Map<String, List<String>> snippets = new LinkedHashMap<>();

    private CowMatrix() {
    }

    /** Reads the description. */
    static CowMatrix read(Path description) {
        try {
            return parse(Files.readAllLines(description, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CowMatrix parse(List<String> lines) {
        CowMatrix m = new CowMatrix();
        String type = null;
        String id = null;
        Map<String, String> keys = new LinkedHashMap<>();
        List<String> code = new ArrayList<>();
        boolean inCode = false;
        for (String line : lines) {
            Matcher e = ENTRY.matcher(line);
            if (inCode) {
                if (line.equals("```")) {
                    inCode = false;
                } else {
                    code.add(line);
                }
            } else if (line.startsWith("#")) {
                m.add(type, id, keys, code);
                type = e.matches() ? e.group(1) : null;
                id = e.matches() ? e.group(2) : null;
                keys = new LinkedHashMap<>();
                code = new ArrayList<>();
            } else if (line.equals("```mms")) {
                inCode = true;
            } else if (type != null && KEY.matcher(line).matches()) {
                Matcher k = KEY.matcher(line);
                k.matches();
                keys.put(k.group(1), k.group(2).strip());
            }
        }
        m.add(type, id, keys, code);
        return m;
    }

    private void add(String type, String id, Map<String, String> keys, List<String> code) {
        if (type == null) {
            return;
        }
        switch (type) {
            case "snippet" -> snippets.put(id, List.copyOf(code));
            case "kind" -> kinds.put(id, new Kind(keys.get("family"), id, Map.copyOf(keys), List.copyOf(code)));
            default -> {
                List<Variant> variants = new ArrayList<>();
                variants.add(variant("", keys.get("cow.c")));
                keys.forEach((k, v) -> {
                    if (k.startsWith("variant ")) {
                        variants.add(variant(k.substring(8), v));
                    }
                });
                Test t = new Test(keys.get("family"), id, variants, words(keys.getOrDefault("tags", "")), code);
                if (tests.put(t.family + "/" + id, t) != null) {
                    throw new IllegalArgumentException("test " + t.family + "/" + id + " twice");
                }
            }
        }
    }

    private static Variant variant(String name, String call) {
        Matcher c = CALL.matcher(call == null ? "" : call);
        if (!c.matches()) {
            throw new IllegalArgumentException("expected 'function() \"description\"', got: " + call);
        }
        return new Variant(name, c.group(1), c.group(2));
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : List.of(s.strip().split("\\s+"));
    }

    Map<String, Kind> kinds() {
        return kinds;
    }

    /** Every case of the matrix, generated or hand-written, in the description's order. */
    List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (Kind k : kinds.values()) {
            if (k.keys.containsKey("not expressible")) {
                continue;
            }
            for (Test t : tests.values()) {
                if (!t.family.equals(k.family)) {
                    continue;
                }
                for (Variant v : t.variants) {
                    String id = v.name.isEmpty() ? t.id : t.id + "-" + v.name;
                    String hand = k.keys.get("hand-written");
                    if (hand != null) {
                        out.add(new Case(hand.replace("{test}", id), t.family, t.id, v.name, k.id, "", null));
                        continue;
                    }
                    for (String size : k.sizes()) {
                        String file = k.key("dir").replace("{size}", size) + "/" + prefix(t.family) + id + ".mms";
                        out.add(new Case(file, t.family, t.id, v.name, k.id, size, render(t, v, k, size)));
                    }
                }
            }
        }
        return out;
    }

    /** The generated files: relative path -> text. */
    Map<String, String> generated() {
        Map<String, String> files = new TreeMap<>();
        for (Case c : cases()) {
            if (c.text != null && files.put(c.file, c.text) != null) {
                throw new IllegalArgumentException(c.file + " twice");
            }
        }
        return files;
    }

    private static String prefix(String family) {
        return family.equals("nonanon") ? "nonanon-" : "anon-";
    }

    private static String table(String family) {
        return switch (family) {
            case "anon" -> "anon_test_cases[]";
            case "anon-thp" -> "anon_thp_test_cases[]";
            default -> "non_anon_test_cases[]";
        };
    }

    // ---- one scenario --------------------------------------------------------------------------

    private String render(Test t, Variant v, Kind k, String size) {
        long n = pages(size);
        String title = k.key("title").replace("{size}", size);
        Context cx = new Context(t, v, size, n, range(k.key("range"), n));
        List<String> steps = new ArrayList<>();
        expand(k.setup, cx, steps);
        expand(t.body, cx, steps);

        List<String> out = new ArrayList<>();
        out.add("# Port of tools/testing/selftests/mm/cow.c: " + v.function);
        out.add("#   " + table(t.family) + " \"" + v.desc + "\", " + k.key("cow.c") + ", " + size);
        out.add("# Generated from " + DESCRIPTION + " by CowMatrix.java: edit that, not this file.");
        out.add("scenario \"cow.c: " + v.desc + (t.family.equals("nonanon") ? " ... with " + title : " (" + title + ")")
                + "\"");
        LinkedHashSet<String> tags = new LinkedHashSet<>(List.of("conformance", "cow-selftest",
                t.family.equals("nonanon") ? "nonanon" : "anon"));
        List<String> kindTags = words(k.keys.getOrDefault("tags", ""));
        tags.addAll(kindTags);
        if (kindTags.contains("thp")) {
            tags.add("thp-" + size);
            if (n < PMD_PAGES) {
                tags.add("mthp");
            }
        }
        if (kindTags.contains("hugetlb")) {
            tags.add("hugetlb-" + size);
        }
        tags.addAll(t.tags);
        if (!v.name.isEmpty()) {
            tags.add(v.name);
        }
        // cow.c marks these XFAIL on this kind: the kernel fails them too (the reports say xfail)
        if (words(k.keys.getOrDefault("xfail", "")).contains(t.id)) {
            tags.add("xfail");
        }
        out.add("tags " + String.join(" ", tags));
        out.addAll(aligned(steps));
        return String.join("\n", out) + "\n";
    }

    /** What a template line may name: the size, its pages, the tested range and its sampled pages. */
    private record Context(Test test, Variant variant, String size, long n, Range range) {
    }

    /** {@code region[lo..hi]}: the pages cow.c's test works on. */
    private record Range(String region, long lo, long hi) {
        List<Long> sampled() {
            return lo == hi ? List.of(lo) : List.of(lo, hi);
        }

        @Override
        public String toString() {
            return region + (lo == hi ? "[" + lo + "]" : "[" + lo + ".." + hi + "]");
        }
    }

    private static Range range(String spec, long n) {
        Matcher m = Pattern.compile("([A-Za-z_]+)\\[(.+)\\.\\.(.+)\\]").matcher(spec);
        if (!m.matches()) {
            throw new IllegalArgumentException("range: expected R[lo..hi], got " + spec);
        }
        return new Range(m.group(1), eval(m.group(2), n), eval(m.group(3), n));
    }

    private void expand(List<String> template, Context cx, List<String> out) {
        for (String raw : template) {
            String line = raw;
            Matcher cond = CONDITION.matcher(line);
            if (cond.matches()) {
                if (!holds(cond.group(1), cx)) {
                    continue;
                }
                line = cond.group(2);
            }
            if (line.startsWith("@")) {
                List<String> snippet = snippets.get(line.substring(1).strip());
                if (snippet == null) {
                    throw new IllegalArgumentException("no snippet " + line);
                }
                expand(snippet, cx, out);
            } else if (line.contains("{each") || line.contains("{#}")) {
                List<Long> pages = cx.range.sampled();
                for (int i = 0; i < pages.size(); i++) {
                    out.add(substitute(i == 0 ? line : again(line), cx, pages.get(i), i));
                }
            } else {
                out.add(substitute(line, cx, -1, -1));
            }
        }
    }

    /** A line repeated for the next page: its comment said it once, unless it marks a SKIP. */
    private static String again(String line) {
        int hash = line.indexOf(" #");
        if (hash < 0) {
            return line;
        }
        String stmt = line.substring(0, hash).stripTrailing();
        return line.indexOf(SKIP_MARK, hash) < 0 ? stmt : stmt + "  # " + SKIP_MARK + " likewise";
    }

    /** {@code [mthp]}: a size below 2M; {@code [V]}: the variant V of the test. */
    private static boolean holds(String condition, Context cx) {
        if (condition.equals("mthp")) {
            return cx.n < PMD_PAGES;
        }
        if (cx.test.variants.stream().noneMatch(v -> v.name.equals(condition))) {
            throw new IllegalArgumentException("unknown condition [" + condition + "] in test " + cx.test.id);
        }
        return cx.variant.name.equals(condition);
    }

    private static String substitute(String line, Context cx, long page, int index) {
        Matcher pm = PAGES.matcher(line);
        StringBuilder sb = new StringBuilder();
        while (pm.find()) {
            String[] ends = pm.group(2).split("\\.\\.", -1);
            StringBuilder idx = new StringBuilder().append(eval(ends[0], cx.n));
            if (ends.length == 2) {
                idx.append("..").append(eval(ends[1], cx.n));
            }
            pm.appendReplacement(sb, Matcher.quoteReplacement(pm.group(1) + "[" + idx + "]"));
        }
        pm.appendTail(sb);
        Matcher m = PLACEHOLDER.matcher(sb.toString());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1), cx, page, index)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String value(String name, Context cx, long page, int index) {
        switch (name) {
            case "size":
                return cx.size;
            case "range":
                return cx.range.toString();
            case "faulted":
                return cx.n == PMD_PAGES ? "2M:pmd" : cx.size + ":pte";
            case "each":
                return cx.range.region + "[" + page + "]";
            case "#":
                return String.valueOf(index);
            default:
                break;
        }
        if (name.startsWith("each:")) {
            return name.substring(5) + "[" + page + "]";
        }
        if (cx.test.variants.stream().anyMatch(v -> !v.name.isEmpty() && v.name.equals(name))) {
            return cx.variant.name.equals(name) ? " " + name : "";
        }
        if (name.contains("N")) {
            return String.valueOf(eval(name, cx.n));
        }
        throw new IllegalArgumentException("unknown placeholder {" + name + "}");
    }

    /** Arithmetic on N: terms joined by + and -, factors by * and /, {@code 2N} for 2*N. */
    static long eval(String expr, long n) {
        String s = expr.replace(" ", "").replaceAll("(\\d)N", "$1*N");
        long sum = 0;
        for (String term : s.replace("-", "+-").split("\\+")) {
            if (term.isEmpty()) {
                continue;
            }
            boolean negative = term.startsWith("-");
            String[] parts = (negative ? term.substring(1) : term).split("(?=[*/])");
            long v = factor(parts[0], n);
            for (int i = 1; i < parts.length; i++) {
                long f = factor(parts[i].substring(1), n);
                v = parts[i].charAt(0) == '*' ? v * f : v / f;
            }
            sum += negative ? -v : v;
        }
        return sum;
    }

    private static long factor(String f, long n) {
        return f.equals("N") ? n : Long.parseLong(f);
    }

    /** The size in 4 KiB pages: 16K is 4, 2M 512, 1G 262144. */
    static long pages(String size) {
        long k = Long.parseLong(size.substring(0, size.length() - 1));
        return switch (size.charAt(size.length() - 1)) {
            case 'K' -> k / 4;
            case 'M' -> k * 256;
            case 'G' -> k * 262_144;
            default -> throw new IllegalArgumentException("not a size: " + size);
        };
    }

    /** The statements with their comments lined up, as the hand-written scenarios have them. */
    private static List<String> aligned(List<String> lines) {
        int width = 0;
        for (String l : lines) {
            int hash = l.indexOf('#');
            if (hash > 0) {
                width = Math.max(width, l.substring(0, hash).stripTrailing().length());
            }
        }
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            int hash = l.indexOf('#');
            if (hash > 0) {
                String stmt = l.substring(0, hash).stripTrailing();
                out.add(stmt + " ".repeat(width + 2 - stmt.length()) + l.substring(hash).strip());
            } else {
                out.add(l.strip());
            }
        }
        return out;
    }

    // ---- writing -----------------------------------------------------------------------------------

    /**
     * Writes every generated file below {@code dir} (examples/conformance) and deletes the .mms files
     * of its subfolders that are no longer generated. Returns how many files it wrote or deleted.
     */
    static int write(Path dir) throws IOException {
        Map<String, String> files = read(dir.resolve(DESCRIPTION)).generated();
        int changed = 0;
        for (var f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            if (!Files.isRegularFile(p) || !Files.readString(p, StandardCharsets.UTF_8).equals(f.getValue())) {
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
                changed++;
            }
        }
        for (String stale : stale(dir, files.keySet())) {
            Files.delete(dir.resolve(stale));
            changed++;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path d : walk.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                try (Stream<Path> in = Files.list(d)) {
                    if (!d.equals(dir) && in.findAny().isEmpty()) {
                        Files.delete(d);
                    }
                }
            }
        }
        return changed;
    }

    /** The .mms files in subfolders of {@code dir} that are not among {@code generated}. */
    static List<String> stale(Path dir, Set<String> generated) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".mms"))
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(f -> f.contains("/") && !generated.contains(f)).sorted().toList();
        }
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "examples/conformance");
        int changed = write(dir);
        System.out.println(dir + ": " + changed + " files written or deleted");
    }
}
