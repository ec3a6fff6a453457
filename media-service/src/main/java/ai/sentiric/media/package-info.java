/** media-service: the Spring host of the RTP engine (configuration, metrics). */
@NullMarked
package ai.sentiric.media;

import org.jspecify.annotations.NullMarked;
