package org.mmsim.core.mm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mmsim.api.PageView;

/**
 * What the trace says at each point of the machine: one method per event, named after the kernel
 * function or tracepoint it stands for. The paths call these only when tracing, so the text lives
 * here and not in the hot methods (which then stay small enough for the JIT to inline).
 */
final class Tracepoints {
    private final Machine m;

    Tracepoints(Machine m) {
        this.m = m;
    }

    // ---- how pages are named

    /** {@code #3 anon 'A'}: a frame as traces name it. */
    String frame(int f) {
        return "#" + f + " " + m.kindName(f) + " '" + m.stamps.value(m.frames.content(f)) + "'";
    }

    /** "exclusive " only means something under policies that keep PG_anon_exclusive (5.19 on). */
    String exclusive() {
        return m.policy.keepsAnonExclusive() ? "exclusive " : "";
    }

    /**
     * The facts about frame f that a decision rests on, as name/value pairs: counts and flags, the
     * exclusive flag only where the policy keeps one. Taken before the policy is asked.
     */
    Object[] pageFacts(int f) {
        List<Object> kv = new ArrayList<>(16);
        Folios.Folio folio = m.folio(f);
        kv.addAll(List.of("frame", f, "kind", m.kindName(f), "refcount", m.ref(f), "mapcount", m.mapCount(f)));
        if (folio != null) {
            kv.addAll(List.of("folio", Folios.sizeName(folio.nr), "entire mapcount", folio.entireMap,
                    "folio mapcount", m.folioMapCount(folio), "pincount", folio.pins));
        }
        if (m.frames.test(f, Frames.PG_SWAPCACHE)) {
            kv.addAll(List.of("swapcount", m.swap.count[m.frames.slot(f)]));
        }
        if (m.frames.anon(f)) {
            if (m.policy.keepsAnonExclusive()) {
                kv.addAll(List.of("anonExclusive", m.frames.test(f, Frames.PG_ANON_EXCLUSIVE)));
            }
            kv.addAll(List.of("maybePinned", m.maybeDmaPinned(f)));
        } else if (f != m.zeroPage && folio == null) {
            kv.addAll(List.of("dirty", m.frames.test(f, Frames.PG_DIRTY)));
        }
        return kv.toArray();
    }

