package ai.sentiric.sip.call;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The calls this instance carries, by SIP Call-ID. A call leaves only when it ends, however long
 * it lasts: there is no janitor that forgets long calls.
 */
@Component
class CallRegistry {

    private final Map<String, Call> calls = new ConcurrentHashMap<>();

    /** False when a call with this Call-ID exists already. */
    boolean add(Call call) {
        return calls.putIfAbsent(call.callId, call) == null;
    }

    Optional<Call> find(String callId) {
        return Optional.ofNullable(calls.get(callId));
    }

    void remove(Call call) {
        if (calls.remove(call.callId, call) && calls.isEmpty()) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** Waits until no call is left, at most {@code timeout}; false when calls remain. */
    synchronized boolean awaitEmpty(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!calls.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    int size() {
        return calls.size();
    }

    Collection<Call> all() {
        return calls.values();
    }
}
