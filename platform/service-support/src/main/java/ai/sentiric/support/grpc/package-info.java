/** How every service's gRPC server runs its handlers. */
@NullMarked
package ai.sentiric.support.grpc;

import org.jspecify.annotations.NullMarked;
