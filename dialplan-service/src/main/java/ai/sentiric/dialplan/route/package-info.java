/** Inbound routes: an E.164 number to its tenant, plans, schedule and switches. */
@NullMarked
package ai.sentiric.dialplan.route;

import org.jspecify.annotations.NullMarked;
