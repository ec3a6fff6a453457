package ai.sentiric.user.grpc;

import ai.sentiric.proto.user.v1.ContactType;
import ai.sentiric.proto.user.v1.OperatorRole;
import ai.sentiric.proto.user.v1.UserType;
import ai.sentiric.support.errors.DomainException;
import ai.sentiric.user.operator.Operator;
import ai.sentiric.user.tenant.Tenant;
import ai.sentiric.user.user.Contact;
import ai.sentiric.user.user.User;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Domain objects to proto messages and back. */
final class UserProtos {

    private UserProtos() {
    }

    static ai.sentiric.proto.user.v1.User user(User user) {
        var builder = ai.sentiric.proto.user.v1.User.newBuilder()
                .setId(user.getId().toString())
                .setTenantId(user.getTenantId())
                .setUserType(UserType.valueOf("USER_TYPE_" + user.getUserType().name()));
        if (user.getName() != null) {
            builder.setName(user.getName());
        }
        if (user.getPreferredLanguageCode() != null) {
            builder.setPreferredLanguageCode(user.getPreferredLanguageCode());
        }
        if (user.getCreatedAt() != null) {
            builder.setCreatedAt(timestamp(user.getCreatedAt()));
        }
        user.getContacts().forEach(contact -> builder.addContacts(contact(contact)));
        return builder.build();
    }

    static ai.sentiric.proto.user.v1.Contact contact(Contact contact) {
        return ai.sentiric.proto.user.v1.Contact.newBuilder()
                .setId(contact.getId())
                .setUserId(contact.getUser().getId().toString())
                .setContactType(ContactType.valueOf("CONTACT_TYPE_" + contact.getContactType().name()))
                .setContactValue(contact.getContactValue())
                .setIsPrimary(contact.isPrimary())
                .build();
    }

    static ai.sentiric.proto.user.v1.Tenant tenant(Tenant tenant) {
        var builder = ai.sentiric.proto.user.v1.Tenant.newBuilder()
                .setId(tenant.getId())
                .setName(tenant.getName())
                .setActive(tenant.isActive())
                .setDefaultRegion(tenant.getDefaultRegion())
                .setDefaultLanguageCode(tenant.getDefaultLanguageCode());
        if (tenant.getWebhookUrl() != null) {
            builder.setWebhookUrl(tenant.getWebhookUrl());
        }
        if (tenant.getCreatedAt() != null) {
            builder.setCreatedAt(timestamp(tenant.getCreatedAt()));
        }
        return builder.build();
    }

    static ai.sentiric.proto.user.v1.Operator operator(Operator operator) {
        return ai.sentiric.proto.user.v1.Operator.newBuilder()
                .setId(operator.getId().toString())
                .setTenantId(operator.getTenantId())
                .setEmail(operator.getEmail())
                .setRole(OperatorRole.valueOf("OPERATOR_ROLE_" + operator.getRole().name()))
                .build();
    }

    static ai.sentiric.user.user.UserType userType(UserType type) {
        return switch (type) {
            case USER_TYPE_CALLER -> ai.sentiric.user.user.UserType.CALLER;
            case USER_TYPE_AGENT -> ai.sentiric.user.user.UserType.AGENT;
            case USER_TYPE_ADMIN -> ai.sentiric.user.user.UserType.ADMIN;
            default -> throw DomainException.invalid("user_type is required");
        };
    }

    static ai.sentiric.user.user.ContactType contactType(ContactType type) {
        return switch (type) {
            case CONTACT_TYPE_PHONE -> ai.sentiric.user.user.ContactType.PHONE;
            case CONTACT_TYPE_EMAIL -> ai.sentiric.user.user.ContactType.EMAIL;
            case CONTACT_TYPE_WHATSAPP -> ai.sentiric.user.user.ContactType.WHATSAPP;
            case CONTACT_TYPE_TELEGRAM -> ai.sentiric.user.user.ContactType.TELEGRAM;
            default -> throw DomainException.invalid("contact_type is required");
        };
    }

    static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(field + " '" + value + "' is not a UUID");
        }
    }

    static String required(@Nullable String value, String field) {
        if (value == null || value.isBlank()) {
            throw DomainException.invalid(field + " is required");
        }
        return value;
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
