@NullMarked
package ai.sentiric.support.logging;

import org.jspecify.annotations.NullMarked;
