/** From the bus to committed rows: validation, the order-independent projection, costs. */
@NullMarked
package ai.sentiric.cdr.ingest;

import org.jspecify.annotations.NullMarked;
