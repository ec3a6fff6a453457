/** Phone numbers in E.164, read with libphonenumber and a region. */
@NullMarked
package ai.sentiric.support.phone;

import org.jspecify.annotations.NullMarked;
