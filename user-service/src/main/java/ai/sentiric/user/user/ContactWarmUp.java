package ai.sentiric.user.user;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Once started, off the start-up path, the two reads of FindUserByContact (the tenant, then the
 * contact) for a tenant that cannot exist: the first caller look-up after a (re)start would
 * otherwise wait for the queries to be prepared (before: 0.54 s, which dialplan-service's first
 * resolution and so the first call's set-up waited for).
 */
@Component
class ContactWarmUp implements ApplicationListener<ApplicationReadyEvent> {

    private final UserService users;
    private final ContactRepository contacts;

    ContactWarmUp(UserService users, ContactRepository contacts) {
        this.users = users;
        this.contacts = contacts;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        Thread.ofVirtual().name("contact-warm-up").start(() -> {
            try {
                contacts.findByTenantIdAndContactTypeAndContactValue("", ContactType.PHONE, "");
                users.findByContact("", ContactType.PHONE, "");
            } catch (RuntimeException expected) {
                // NOT_FOUND for the tenant, or the database is not reachable yet.
            }
        });
    }
}
