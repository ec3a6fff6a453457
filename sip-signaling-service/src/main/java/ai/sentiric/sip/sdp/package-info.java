/** SDP offer/answer (RFC 3264) for G.711 audio and telephone-event. */
@NullMarked
package ai.sentiric.sip.sdp;

import org.jspecify.annotations.NullMarked;
