/** Schedules: a time zone, weekly opening hours and holidays. */
@NullMarked
package ai.sentiric.dialplan.schedule;

import org.jspecify.annotations.NullMarked;
