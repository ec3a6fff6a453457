package ai.sentiric.dialplan.trunk;

import ai.sentiric.support.errors.DomainException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 block such as 203.0.113.0/24 or 2001:db8::/32. */
public record Cidr(byte[] network, int prefix, String text) {

    /** Parses literal addresses only: no name is ever resolved. */
    public static Cidr parse(String text) {
        String[] parts = text.strip().split("/", 2);
        byte[] address = literal(parts[0]);
        if (address == null) {
            throw DomainException.invalid("'" + text + "' is not an IP address block");
        }
        int prefix;
        try {
            prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
        } catch (NumberFormatException e) {
            throw DomainException.invalid("'" + text + "' has no valid prefix length");
        }
        if (prefix < 0 || prefix > address.length * 8) {
            throw DomainException.invalid("'" + text + "' has no valid prefix length");
        }
        return new Cidr(address, prefix, text.strip());
    }

    public boolean contains(String ip) {
        byte[] address = literal(ip);
        if (address == null || address.length != network.length) {
            return false;
        }
        int fullBytes = prefix / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    private static byte[] literal(String value) {
        String host = value.strip();
        boolean looksLiteral = host.indexOf(':') >= 0 || host.matches("^[0-9]{1,3}(\\.[0-9]{1,3}){3}$");
        if (!looksLiteral) {
            return null;
        }
        try {
            return InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
