/** Users, their contacts, and the user.changed notices that keep caches elsewhere right. */
@NullMarked
package ai.sentiric.user.user;

import org.jspecify.annotations.NullMarked;
