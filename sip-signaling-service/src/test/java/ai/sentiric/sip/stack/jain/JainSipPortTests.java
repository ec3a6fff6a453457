package ai.sentiric.sip.stack.jain;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.sentiric.sip.Sipp;
import ai.sentiric.sip.stack.IncomingRequest;
import ai.sentiric.sip.stack.SipEvents;
import ai.sentiric.sip.stack.SipResponse;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The UDP receive of {@link CompactUdpProcessors} on a real socket, in both of its modes: datagrams
 * handled on the receive thread itself (no workers) and handed to worker threads.
 */
class JainSipPortTests {

    @ParameterizedTest(name = "{0} worker threads")
    @ValueSource(ints = {0, 2})
    void answersOnTheReceiveThreadOrOnAWorker(int workers) throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (DatagramSocket phone = phone()) {
            int port = Sipp.freeUdpPort();
            JainSipPort sip = started(port, workers, answeringOptions(threads));
            try {
                for (int i = 0; i < 20; i++) {
                    send(phone, port, options("call-" + i, phone.getLocalPort()));
                    assertThat(receive(phone)).startsWith("SIP/2.0 200 OK").contains("Call-ID: call-" + i);
                }
            } finally {
                sip.stop();
            }
        }
        if (workers == 0) {
            assertThat(threads).hasSize(1).noneMatch(name -> name.contains("worker"));
        } else {
            assertThat(threads).isNotEmpty().allMatch(name -> name.startsWith("sip-udp-") && name.contains("-worker-"));
        }
    }

    @ParameterizedTest(name = "{0} worker threads")
    @ValueSource(ints = {0, 2})
    void badDatagramsGetTheirAnswerOrAreDroppedAndTheListenerKeepsReceiving(int workers) throws Exception {
        try (DatagramSocket phone = phone()) {
            int port = Sipp.freeUdpPort();
            JainSipPort sip = started(port, workers, answeringOptions(ConcurrentHashMap.newKeySet()));
            try {
                // Not SIP at all: nothing to answer, dropped.
                send(phone, port, "\u0000\u0001 not a SIP message at all \r\n\r\n");
                // A request whose CSeq is garbage: 400.
                send(phone, port, options("bad-cseq", phone.getLocalPort()).replace("CSeq: 1 OPTIONS", "CSeq: one OPTIONS"));
                assertThat(receive(phone)).startsWith("SIP/2.0 400").contains("Call-ID: bad-cseq");
                send(phone, port, options("after", phone.getLocalPort()));
                assertThat(receive(phone)).startsWith("SIP/2.0 200 OK").contains("Call-ID: after");
            } finally {
                sip.stop();
            }
        }
    }

    @Test
    void retransmitsTheAnswerOnItsTimerUntilTheAck() throws Exception {
        try (DatagramSocket phone = phone()) {
            int port = Sipp.freeUdpPort();
            JainSipPort sip = started(port, 0, new SipEvents() {
                @Override
                public void request(IncomingRequest request) {
                    if ("INVITE".equals(request.method())) {
                        request.respond(SipResponse.of(200, "OK").withSdp(sdp(10000)));
                    }
                }

                @Override
                public void ackTimeout(String callId) {
                }
            });
            try {
                assertThat(Thread.getAllStackTraces().keySet()).anyMatch(thread -> thread.getName().equals("sip-timer"));
                send(phone, port, invite("unacknowledged", phone.getLocalPort()));
                String answer = receive(phone);
                assertThat(answer).startsWith("SIP/2.0 200 OK").contains("Call-ID: unacknowledged");
                // Timer G: the same 200 again after T1 (500 ms), then 1 s, while no ACK comes.
                long first = System.nanoTime();
                assertThat(receive(phone)).startsWith("SIP/2.0 200 OK").contains("Call-ID: unacknowledged");
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - first)).isBetween(400L, 1500L);
                String to = answer.lines().filter(line -> line.startsWith("To:")).findFirst().orElseThrow();
                send(phone, port, ack("unacknowledged", phone.getLocalPort(), to));
                // Unacknowledged, the next one would come 1 s after the last.
                assertThat(datagramsWithin(phone, 3000)).isZero();
            } finally {
                sip.stop();
            }
        }
    }

    @ParameterizedTest(name = "linger {0} s")
    @ValueSource(ints = {0, 1})
    void forgetsAnEndedDialogAfterItsLingerAndTheByeTransactionOnceAnsweredWhileARetransmittedByeGetsTheSameAnswer(int linger)
            throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        try (DatagramSocket phone = phone()) {
            int port = Sipp.freeUdpPort();
            JainSipPort sip = started(port, 0, Duration.ofSeconds(linger), answering(delivered));
            try {
                send(phone, port, invite("lingering", phone.getLocalPort()));
                String answer = receive(phone);
                assertThat(answer).startsWith("SIP/2.0 200 OK");
                String to = answer.lines().filter(line -> line.startsWith("To:")).findFirst().orElseThrow();
                send(phone, port, ack("lingering", phone.getLocalPort(), to));
                String bye = request("BYE sip:+902124548592@127.0.0.1", "lingering", phone.getLocalPort(), "-bye", to,
                        "CSeq: 2 BYE", "");
                send(phone, port, bye);
                String ok = receive(phone);
                assertThat(ok).startsWith("SIP/2.0 200 OK").contains("CSeq: 2 BYE");
                // The BYE's transaction ends with its answer, not 32 s later (timer J); the ended
                // dialog after its linger, not the stack's default 8 s.
                await().atMost(Duration.ofSeconds(3)).until(() -> sip.heldServerTransactions() == 0);
                await().atMost(Duration.ofSeconds(linger + 3)).until(() -> sip.heldDialogs() == 0);
                // A retransmission still gets the same 200 again (not the 481 of a dialog the stack
                // no longer knows) and never reaches the call logic a second time.
                send(phone, port, bye);
                assertThat(receive(phone)).isEqualTo(ok);
                assertThat(delivered).containsExactly("INVITE", "ACK", "BYE");
            } finally {
                sip.stop();
            }
        }
    }

    @Test
    void aRetransmittedRequestOutsideADialogGetsTheSameAnswerWithTheSameTagAndANewOneItsOwn() throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        try (DatagramSocket phone = phone()) {
            int port = Sipp.freeUdpPort();
            JainSipPort sip = started(port, 0, Duration.ZERO, answering(delivered));
            try {
                String options = options("keepalive", phone.getLocalPort());
                send(phone, port, options);
                String ok = receive(phone);
                assertThat(ok).startsWith("SIP/2.0 200 OK").contains("Call-ID: keepalive").containsPattern("To: .*;tag=");
                await().atMost(Duration.ofSeconds(3)).until(() -> sip.heldServerTransactions() == 0);
                send(phone, port, options);
                assertThat(receive(phone)).isEqualTo(ok);
                assertThat(delivered).containsExactly("OPTIONS");
                // The next keepalive is a new transaction (a new branch): answered anew, with a tag of its own.
                send(phone, port, options.replace("branch=z9hG4bK-keepalive;", "branch=z9hG4bK-keepalive-2;"));
                String next = receive(phone);
                assertThat(next).startsWith("SIP/2.0 200 OK").contains("branch=z9hG4bK-keepalive-2;");
                assertThat(to(next)).isNotEqualTo(to(ok));
                assertThat(delivered).containsExactly("OPTIONS", "OPTIONS");
            } finally {
                sip.stop();
            }
        }
    }

    @Test
    void absorbsAnInviteRetransmittedAfterItsTransactionIsGoneWhileTheCallLivesAndAfterItEnded() throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        try (DatagramSocket phone = phone()) {
            int port = Sipp.freeUdpPort();
            JainSipPort sip = started(port, 0, Duration.ofSeconds(1), answering(delivered));
            try {
                String invite = invite("late", phone.getLocalPort());
                send(phone, port, invite);
                String answer = receive(phone);
                assertThat(answer).startsWith("SIP/2.0 200 OK");
                String to = answer.lines().filter(line -> line.startsWith("To:")).findFirst().orElseThrow();
                send(phone, port, ack("late", phone.getLocalPort(), to));
                // The stack ended the INVITE's transaction with its 2xx and forgets it after the 1 s linger.
                await().atMost(Duration.ofSeconds(4)).until(() -> sip.heldServerTransactions() == 0);
                // A late retransmission during the call is absorbed: nothing answers it, and the
                // OPTIONS sent after it is the next thing answered and delivered.
                send(phone, port, invite);
                send(phone, port, options("marker-1", phone.getLocalPort()));
                assertThat(receive(phone)).startsWith("SIP/2.0 200 OK").contains("Call-ID: marker-1");
                send(phone, port, request("BYE sip:+902124548592@127.0.0.1", "late", phone.getLocalPort(), "-bye", to,
                        "CSeq: 2 BYE", ""));
                assertThat(receive(phone)).startsWith("SIP/2.0 200 OK").contains("CSeq: 2 BYE");
                await().atMost(Duration.ofSeconds(4)).until(() -> sip.heldDialogs() == 0);
                // After the call ended and the stack forgot its dialog, still no second call.
                send(phone, port, invite);
                send(phone, port, options("marker-2", phone.getLocalPort()));
                assertThat(receive(phone)).startsWith("SIP/2.0 200 OK").contains("Call-ID: marker-2");
                assertThat(delivered).containsExactly("INVITE", "ACK", "OPTIONS", "BYE", "OPTIONS");
                // A new transaction with the same Call-ID (another branch) is not a retransmission.
                send(phone, port, invite.replace("branch=z9hG4bK-late;", "branch=z9hG4bK-late-new;"));
                assertThat(receive(phone)).startsWith("SIP/2.0 200 OK").contains("Call-ID: late");
                assertThat(delivered).endsWith("INVITE");
            } finally {
                sip.stop();
            }
        }
    }

    @Test
    void refusesAnInviteStatelesslyBeforeAnyStateRefusesItsRetransmissionsAlikeAndDropsTheAckOfTheRefusal() throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        AtomicBoolean overloaded = new AtomicBoolean(true);
        try (DatagramSocket phone = phone()) {
            int port = Sipp.freeUdpPort();
            JainSipPort sip = started(port, 0, Duration.ofSeconds(1), refusingWhile(overloaded, delivered));
            try {
                String invite = invite("shed", phone.getLocalPort());
                send(phone, port, invite);
                String refusal = receive(phone);
                assertThat(refusal).startsWith("SIP/2.0 503 Service Unavailable").contains("Call-ID: shed", "Retry-After: 5",
                        "CSeq: 1 INVITE", "branch=z9hG4bK-shed;");
                String to = refusal.lines().filter(line -> line.startsWith("To:")).findFirst().orElseThrow();
                assertThat(to).contains(";tag=sl");
                // Nothing was kept: no transaction, nothing reached the call logic.
                assertThat(sip.heldServerTransactions()).isZero();
                // The refusal lost on the way: the retransmission gets the same one, with the same tag,
                // even once the overload is over (let in, it would be a call its caller gave up).
                send(phone, port, invite);
                assertThat(receive(phone)).startsWith("SIP/2.0 503").contains(to);
                overloaded.set(false);
                send(phone, port, invite);
                assertThat(receive(phone)).startsWith("SIP/2.0 503").contains(to);
                // The ACK of the refusal (the INVITE's branch, the refusal's tag) is dropped, not delivered.
                send(phone, port, request("ACK sip:+902124548592@127.0.0.1", "shed", phone.getLocalPort(), "", to,
                        "CSeq: 1 ACK", ""));
                send(phone, port, options("marker", phone.getLocalPort()));
                assertThat(receive(phone)).startsWith("SIP/2.0 200 OK").contains("Call-ID: marker");
                assertThat(delivered).containsExactly("OPTIONS");
                // The OPTIONS's transaction ended with its answer, and nothing else was ever kept.
                await().atMost(Duration.ofSeconds(3)).until(() -> sip.heldServerTransactions() == 0);
            } finally {
                sip.stop();
            }
        }
    }

    @Test
    void aRetransmittedInviteOfACallLetInGoesToItsTransactionEvenWhenNewOnesAreRefused() throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        AtomicBoolean overloaded = new AtomicBoolean(false);
        try (DatagramSocket phone = phone()) {
            int port = Sipp.freeUdpPort();
            JainSipPort sip = started(port, 0, Duration.ofSeconds(1), refusingWhile(overloaded, delivered));
            try {
                String invite = invite("let-in", phone.getLocalPort());
                send(phone, port, invite);
                assertThat(receive(phone)).startsWith("SIP/2.0 100 Trying").contains("Call-ID: let-in");
                // The overload begins while the call is being set up; its INVITE comes again (the 100 was lost).
                overloaded.set(true);
                send(phone, port, invite);
                assertThat(receive(phone)).startsWith("SIP/2.0 100 Trying").contains("Call-ID: let-in");
                // A new call is refused meanwhile.
                send(phone, port, invite("new", phone.getLocalPort()));
                assertThat(receive(phone)).startsWith("SIP/2.0 503").contains("Call-ID: new");
                assertThat(delivered).containsExactly("INVITE");
            } finally {
                sip.stop();
            }
        }
    }

    /**
     * Refuses new INVITEs with 503 before any state while {@code overloaded}; records what reaches
     * the call logic, answers an INVITE let in with 100 only (a set-up in progress), the rest 200.
     */
    private static SipEvents refusingWhile(AtomicBoolean overloaded, List<String> delivered) {
        return new SipEvents() {
            @Override
            public SipResponse refusalBeforeAnyState(String callId) {
                return overloaded.get() ? SipResponse.of(503, "Service Unavailable").withHeader("Retry-After", "5") : null;
            }

            @Override
            public void request(IncomingRequest request) {
                delivered.add(request.method());
                switch (request.method()) {
                    case "ACK" -> { }
                    case "INVITE" -> request.respond(SipResponse.of(100, "Trying"));
                    default -> request.respond(SipResponse.of(200, "OK"));
                }
            }

            @Override
            public void ackTimeout(String callId) {
            }
        };
    }

    /** The stack on {@code port} over UDP, with {@code workers} worker threads (0: none) and JAIN-SIP's own linger. */
    private static JainSipPort started(int port, int workers, SipEvents events) {
        return started(port, workers, Duration.ofSeconds(8), events);
    }

    private static JainSipPort started(int port, int workers, Duration linger, SipEvents events) {
        JainSipPort sip = new JainSipPort(new JainSipPort.Binding("127.0.0.1", port, "127.0.0.1", List.of("udp"),
                65536, workers, 1 << 20, linger));
        sip.start(events);
        return sip;
    }

    /** The caller's socket: a response not there within 5 s fails the test. */
    private static DatagramSocket phone() throws IOException {
        DatagramSocket phone = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        phone.setSoTimeout(5000);
        return phone;
    }

    private static SipEvents answeringOptions(Set<String> threads) {
        return new SipEvents() {
            @Override
            public void request(IncomingRequest request) {
                threads.add(Thread.currentThread().getName());
                request.respond(SipResponse.of(200, "OK"));
            }

            @Override
            public void ackTimeout(String callId) {
            }
        };
    }

    /** Records each request's method and answers it 200 (an INVITE with an SDP answer), an ACK not at all. */
    private static SipEvents answering(List<String> delivered) {
        return new SipEvents() {
            @Override
            public void request(IncomingRequest request) {
                delivered.add(request.method());
                switch (request.method()) {
                    case "ACK" -> { }
                    case "INVITE" -> request.respond(SipResponse.of(200, "OK").withSdp(sdp(10000)));
                    default -> request.respond(SipResponse.of(200, "OK"));
                }
            }

            @Override
            public void ackTimeout(String callId) {
            }
        };
    }

    private static String to(String message) {
        return message.lines().filter(line -> line.startsWith("To:")).findFirst().orElseThrow();
    }

    private static String options(String callId, int from) {
        return request("OPTIONS sip:ping@127.0.0.1", callId, from, "", "To: <sip:ping@127.0.0.1>", "CSeq: 1 OPTIONS", "");
    }

    private static String invite(String callId, int from) {
        return request("INVITE sip:+902124548592@127.0.0.1", callId, from, "", "To: <sip:+902124548592@127.0.0.1>",
                "CSeq: 1 INVITE\r\nContact: <sip:carrier@127.0.0.1:" + from + ">", sdp(40000));
    }

    /** The ACK of a 2xx: its own transaction (a new branch), the To header of the answer with its tag. */
    private static String ack(String callId, int from, String toHeader) {
        return request("ACK sip:+902124548592@127.0.0.1", callId, from, "-ack", toHeader, "CSeq: 1 ACK", "");
    }

    /** A request from the carrier at 127.0.0.1:{@code from}; {@code headers} go after Call-ID, an SDP body is marked as one. */
    private static String request(String requestLine, String callId, int from, String branchSuffix, String toHeader,
                                  String headers, String sdp) {
        return requestLine + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + from + ";branch=z9hG4bK-" + callId + branchSuffix + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:carrier@127.0.0.1>;tag=" + callId + "\r\n"
                + toHeader + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + headers + "\r\n"
                + (sdp.isEmpty() ? "" : "Content-Type: application/sdp\r\n")
                + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    /** An audio offer or answer of PCMU on {@code port} of 127.0.0.1. */
    private static String sdp(int port) {
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio " + port + " RTP/AVP 0\r\n";
    }

    private static void send(DatagramSocket socket, int port, String message) throws IOException {
        byte[] bytes = message.getBytes(US_ASCII);
        socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
    }

    /** How many datagrams arrive within the given milliseconds. */
    private static int datagramsWithin(DatagramSocket socket, long millis) throws IOException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        byte[] buffer = new byte[65536];
        int count = 0;
        for (long left = millis; left > 0; left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())) {
            socket.setSoTimeout((int) left);
            try {
                socket.receive(new DatagramPacket(buffer, buffer.length));
                count++;
            } catch (SocketTimeoutException e) {
                break;
            }
        }
        return count;
    }

    private static String receive(DatagramSocket socket) throws IOException {
        byte[] buffer = new byte[65536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no response within 5 s", e);
        }
        return new String(buffer, 0, packet.getLength(), US_ASCII);
    }
}
