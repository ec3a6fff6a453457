/** cdr-service: every call event becomes a correct, complete call record. */
@NullMarked
package ai.sentiric.cdr;

import org.jspecify.annotations.NullMarked;
