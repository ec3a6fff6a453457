/** The REST admin API: request and response records, controllers, paging. */
@NullMarked
package ai.sentiric.user.web;

import org.jspecify.annotations.NullMarked;
