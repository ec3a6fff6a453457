package ai.sentiric.sip.stack.jain;

import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;

/**
 * What every request of a stack shares: its factories, the address we advertise, and the INVITEs it
 * answered with a 2xx lately, whose retransmissions it absorbs.
 */
record JainMessages(SipProvider provider, AddressFactory addresses, HeaderFactory headers, MessageFactory messages,
                    String advertisedAddress, int port, AcceptedInvites accepted) {
}
