/** ResolveDialplan: the resolution order, its caches and their invalidation. */
@NullMarked
package ai.sentiric.dialplan.resolve;

import org.jspecify.annotations.NullMarked;
