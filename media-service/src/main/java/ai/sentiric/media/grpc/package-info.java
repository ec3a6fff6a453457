/** The gRPC adapter of the engine (media.v1.MediaService). */
@NullMarked
package ai.sentiric.media.grpc;

import org.jspecify.annotations.NullMarked;
