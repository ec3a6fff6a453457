package ai.sentiric.user.user;

/** What a user is to its tenant. */
public enum UserType { CALLER, AGENT, ADMIN }
