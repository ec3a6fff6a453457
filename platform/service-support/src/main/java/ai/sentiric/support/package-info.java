/** What every service of the fleet shares: errors, trace ids, log masking. */
@NullMarked
package ai.sentiric.support;

import org.jspecify.annotations.NullMarked;
