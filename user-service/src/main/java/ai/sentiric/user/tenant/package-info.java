/** Tenants (the businesses on the platform) and their API keys. */
@NullMarked
package ai.sentiric.user.tenant;

import org.jspecify.annotations.NullMarked;
