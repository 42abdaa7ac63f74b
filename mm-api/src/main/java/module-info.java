/**
 * The stable SPI of mmsim: page/PTE views, fault flags, the policy interfaces and the PF4J
 * extension points through which a plugin contributes policies, invariants and report formats.
 * Every public type says its status with apiguardian's {@code @API} (as the JUnit Platform does):
 * {@code STABLE} types change only compatibly within a major version; {@code EXPERIMENTAL} ones
 * may still change in a minor one.
 *
 * <p>Exported to everyone: PF4J loads plugin classes into unnamed modules, which can only see
 * unqualified exports.
 */
module org.mmsim.api {
    requires transitive org.pf4j;
    // @API is retained in class files only: needed to compile against mm-api, never at run time
    requires static transitive org.apiguardian.api;

    exports org.mmsim.api;
}
