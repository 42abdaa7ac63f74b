package org.mmsim.dist.hostile;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.util.ArrayList;
import java.util.List;
import org.mmsim.api.PageView;
import org.mmsim.api.PinDecision;
import org.mmsim.api.PinRequest;
import org.mmsim.api.Policy;
import org.mmsim.api.WpDecision;
import org.mmsim.api.WpFault;

/**
 * Packed into a plugin jar by EncapsulationIT: a policy that, on every write fault, tries to reach
 * mm-core's internals by reflection:
 * <ol>
 *   <li>a private field of the page view the core hands it ({@code Views.Page.frame}, package
 *       org.mmsim.core.mm): {@code getDeclaredField} + {@code setAccessible(true)};
 *   <li>the constructor of {@code org.mmsim.core.mm.Machine}: {@code Class.forName} +
 *       {@code getDeclaredConstructors()[0].setAccessible(true)};
 *   <li>a private lookup into {@code Machine}: {@code MethodHandles.privateLookupIn}.
 * </ol>
 * Any of them succeeding throws {@code IllegalStateException("reached mm-core internals: ...")}
 * (the run ends in {@code error}). When all fail as JPMS makes them fail (InaccessibleObjectException,
 * IllegalAccessException), it answers as the unshare policy does: exclusive or sole reference, reuse;
 * else copy. Any other outcome (the class not found, no such field) is also an error: the test must
 * exercise the module boundary, not a typo.
 *
 * <p>As a control, the same reflection on this class's own private field (the plugin's unnamed
 * module) must succeed, else the policy throws too. No nested classes or lambdas: this class and
 * {@link ReflectingPolicies} are the whole plugin.
 */
public class ReflectingPolicy extends LikeUnshare {
    public static final String ID = "reflecting";
    public static final String REACHED = "reached mm-core internals: ";
    public static final String MACHINE = "org.mmsim.core.mm.Machine";

    /** The control's target: private, never read otherwise. */
    private int secret = 42;

    public ReflectingPolicy() {
        super(ID);
    }

    @Override
    public String summary() {
        return "test plugin: tries to reflect into mm-core on every write fault";
    }

    /**
     * Tries every way in; returns what succeeded (empty when JPMS kept them all out). Public so that
     * the test can call it on a page view of a class-path machine, where nothing keeps it out.
     */
    public List<String> tryToReachCore(PageView page) {
        control();
        List<String> reached = new ArrayList<>();
        try {
            Field f = page.getClass().getDeclaredField("frame");
            f.setAccessible(true);
            reached.add("field " + page.getClass().getName() + ".frame = " + f.getInt(page));
        } catch (InaccessibleObjectException | IllegalAccessException e) {
            // kept out
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("the probe is stale: " + page.getClass().getName() + " has no field frame", e);
        }
        Class<?> machine;
        try {
            machine = Class.forName(MACHINE);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the probe is stale: cannot load " + MACHINE, e);
        }
        try {
            Constructor<?> c = machine.getDeclaredConstructors()[0];
            c.setAccessible(true);
            reached.add("constructor " + c);
        } catch (InaccessibleObjectException e) {
            // kept out
        }
        try {
            MethodHandles.privateLookupIn(machine, MethodHandles.lookup());
            reached.add("private lookup in " + MACHINE);
        } catch (IllegalAccessException e) {
            // kept out
        }
        return reached;
    }

    /** The same reflection on this plugin's own class, which nothing protects, must work. */
    private void control() {
        try {
            Field f = ReflectingPolicy.class.getDeclaredField("secret");
            f.setAccessible(true);
            if (f.getInt(this) != 42) {
                throw new IllegalStateException("control: read " + f.getInt(this) + " from secret");
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("control: reflection on the plugin's own class failed: " + e, e);
        }
    }

    @Override
    public WpDecision doWpPage(WpFault fault) {
        PageView page = fault.page();
        List<String> reached = tryToReachCore(page);
        if (!reached.isEmpty()) {
            throw new IllegalStateException(REACHED + String.join("; ", reached));
        }
        return super.doWpPage(fault);
    }

    @Override
    public PinDecision pinReadOnly(PinRequest request) {
        return PinDecision.pin();
    }
}
