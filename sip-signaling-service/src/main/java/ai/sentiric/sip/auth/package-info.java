/** Digest authentication (RFC 3261 section 22, RFC 7616 MD5) with signed, expiring nonces and replay protection. */
@NullMarked
package ai.sentiric.sip.auth;

import org.jspecify.annotations.NullMarked;
