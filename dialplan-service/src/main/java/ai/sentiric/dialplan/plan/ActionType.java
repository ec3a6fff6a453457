package ai.sentiric.dialplan.plan;

/** What a plan does with a call; see dialplan.proto for each action's data keys. */
public enum ActionType { START_AI_CONVERSATION, PROCESS_GUEST_CALL, PLAY_ANNOUNCEMENT, TRANSFER, ECHO_TEST }
