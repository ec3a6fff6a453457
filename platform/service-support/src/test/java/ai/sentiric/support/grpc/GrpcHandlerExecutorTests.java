package ai.sentiric.support.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.sentiric.proto.media.v1.AllocatePortRequest;
import ai.sentiric.proto.media.v1.AllocatePortResponse;
import ai.sentiric.proto.media.v1.MediaServiceGrpc;
import ai.sentiric.proto.media.v1.ReleasePortRequest;
import ai.sentiric.proto.media.v1.ReleasePortResponse;
import ai.sentiric.support.errors.DomainException;
import ai.sentiric.support.errors.GrpcErrors;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which thread serves a call, on a real server and channel over loopback. */
class GrpcHandlerExecutorTests {

    /**
     * AllocatePort marked non-blocking (a call id starting "offload" has it offload), ReleasePort
     * not; each remembers the thread that served it.
     */
    class Media extends MediaServiceGrpc.MediaServiceImplBase {

        final Map<String, String> threads = new ConcurrentHashMap<>();

        @Override
        @NonBlockingRpc
        public void allocatePort(AllocatePortRequest request, StreamObserver<AllocatePortResponse> response) {
            threads.put("AllocatePort", Thread.currentThread().getName());
            if (!request.getCallId().startsWith("offload")) {
                response.onNext(AllocatePortResponse.newBuilder().setRtpPort(10000).build());
                response.onCompleted();
                return;
            }
            executor.offload(response, () -> {
                threads.put("offloaded", Thread.currentThread().getName());
                if (request.getCallId().equals("offload-unknown")) {
                    throw DomainException.notFound("call", request.getCallId());
                }
                return AllocatePortResponse.newBuilder().setRtpPort(10002).build();
            });
        }

        @Override
        public void releasePort(ReleasePortRequest request, StreamObserver<ReleasePortResponse> response) {
            threads.put("ReleasePort", Thread.currentThread().getName());
            response.onNext(ReleasePortResponse.getDefaultInstance());
            response.onCompleted();
        }
    }

    private final Media media = new Media();
    private GrpcHandlerExecutor<NettyServerBuilder> executor;
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        executor = new GrpcHandlerExecutor<>(new GrpcServerProperties(4), () -> List.<BindableService>of(media), new GrpcErrors());
        NettyServerBuilder builder = NettyServerBuilder.forPort(0).addService(media);
        executor.customize(builder);
        server = builder.build().start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        executor.destroy();
    }

    @Test
    void aNonBlockingHandlerRunsOnTheTransportThreadAndTheOthersOnThePool() {
        var stub = MediaServiceGrpc.newBlockingStub(channel);

        assertThat(stub.allocatePort(AllocatePortRequest.newBuilder().setCallId("c-1").build()).getRtpPort()).isEqualTo(10000);
        stub.releasePort(ReleasePortRequest.newBuilder().setCallId("c-1").build());

        assertThat(media.threads.get("AllocatePort")).doesNotStartWith("grpc-handler-");
        assertThat(media.threads.get("ReleasePort")).startsWith("grpc-handler-");
    }

    @Test
    void anOffloadedAnswerComesFromThePoolAndItsFailureKeepsItsStatus() {
        var stub = MediaServiceGrpc.newBlockingStub(channel);

        assertThat(stub.allocatePort(AllocatePortRequest.newBuilder().setCallId("offload").build()).getRtpPort()).isEqualTo(10002);
        assertThat(media.threads.get("AllocatePort")).doesNotStartWith("grpc-handler-");
        assertThat(media.threads.get("offloaded")).startsWith("grpc-handler-");

        assertThatThrownBy(() -> stub.allocatePort(AllocatePortRequest.newBuilder().setCallId("offload-unknown").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }
}
