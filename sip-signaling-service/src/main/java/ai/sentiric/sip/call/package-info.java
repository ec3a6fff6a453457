/** Calls: set-up, answer, every way they end, and the events announcing them. */
@NullMarked
package ai.sentiric.sip.call;

import org.jspecify.annotations.NullMarked;
