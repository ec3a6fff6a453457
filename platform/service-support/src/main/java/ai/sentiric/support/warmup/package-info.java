/** Readying a service's first requests after a (re)start, so that the first calls do not pay for it. */
@NullMarked
package ai.sentiric.support.warmup;

import org.jspecify.annotations.NullMarked;
