@NullMarked
package ai.sentiric.support.tracing;

import org.jspecify.annotations.NullMarked;
