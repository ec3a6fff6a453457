package ai.sentiric.support.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.sentiric.proto.media.v1.AllocatePortRequest;
import ai.sentiric.proto.media.v1.AllocatePortResponse;
import ai.sentiric.proto.media.v1.MediaServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which thread reads the replies of a service's channels, on real servers and channels over loopback. */
class GrpcClientEventLoopTests {

    private final List<Server> servers = new ArrayList<>();
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final GrpcClientEventLoop loop = new GrpcClientEventLoop(new GrpcClientProperties(1));

    @AfterEach
    void stop() {
        channels.forEach(ManagedChannel::shutdownNow);
        servers.forEach(Server::shutdownNow);
        loop.destroy();
    }

    @Test
    void channelsToDifferentServicesAreReadOnTheOneThreadOfTheLoop() throws Exception {
        // grpc-java's own group would hand each new channel the next of its threads.
        String first = replyThread(server());
        String second = replyThread(server());
        String third = replyThread(server());

        assertThat(List.of(first, second, third)).containsOnly("grpc-client-0");
    }

    @Test
    void refusesALoopWithoutThreads() {
        assertThatThrownBy(() -> new GrpcClientProperties(0)).hasMessageContaining("at least 1");
    }

    private int server() throws Exception {
        Server server = NettyServerBuilder.forPort(0).addService(new MediaServiceGrpc.MediaServiceImplBase() {
            @Override
            public void allocatePort(AllocatePortRequest request, StreamObserver<AllocatePortResponse> response) {
                response.onNext(AllocatePortResponse.newBuilder().setRtpPort(10000).build());
                response.onCompleted();
            }
        }).build().start();
        servers.add(server);
        return server.getPort();
    }

    /** The thread an AllocatePort reply arrives on, with the stub's direct executor (as sip-signaling's clients have). */
    private String replyThread(int port) throws Exception {
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().directExecutor();
        loop.customize("127.0.0.1:" + port, builder);
        ManagedChannel channel = builder.build();
        channels.add(channel);
        CompletableFuture<String> thread = new CompletableFuture<>();
        MediaServiceGrpc.newStub(channel).allocatePort(AllocatePortRequest.newBuilder().setCallId("c").build(),
                new StreamObserver<>() {
                    @Override
                    public void onNext(AllocatePortResponse reply) {
                        thread.complete(Thread.currentThread().getName());
                    }

                    @Override
                    public void onError(Throwable failure) {
                        thread.completeExceptionally(failure);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        return thread.get(10, TimeUnit.SECONDS);
    }
}