    /** The counts and flags of {@link #pageFacts} as text: {@code refcount 2, mapcount 1, maybe pinned no}. */
    static String factsText(Object[] kv) {
        StringBuilder sb = new StringBuilder();
        for (int k = 4; k + 1 < kv.length; k += 2) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            String name = switch ((String) kv[k]) {
                case "anonExclusive" -> "PG_anon_exclusive";
                case "maybePinned" -> "maybe pinned";
                default -> (String) kv[k];
            };
            Object v = kv[k + 1];
            sb.append(name).append(' ').append(v instanceof Boolean b ? (b ? "yes" : "no") : v);
        }
        return sb.toString();
    }

    /** An event about page r[i] and frame f, with more facts after those two. */
    private void at(String event, String text, Region r, long i, int f, Object... more) {
        Object[] kv = Arrays.copyOf(new Object[] {"page", r.describe(i), "frame", f}, 4 + more.length);
        System.arraycopy(more, 0, kv, 4, more.length);
        m.trace(event, text, kv);
    }

    // ---- decisions

    /**
     * A policy's answer: what it was asked about (the facts taken before asking), what it answered,
     * and why: the rule it named, or else what it read.
     */
    void decision(String event, String subject, Object[] facts, String answer, Object... more) {
        Views v = m.views();
        String why = v.rule() != null ? v.rule() : "policy " + m.policy.id() + " read " + (v.reads().isEmpty()
                ? "nothing" : v.reads());
        List<Object> kv = new ArrayList<>(8 + facts.length + more.length);
        kv.add("page");
        kv.add(subject);
        kv.addAll(List.of(facts));
        kv.addAll(Arrays.asList(more));
        kv.addAll(List.of("decision", answer));
        if (v.rule() != null) {
            kv.addAll(List.of("rule", v.rule()));
        }
        kv.addAll(List.of("consulted", v.reads()));
        int f = (Integer) facts[1];
        m.trace(event, subject + " " + frame(f) + " (" + factsText(facts) + ") -> " + answer + ": " + why,
                kv.toArray());
    }

    // ---- faults (mm/memory.c)

    void fault(Process p, Region r, long i, long flags) {
        m.trace("handle_mm_fault", p.name + " " + r.describe(i) + " " + m.flags.names(flags), "process", p.name,
                "page", r.describe(i), "flags", m.flags.names(flags));
    }

    void anonymousPage(Region r, long i, int f, boolean write) {
        at("do_anonymous_page", write ? "write fault: new zero-filled " + exclusive() + "anonymous page #" + f
                + " mapped writable at " + r.describe(i) : "read fault: map the shared zeropage read-only at "
                + r.describe(i), r, i, f);
    }

    void readFault(Region r, long i, int f, boolean writable) {
        at("do_read_fault", "read fault: map page-cache page " + frame(f) + " at " + r.describe(i)
                + (writable ? " writable (shared memory needs no write notification)" : " read-only"), r, i, f);
    }

    void sharedFault(Region r, long i, int f) {
        at("do_shared_fault", "write fault: map page-cache page " + frame(f) + " writable at " + r.describe(i)
                + ", page dirty (fault_dirty_shared_page)", r, i, f);
    }

    void cowFault(Region r, long i, int cached, int f) {
        at("do_cow_fault", "write fault in a private mapping: copy page-cache page " + frame(cached) + " into "
                + exclusive() + "anonymous page #" + f + " at " + r.describe(i), r, i, f);
    }

    void swapIn(Region r, long i, int s, int f, boolean read) {
        if (read) {
            at("swapin_readahead", "read slot " + s + " into swap-cache page " + frame(f), r, i, f);
        } else {
            at("lookup_swap_cache", "slot " + s + " is still in the swap cache as " + frame(f), r, i, f);
        }
    }

    void swapPageMapped(Region r, long i, int f, boolean exclusiveEntry, boolean writable, boolean write) {
        at("do_swap_page", "map " + frame(f) + " at " + r.describe(i) + ": " + (exclusiveEntry
                ? "the swap PTE says exclusive" : "nobody else holds it") + ", so it is " + exclusive() + "and "
                + (writable ? "mapped writable" + (write ? "" : " even on a read fault (6.11)") : "mapped read-only")
                + (write ? ": no do_wp_page needed" : ""), r, i, f);
    }

    void swapPageShared(Region r, long i, int f, boolean mine) {
        at("do_swap_page", "map " + frame(f) + " read-only at " + r.describe(i)
                + (mine ? "" : ": it may be shared (refcount " + m.ref(f) + ")"), r, i, f);
    }

    void wpShared(Region r, long i, int f) {
        at("wp_page_shared", "shared mapping: map " + frame(f) + " writable, page dirty", r, i, f);
    }

    void wpNotAnon(Region r, long i, int f) {
        at("do_wp_page", (f == m.zeroPage ? "the shared zeropage" : "a page-cache page")
                + " in a private mapping is never reused: copy it", r, i, f);
    }

    void wpReuse(Region r, long i, int f, boolean unshare) {
        at("wp_page_reuse", unshare ? "unshare: keep " + frame(f) + (m.policy.keepsAnonExclusive() ? ", now exclusive"
                : "") + ", still read-only" : "reuse " + frame(f) + ": mapped writable", r, i, f);
    }

    void wpCopy(Region r, long i, int old, int f, boolean unshare) {
        at("wp_page_copy", (unshare ? "unshare: copy " : "copy ") + frame(old) + " into " + exclusive()
                + "anonymous page #" + f + ", mapped " + (unshare ? "read-only" : "writable") + " at " + r.describe(i),
                r, i, f, "from", old);
    }

    // ---- fork (kernel/fork.c, mm/memory.c)

    void fork(Process parent, Process child) {
        m.trace("dup_mmap", parent.name + " -> " + child.name, "parent", parent.name, "child", child.name);
    }

    void dontCopy(String what) {
        m.trace("dup_mmap", what + " is VM_DONTCOPY (MADV_DONTFORK): not copied", "page", what);
    }

    void noAnonVma(Region r) {
        m.trace("copy_page_range", r.name + " never had an anonymous page (no anon_vma): its entries are not copied,"
                + " the child faults the pages in (vma_needs_copy())", "region", r.name);
    }

    void swapEntryCopied(Region r, long i, int s, boolean wasExclusive) {
        m.trace("copy_nonpresent_pte", r.describe(i) + ": swap entry of slot " + s + " duplicated (swap count "
                + (m.swap.count[s] - 1) + " -> " + m.swap.count[s] + ")" + (wasExclusive && m.policy.keepsAnonExclusive()
                ? ", exclusive bit cleared in both" : ""), "page", r.describe(i), "slot", s, "decision", "share");
    }

    void sharedAtFork(Region r, long i, int f, boolean writable) {
        at("copy_present_pte", r.describe(i) + " " + frame(f) + ": shared mapping, the child maps the same page"
                + (writable ? " writable" : ""), r, i, f, "decision", "share");
    }

    void notAnonAtFork(Region r, long i, int f) {
        at("copy_present_pte", r.describe(i) + " " + frame(f) + ": not anonymous, shared read-only by both (a write "
                + "copies it)", r, i, f, "decision", "share");
    }

    void anonSharedAtFork(Region r, long i, int f) {
        at("copy_present_pte", "share " + frame(f) + " write-protected in both" + (m.policy.keepsAnonExclusive()
                ? ", PG_anon_exclusive cleared" : ""), r, i, f);
    }

    void copiedAtFork(Region r, long i, int f, int copy, boolean writable) {
        at("copy_present_page", r.describe(i) + ": the child gets its own " + exclusive() + "copy #" + copy + " of "
                + frame(f) + (writable ? ", writable" : ""), r, i, copy, "from", f);
    }

    // ---- GUP (mm/gup.c)

    void gup(Process p, String page, boolean pin, boolean write, boolean longterm, boolean fast, String name) {
        String what = (pin ? "FOLL_PIN" : "FOLL_GET") + (write ? "|FOLL_WRITE" : "") + (longterm ? "|FOLL_LONGTERM" : "")
                + (fast ? " (GUP-fast, slow path where it cannot go on)" : "");
        m.trace("__get_user_pages", p.name + " " + page + " " + what + " as " + name, "process", p.name, "page", page,
                "gupFlags", what, "handle", name);
    }

    void gupRefused(String why) {
        m.trace("check_vma_flags", why);
    }

    void grabbed(String name, int f, int before, boolean pin, boolean write, boolean longterm) {
        m.trace(pin ? "try_grab_folio" : "get_page", name + " " + (pin ? "pins " : "holds ") + frame(f) + " (refcount "
                + before + " -> " + m.ref(f) + (pin ? ", GUP_PIN_COUNTING_BIAS" : "") + ")", "handle", name,
                "frame", f, "pin", pin, "write", write, "longterm", longterm);
    }

    void released(Handle h) {
        int r = m.ref(h.frame);
        m.trace(h.pin ? "unpin_user_page" : "put_page", (h.pin ? "unpin_user_page " : "put_page ") + frame(h.frame)
                + " held by " + h.name + " (refcount " + r + " -> " + (r - h.refs()) + ")", "frame", h.frame, "handle",
                h.name);
    }

    void deviceWrite(Handle h, String value) {
        m.trace("device_write", "'" + value + "' into #" + h.frame + " through " + h.name
                + " (a DMA write does not dirty the page)", "frame", h.frame, "handle", h.name);
    }

    // ---- references, unmapping, swap

    void freed(int f) {
        m.trace("free_page", "#" + f + " freed", "frame", f);
    }

    void leftSwapCache(int f, int s) {
        m.trace("delete_from_swap_cache", "#" + f + " leaves the swap cache: no swap entry names slot " + s
                + " any more, slot " + s + " freed", "frame", f, "slot", s);
    }

    void slotFreed(int s) {
        m.trace("swap_free", "slot " + s + " freed", "slot", s);
    }

    void zapped(Region r, long i, int f, boolean dirties) {
        at("zap_pte_range", r.describe(i) + ": unmap " + frame(f) + " (refcount " + m.ref(f) + " -> "
                + (m.ref(f) - 1) + ")" + (dirties ? ", the dirty PTE dirties the page" : ""), r, i, f);
    }

    void swapEntryZapped(Region r, long i, int s) {
        m.trace("zap_pte_range", r.describe(i) + ": drop the swap entry of slot " + s + " (swap count "
                + m.swap.count[s] + " -> " + (m.swap.count[s] - 1) + ")", "page", r.describe(i), "slot", s);
    }

    void cacheRead(PageCache c, long i, int f, boolean fromStore) {
        m.trace("filemap_fault", (c.shmem ? "shmem " + c.name + "[" + i + "]: " + (fromStore ? "read back from swap"
                : "new zero-filled page") : "file " + c.name + "[" + i + "]: read from the file") + " into page-cache page "
                + frame(f), "page", c.name + "[" + i + "]", "frame", f);
    }

    void fileWrite(String file, int f, String value) {
        m.trace("generic_perform_write", "write '" + value + "' into page-cache page #" + f + " of " + file
                + ", now dirty", "frame", f);
    }

    // ---- address-space statements

    void exitMmap(Process p) {
        m.trace("exit_mmap", "exit_mmap " + p.name + ": every mapping goes", "process", p.name);
    }

    void munmap(Process p, Region r, long from, long to) {
        m.trace("unmap_region", "munmap " + p.name + " " + r.name + "[" + from + (to - from > 1 ? ".." + (to - 1) : "")
                + "]", "process", p.name, "region", r.name);
    }

    void mremap(Process p, Region r, long from, long to, String target) {
        m.trace("move_vma", "mremap " + p.name + " " + r.name + "[" + from + (to - from > 1 ? ".." + (to - 1) : "")
                + "] as " + target, "process", p.name, "region", r.name, "target", target);
    }

    void unnamed(Process p, String name, String hidden) {
        m.trace("get_unmapped_area", p.name + " still maps " + name + " (an earlier munmap or mremap of it failed): the"
                + " new mapping goes to a free address, and the old one stays mapped as " + hidden
                + ", which no statement can name", "process", p.name, "region", name, "now", hidden);
    }

    void faultAround(Region r, long i, int f) {
        at("filemap_map_pages", r.describe(i) + ": fault-around maps " + frame(f) + " too, read-only", r, i, f);
    }

    /** An event of the large-folio paths (huge_memory.c, hugetlb.c, khugepaged.c) about r[i] and frame f. */
    void folioEvent(String event, String text, Region r, long i, int f) {
        at(event, text, r, i, f);
    }

    void shmemEvicted(PageCache c) {
        m.trace("shmem_evict_inode", "the last mapping of shared memory " + c.name + " is gone: its pages go",
                "region", c.name);
    }

    void madvise(String proc, String region, String advice) {
        m.trace("madvise", "MADV_" + advice.toUpperCase(java.util.Locale.ROOT) + " " + proc + " " + region, "region",
                region, "advice", advice);
    }

    void mprotectUnchanged(String proc, String region, boolean writable) {
        m.trace("mprotect_fixup", "mprotect " + proc + " " + region + ": already " + (writable ? "writable" : "read-only")
                + ", nothing changes", "region", region);
    }

    void writeProtected(Region r, long i, int f) {
        at("change_pte_range", "write-protect " + r.describe(i) + " " + frame(f), r, i, f);
    }

    void staysReadOnly(Region r, long i, int f) {
        at("change_pte_range", r.describe(i) + " " + frame(f) + " stays read-only: a clean PTE of a shared file "
                + "mapping waits for the write fault that notifies the file system", r, i, f, "writable", false);
    }

    void madeWritable(Region r, long i, int f, String why) {
        at("change_pte_range", "map " + r.describe(i) + " " + frame(f) + " writable at once: " + why, r, i, f,
                "writable", true);
    }

    // ---- reclaim (mm/madvise.c, mm/vmscan.c)

    void pageoutSkipped(Region r, long i, String why) {
        m.trace("madvise_cold_or_pageout_pte_range", "pageout " + r.describe(i) + ": " + why, "page", r.describe(i),
                "decision", "keep");
    }

    void swappedOut(Region r, long i, int f, int s, boolean exclusiveEntry, boolean stays) {
        at("shrink_folio_list", r.describe(i) + ": " + frame(f) + " written to swap slot " + s + (exclusiveEntry
                && m.policy.keepsAnonExclusive() ? ", the swap PTE keeps the exclusive bit" : "") + (stays
                ? "; someone still holds it (refcount " + m.ref(f) + "), it stays in the swap cache" : ""), r, i, f,
                "slot", s, "decision", "swap out");
    }

    void cacheUnmapped(Region r, long i, int f, boolean dirtyPte) {
        at("try_to_unmap", "pageout " + r.describe(i) + ": " + frame(f) + " unmapped" + (dirtyPte
                ? ", the dirty PTE dirties the page" : ""), r, i, f);
    }

    void dirtyFileKept(Region r, long i, int f) {
        at("shrink_folio_list", "pageout " + r.describe(i) + ": " + frame(f) + " is dirty: file pages are written back "
                + "by the flusher, not by MADV_PAGEOUT; it stays in the page cache", r, i, f, "decision", "keep");
    }

    void heldKept(Region r, long i, int f, boolean writtenOut) {
        at("__remove_mapping", "pageout " + r.describe(i) + ": " + frame(f) + (writtenOut ? " written to swap, but" : "")
                + " still held by someone (refcount " + m.ref(f) + "): it stays in the page cache", r, i, f,
                "decision", "keep");
    }

    void cacheDropped(Region r, long i, int f, boolean writtenOut, boolean shmem) {
        at("__remove_mapping", "pageout " + r.describe(i) + ": " + frame(f) + (writtenOut ? " written to swap and dropped"
                : " is clean: dropped") + " from the page cache" + (writtenOut ? "" : "; reading it again reads "
                + (shmem ? "the last copy written out" : "the file")), r, i, f, "decision", "drop");
    }
}
