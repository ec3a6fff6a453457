package ai.sentiric.dialplan.grpc;

import ai.sentiric.dialplan.plan.Dialplan;
import ai.sentiric.dialplan.prompt.Announcement;
import ai.sentiric.dialplan.prompt.PromptTemplate;
import ai.sentiric.dialplan.trunk.SipTrunk;
import ai.sentiric.proto.dialplan.v1.ActionType;
import ai.sentiric.proto.dialplan.v1.DialplanAction;

/** Domain objects to proto messages. */
final class DialplanProtos {

    private DialplanProtos() {
    }

    static ai.sentiric.proto.dialplan.v1.Dialplan plan(Dialplan plan) {
        return ai.sentiric.proto.dialplan.v1.Dialplan.newBuilder()
                .setId(plan.getId()).setTenantId(plan.getTenantId()).setDescription(plan.getDescription())
                .setAction(DialplanAction.newBuilder().setType(ActionType.valueOf("ACTION_TYPE_" + plan.getActionType().name()))
                        .putAllData(plan.getActionData()))
                .build();
    }

    static ai.sentiric.proto.dialplan.v1.SipTrunk trunk(SipTrunk trunk) {
        return ai.sentiric.proto.dialplan.v1.SipTrunk.newBuilder()
                .setId(trunk.getId()).setTenantId(trunk.getTenantId()).setName(trunk.getName())
                .addAllAllowedCidrs(trunk.getAllowedCidrs()).addAllCodecs(trunk.getCodecs()).setActive(trunk.isActive())
                .build();
    }

    static ai.sentiric.proto.dialplan.v1.Announcement announcement(Announcement a) {
        return ai.sentiric.proto.dialplan.v1.Announcement.newBuilder().setId(a.getId()).setTenantId(a.getTenantId())
                .setLanguageCode(a.getLanguageCode()).setAudioPath(a.getAudioPath()).setText(a.getText()).build();
    }

    static ai.sentiric.proto.dialplan.v1.PromptTemplate template(PromptTemplate t) {
        return ai.sentiric.proto.dialplan.v1.PromptTemplate.newBuilder().setId(t.getId()).setTenantId(t.getTenantId())
                .setLanguageCode(t.getLanguageCode()).setTemplateType(t.getTemplateType()).setContent(t.getContent()).build();
    }
}
