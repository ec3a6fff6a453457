package ai.sentiric.sip.stack.jain;

import ai.sentiric.sip.stack.SipEvents;
import ai.sentiric.sip.stack.SipStackPort;
import gov.nist.javax.sip.DialogTimeoutEvent;
import gov.nist.javax.sip.SipListenerExt;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The port on the JAIN-SIP reference implementation: one stack listening on UDP and TCP, its
 * transaction layer absorbing retransmissions (an answered INVITE's for 32 s, with
 * {@link AcceptedInvites}; any other answered request's, answered again for 32 s, with
 * {@link AnsweredRequests}) and retransmitting 2xx until ACK (timer G/H), its dialog layer keeping
 * route sets, CSeq and tags for the BYEs we send. INVITEs refused for overload or drain are
 * answered without a transaction ({@link StatelessRefusals}).
 */
public final class JainSipPort implements SipStackPort, SipListenerExt {

    private static final Logger log = LoggerFactory.getLogger(JainSipPort.class);

    /** Where the stack listens and what it advertises in Contact. */
    public record Binding(String bindAddress, int port, String advertisedAddress, List<String> transports,
                          int maxMessageSize, int threads, int udpReceiveBuffer, Duration linger) {
    }

    private final Binding binding;
    private @Nullable SipStack stack;
    private @Nullable SipProvider provider;
    private @Nullable SipEvents events;
    private @Nullable JainMessages messages;
    private @Nullable CompactUdpProcessors udp;

    public JainSipPort(Binding binding) {
        this.binding = binding;
    }

    @Override
    public void start(SipEvents events) {
        this.events = events;
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            Properties properties = new Properties();
            properties.setProperty("javax.sip.STACK_NAME", "sentiric-" + binding.port());
            // Requests are handled concurrently; the call logic keeps per-call state consistent.
            properties.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
            // 0 worker threads is ours (CompactUdpProcessors), not the stack's: it sees at least one.
            properties.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", String.valueOf(Math.max(1, binding.threads())));
            // Bounds a message (and so a header flood) on stream transports; UDP is bounded by the datagram.
            properties.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", String.valueOf(binding.maxMessageSize()));
            // The stack's default is 64 KiB, about a hundred datagrams: a receive thread kept
            // off the CPU for a moment under load then drops INVITEs.
            properties.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", String.valueOf(binding.udpReceiveBuffer()));
            properties.setProperty("gov.nist.javax.sip.MAX_CLIENT_TRANSACTIONS", "100000");
            properties.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
            properties.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
            properties.setProperty("gov.nist.javax.sip.CACHE_SERVER_CONNECTIONS", "true");
            // A finished transaction lets go of its parsed messages (an INVITE refused over UDP is held until timer I) and
            // keeps no copy of its request as bytes either: "Normal" (what AGGRESSIVE_CLEANUP means) encodes
            // every request once more at completion and parses the BYE's once more at its clean-up, for
            // an application that asks a finished transaction for its request, which this one never does.
            properties.setProperty("gov.nist.javax.sip.RELEASE_REFERENCES_STRATEGY", "Aggressive");
            properties.setProperty("gov.nist.javax.sip.LINGER_TIMER", String.valueOf(binding.linger().toSeconds()));
            properties.setProperty("gov.nist.javax.sip.TIMER_CLASS_NAME", WheelSipTimer.class.getName());
            SipStack created = new CompactSipStack(properties);
            CompactUdpProcessors udp = new CompactUdpProcessors(binding.threads());
            ((SIPTransactionStack) created).setMessageProcessorFactory(udp);
            // Before any transaction or dialog matching, on every transport: the stack's own merged-request
            // check would answer a late INVITE retransmission of a live call with 482.
            AcceptedInvites accepted = new AcceptedInvites();
            ((SIPTransactionStack) created).sipMessageValves.add(accepted);
            // And a non-INVITE request's retransmission after its transaction was ended with its answer.
            AnsweredRequests answered = new AnsweredRequests(() -> this.messages);
            ((SIPTransactionStack) created).sipMessageValves.add(answered);
            // Then the refusals decided before any state is kept: overload and drain.
            ((SIPTransactionStack) created).sipMessageValves.add(
                    new StatelessRefusals((SIPTransactionStack) created, () -> this.events, () -> this.messages));
            this.udp = udp;
            AddressFactory addresses = factory.createAddressFactory();
            HeaderFactory headers = factory.createHeaderFactory();
            MessageFactory messageFactory = factory.createMessageFactory();
            SipProvider sipProvider = null;
            for (String transport : binding.transports()) {
                ListeningPoint point = created.createListeningPoint(binding.bindAddress(), binding.port(), transport);
                if (sipProvider == null) {
                    sipProvider = created.createSipProvider(point);
                } else {
                    sipProvider.addListeningPoint(point);
                }
            }
            if (sipProvider == null) {
                throw new IllegalStateException("no SIP transport configured");
            }
            this.messages = new JainMessages(sipProvider, addresses, headers, messageFactory, binding.advertisedAddress(),
                    binding.port(), accepted, answered);
            sipProvider.addSipListener(this);
            this.provider = sipProvider;
            this.stack = created;
            created.start();
            log.info("SIP listening on {}:{} ({}), advertising {}", binding.bindAddress(), binding.port(),
                    binding.transports(), binding.advertisedAddress());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the SIP stack on port " + binding.port(), e);
        }
    }

    /** The receive buffer the kernel gave the UDP socket, in bytes; 0 without UDP or before the start. */
    public int udpReceiveBuffer() {
        return udp == null ? 0 : udp.receiveBuffer();
    }

    /** How many dialogs the stack still holds, the finished ones within their linger included. */
    int heldDialogs() {
        return stack == null ? 0 : ((SIPTransactionStack) stack).getDialogs().size();
    }

    /** How many server transactions the stack still holds, the terminated ones within their linger included. */
    int heldServerTransactions() {
        return stack == null ? 0 : ((SIPTransactionStack) stack).getServerTransactionTableSize();
    }

    @Override
    public void stop() {
        if (stack != null) {
            stack.stop();
            stack = null;
        }
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        try {
            if (Request.ACK.equals(request.getMethod())) {
                events.request(new JainIncomingRequest(request, null, messages));
                return;
            }
            ServerTransaction transaction = event.getServerTransaction();
            if (transaction == null) {
                transaction = provider.getNewServerTransaction(request);
            }
            events.request(new JainIncomingRequest(request, transaction, messages));
        } catch (TransactionAlreadyExistsException e) {
            // A retransmission that raced its original: the transaction layer answers it.
        } catch (Exception e) {
            log.warn("{} not handled: {}", request.getMethod(), e.toString());
        }
    }

    @Override
    public void processDialogTimeout(DialogTimeoutEvent event) {
        if (event.getReason() == DialogTimeoutEvent.Reason.AckNotReceived) {
            events.ackTimeout(event.getDialog().getCallId().getCallId());
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        // Responses to our BYEs need no action: the call has already ended on our side.
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        // A BYE that was never answered: the call has already ended on our side.
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        log.debug("SIP I/O error towards {}:{}", event.getHost(), event.getPort());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // Transactions clean up after themselves.
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // Calls are ended by the call logic, which tracked the dialog itself.
    }
}
