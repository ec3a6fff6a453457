/** The DialplanService gRPC adapter. */
@NullMarked
package ai.sentiric.dialplan.grpc;

import org.jspecify.annotations.NullMarked;
