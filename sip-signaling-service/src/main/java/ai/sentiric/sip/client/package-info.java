/** gRPC clients of user-, dialplan- and media-service, with deadlines. */
@NullMarked
package ai.sentiric.sip.client;

import org.jspecify.annotations.NullMarked;
