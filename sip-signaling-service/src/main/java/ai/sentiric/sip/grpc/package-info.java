/** The SipSignalingService gRPC adapter. */
@NullMarked
package ai.sentiric.sip.grpc;

import org.jspecify.annotations.NullMarked;
