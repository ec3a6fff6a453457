/** SIP trunks: which source addresses may send calls, and with which codecs. */
@NullMarked
package ai.sentiric.dialplan.trunk;

import org.jspecify.annotations.NullMarked;
