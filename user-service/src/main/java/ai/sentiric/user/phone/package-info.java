/** Phone numbers in E.164, read with libphonenumber and a tenant region. */
@NullMarked
package ai.sentiric.user.phone;

import org.jspecify.annotations.NullMarked;
