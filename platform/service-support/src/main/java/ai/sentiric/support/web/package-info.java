/** Shapes every REST API of the fleet shares. */
@NullMarked
package ai.sentiric.support.web;

import org.jspecify.annotations.NullMarked;
