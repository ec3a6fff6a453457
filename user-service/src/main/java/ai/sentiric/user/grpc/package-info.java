/** The UserService gRPC adapter: proto in, domain call, proto out. */
@NullMarked
package ai.sentiric.user.grpc;

import org.jspecify.annotations.NullMarked;
