/** sip-signaling-service: the platform's ear. */
@NullMarked
package ai.sentiric.sip;

import org.jspecify.annotations.NullMarked;
