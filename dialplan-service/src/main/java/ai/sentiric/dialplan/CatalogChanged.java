package ai.sentiric.dialplan;

/**
 * Published inside a transaction that changed routes, plans, schedules, trunks, announcements or
 * templates; resolution caches drop their entries once it commits.
 */
public record CatalogChanged(String tenantId, String what) {
}
