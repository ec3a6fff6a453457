/** SIP digest credentials, stored as HA1 for the configured realm. */
@NullMarked
package ai.sentiric.user.sip;

import org.jspecify.annotations.NullMarked;
