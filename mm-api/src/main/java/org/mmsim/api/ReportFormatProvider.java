package org.mmsim.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;
import org.pf4j.ExtensionPoint;

/** The PF4J extension point through which a plugin contributes report formats; the core's own come through it too. */
@API(status = EXPERIMENTAL, since = "0.1.0")
public interface ReportFormatProvider extends ExtensionPoint {
    List<ReportFormat> formats();
}
