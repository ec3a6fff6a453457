/** Listener containers, retry and dead-lettering behind {@link ai.sentiric.events.EventHandler}. */
@NullMarked
package ai.sentiric.events.internal;

import org.jspecify.annotations.NullMarked;
