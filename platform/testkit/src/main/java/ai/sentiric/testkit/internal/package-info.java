/** How each kind of infrastructure is found or started. */
@NullMarked
package ai.sentiric.testkit.internal;

import org.jspecify.annotations.NullMarked;
