/** Operator accounts of the dashboard and API, with Argon2 password hashes. */
@NullMarked
package ai.sentiric.user.operator;

import org.jspecify.annotations.NullMarked;
