/**
 * The stable SPI of mmsim: page/PTE views, fault flags, the policy interfaces and the PF4J
 * extension point through which a plugin contributes policies.
 *
 * <p>Exported to everyone: PF4J loads plugin classes into unnamed modules, which can only see
 * unqualified exports.
 */
module org.mmsim.api {
    requires transitive org.pf4j;

    exports org.mmsim.api;
}
