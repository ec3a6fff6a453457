package ai.sentiric.user.operator;

/** What an operator may do: everything, one tenant's administration, or reading one tenant's data. */
public enum OperatorRole { PLATFORM_ADMIN, TENANT_ADMIN, VIEWER }
