/** Dialplans: one typed action with its parameters, a tenant's own or the system's. */
@NullMarked
package ai.sentiric.dialplan.plan;

import org.jspecify.annotations.NullMarked;
