/** The SIP stack behind a port of our own: what the call logic needs of SIP, and nothing of JAIN-SIP. */
@NullMarked
package ai.sentiric.sip.stack;

import org.jspecify.annotations.NullMarked;
