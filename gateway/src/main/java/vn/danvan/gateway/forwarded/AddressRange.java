package vn.danvan.gateway.forwarded;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IP address or CIDR range ({@code 10.0.0.0/8}, {@code ::1}); literals only, never a DNS lookup. */
record AddressRange(byte[] network, int prefixBits) {

    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

    static AddressRange parse(String text) {
        String[] parts = text.trim().split("/", 2);
        byte[] network = literal(parts[0]);
        if (network == null) {
            throw new IllegalArgumentException("not an IP address or CIDR range: " + text);
        }
        int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
        return new AddressRange(network, bits);
    }

    /** The address's bytes, or null when it is not an IP literal (a host name would need DNS). */
    static byte[] literal(String address) {
        if (address == null || !LITERAL.matcher(address).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefixBits / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[full] & mask) == (network[full] & mask);
    }
}
