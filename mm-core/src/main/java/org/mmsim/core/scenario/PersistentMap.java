package org.mmsim.core.scenario;

/**
 * An immutable sorted map (a path-copying AVL tree) with O(log n) {@code get} and {@code put}.
 *
 * <p>The parser's static checks give every process a table of regions, and {@code fork} copies
 * the parent's table: with a persistent map that copy is O(1), so a hostile file with many
 * regions and many forks still parses in linear-logarithmic time. Insert and replace only.
 */
final class PersistentMap<K extends Comparable<? super K>, V> {
    private static final PersistentMap<?, ?> EMPTY = new PersistentMap<>(null, 0);

    private static final class Node<K, V> {
        final K key;
        final V value;
        final Node<K, V> left;
        final Node<K, V> right;
        final int height;

        Node(K key, V value, Node<K, V> left, Node<K, V> right) {
            this.key = key;
            this.value = value;
            this.left = left;
            this.right = right;
            this.height = 1 + Math.max(height(left), height(right));
        }
    }

    private final Node<K, V> root;
    private final int size;

    private PersistentMap(Node<K, V> root, int size) {
        this.root = root;
        this.size = size;
    }

    @SuppressWarnings("unchecked")
    static <K extends Comparable<? super K>, V> PersistentMap<K, V> empty() {
        return (PersistentMap<K, V>) EMPTY;
    }

    int size() {
        return size;
    }

    V get(K key) {
        Node<K, V> n = root;
        while (n != null) {
            int c = key.compareTo(n.key);
            if (c == 0) {
                return n.value;
            }
            n = c < 0 ? n.left : n.right;
        }
        return null;
    }

    boolean containsKey(K key) {
        return get(key) != null;
    }

    /** A map with {@code key} bound to {@code value} (non-null); this map is unchanged. */
    PersistentMap<K, V> put(K key, V value) {
        if (value == null) {
            throw new IllegalArgumentException("null value");
        }
        boolean[] added = new boolean[1];
        Node<K, V> r = put(root, key, value, added);
        return new PersistentMap<>(r, added[0] ? size + 1 : size);
    }

    private static <K extends Comparable<? super K>, V> Node<K, V> put(Node<K, V> n, K key, V value,
                                                                       boolean[] added) {
        if (n == null) {
            added[0] = true;
            return new Node<>(key, value, null, null);
        }
        int c = key.compareTo(n.key);
        if (c == 0) {
            return new Node<>(key, value, n.left, n.right);
        }
        if (c < 0) {
            return balance(n.key, n.value, put(n.left, key, value, added), n.right);
        }
        return balance(n.key, n.value, n.left, put(n.right, key, value, added));
    }

    private static int height(Node<?, ?> n) {
        return n == null ? 0 : n.height;
    }

    private static <K, V> Node<K, V> balance(K key, V value, Node<K, V> l, Node<K, V> r) {
        int hl = height(l);
        int hr = height(r);
        if (hl > hr + 1) {
            if (height(l.left) >= height(l.right)) {
                return new Node<>(l.key, l.value, l.left, new Node<>(key, value, l.right, r));
            }
            Node<K, V> lr = l.right;
            return new Node<>(lr.key, lr.value, new Node<>(l.key, l.value, l.left, lr.left),
                    new Node<>(key, value, lr.right, r));
        }
        if (hr > hl + 1) {
            if (height(r.right) >= height(r.left)) {
                return new Node<>(r.key, r.value, new Node<>(key, value, l, r.left), r.right);
            }
            Node<K, V> rl = r.left;
            return new Node<>(rl.key, rl.value, new Node<>(key, value, l, rl.left),
                    new Node<>(r.key, r.value, rl.right, r.right));
        }
        return new Node<>(key, value, l, r);
    }
}
