/** user-service: tenants, users and contacts, operator accounts, SIP credentials. */
@NullMarked
package ai.sentiric.user;

import org.jspecify.annotations.NullMarked;
