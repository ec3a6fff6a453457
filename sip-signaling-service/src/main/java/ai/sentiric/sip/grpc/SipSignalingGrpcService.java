package ai.sentiric.sip.grpc;

import ai.sentiric.proto.sip.v1.*;
import ai.sentiric.sip.call.CallService;
import ai.sentiric.support.errors.DomainException;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.springframework.stereotype.Service;

/** The SipSignalingService contract, adapted onto the call service. */
@Service
public class SipSignalingGrpcService extends SipSignalingServiceGrpc.SipSignalingServiceImplBase {

    private final CallService calls;

    public SipSignalingGrpcService(CallService calls) {
        this.calls = calls;
    }

    @Override
    public void terminateCall(TerminateCallRequest request, StreamObserver<TerminateCallResponse> response) {
        if (!calls.terminate(request.getCallId(), request.getReason())) {
            throw DomainException.notFound("call", request.getCallId());
        }
        response.onNext(TerminateCallResponse.getDefaultInstance());
        response.onCompleted();
    }

    @Override
    public void getCall(GetCallRequest request, StreamObserver<GetCallResponse> response) {
        var call = calls.find(request.getCallId()).orElseThrow(() -> DomainException.notFound("call", request.getCallId()));
        response.onNext(GetCallResponse.newBuilder().setCallId(call.callId())
                .setTenantId(call.tenantId() == null ? "" : call.tenantId())
                .setState(switch (call.state()) {
                    case "SETTING_UP", "RINGING" -> CallState.CALL_STATE_RINGING;
                    case "ANSWERING", "ANSWERED" -> CallState.CALL_STATE_ANSWERED;
                    default -> CallState.CALL_STATE_ENDING;
                })
                .setRtpPort(call.rtpPort()).build());
        response.onCompleted();
    }

    @Override
    public void transferCall(TransferCallRequest request, StreamObserver<TransferCallResponse> response) {
        response.onError(Status.UNIMPLEMENTED.withDescription("call transfer (REFER) is not supported yet").asRuntimeException());
    }
}
