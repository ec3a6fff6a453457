/** The read API: calls of a tenant, one call in full, daily aggregates. */
@NullMarked
package ai.sentiric.cdr.calls;

import org.jspecify.annotations.NullMarked;
