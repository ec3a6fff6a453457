/** The port implemented on the JAIN-SIP reference implementation. */
@NullMarked
package ai.sentiric.sip.stack.jain;

import org.jspecify.annotations.NullMarked;
