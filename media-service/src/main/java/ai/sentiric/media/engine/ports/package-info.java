/** The even RTP ports of a media server, with quarantine after release. */
@NullMarked
package ai.sentiric.media.engine.ports;

import org.jspecify.annotations.NullMarked;
