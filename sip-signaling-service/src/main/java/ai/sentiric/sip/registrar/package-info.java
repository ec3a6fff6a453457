/** REGISTER: contact bindings kept in Redis for their expiry. */
@NullMarked
package ai.sentiric.sip.registrar;

import org.jspecify.annotations.NullMarked;
