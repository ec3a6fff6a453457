package ai.sentiric.support.warmup;

/**
 * Something a service readies once it has started, so that its first requests after a (re)start
 * do not pay for it: a lazily loaded path, a first query, a connection. Every bean that implements
 * it runs once, on a platform thread of its own (not a virtual one: see SupportAutoConfiguration),
 * off the start-up path; a failure is only logged (the first real request then pays, as it would have).
 */
@FunctionalInterface
public interface WarmUp {

    void warmUp();
}
