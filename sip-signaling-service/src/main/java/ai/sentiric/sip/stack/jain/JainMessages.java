package ai.sentiric.sip.stack.jain;

import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;

/** The stack's factories and the address we advertise, shared by every request of a stack. */
record JainMessages(SipProvider provider, AddressFactory addresses, HeaderFactory headers, MessageFactory messages,
                    String advertisedAddress, int port) {
}
