@NullMarked
package ai.sentiric.support.errors;

import org.jspecify.annotations.NullMarked;
