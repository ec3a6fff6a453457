/** The local platform in one command: infrastructure, then every service, then where each listens. */
@NullMarked
package ai.sentiric.devstack;

import org.jspecify.annotations.NullMarked;
