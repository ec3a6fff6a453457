/** Architecture rules shared by the services' tests. */
@NullMarked
package ai.sentiric.testkit.architecture;

import org.jspecify.annotations.NullMarked;
