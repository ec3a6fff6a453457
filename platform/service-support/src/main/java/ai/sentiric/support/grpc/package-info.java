/** How every service's gRPC server runs its handlers, and Spring gRPC's observations left off. */
@NullMarked
package ai.sentiric.support.grpc;

import org.jspecify.annotations.NullMarked;
