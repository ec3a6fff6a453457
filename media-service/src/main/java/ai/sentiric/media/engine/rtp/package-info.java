/** RTP (RFC 3550) packets: parsing, building, and what makes a datagram not one. */
@NullMarked
package ai.sentiric.media.engine.rtp;

import org.jspecify.annotations.NullMarked;
