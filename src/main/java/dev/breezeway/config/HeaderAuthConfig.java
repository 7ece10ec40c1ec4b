package dev.breezeway.config;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Adobe Connect's HTTP header authentication ({@code HTTP_AUTH_HEADER} in its custom.ini): the header an
 * authenticating proxy names the user in, e.g. {@code X-Remote-User}, and the proxies it is believed from, e.g.
 * {@code 10.0.0.5, 10.1.0.0/16} (literal addresses or CIDR blocks, never host names). Without a header it is off.
 *
 * @param header  the header's name; empty turns header authentication off
 * @param trusted the addresses and blocks the header is accepted from; none trusts nobody
 */
public record HeaderAuthConfig(Optional<String> header, List<String> trusted) {
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}");
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+(/[0-9]{1,3})?");

    public static final HeaderAuthConfig OFF = new HeaderAuthConfig(Optional.empty(), List.of());

    /** True if header authentication is on: a header is named and at least one proxy is trusted. */
    public boolean enabled() {
        return header.isPresent() && !trusted.isEmpty();
    }

    /** The start-up values; problems go to {@code problems}. */
    static HeaderAuthConfig read(Optional<String> header, Optional<String> trustedCsv, List<String> problems) {
        List<String> trusted = split(trustedCsv.orElse(""));
        problem(header, trusted).ifPresent(p -> problems.add(AppConfig.HEADER_AUTH_NAME + "/"
                + AppConfig.HEADER_AUTH_TRUSTED + ": " + p));
        return new HeaderAuthConfig(header, trusted);
    }

    /** The comma-separated entries of {@code csv}, stripped, blanks dropped. */
    public static List<String> split(String csv) {
        List<String> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return List.copyOf(out);
    }

    /** What is wrong with these values, if anything: a header name that is no HTTP token, an entry that is no address. */
    public static Optional<String> problem(Optional<String> header, List<String> trusted) {
        if (header.isPresent() && !TOKEN.matcher(header.get()).matches()) {
            return Optional.of("the header name must be an HTTP token of 1 to 128 characters, got '" + header.get() + "'");
        }
        for (String t : trusted) {
            if (block(t).isEmpty()) {
                return Optional.of("'" + t + "' is not an IP address or CIDR block");
            }
        }
        return Optional.empty();
    }

    /** True if {@code address} (the connection's peer, as Jetty gives it) is one of the trusted proxies. */
    public boolean trusts(String address) {
        Optional<byte[]> peer = literal(address);
        if (peer.isEmpty()) {
            return false;
        }
        for (String t : trusted) {
            Optional<Block> b = block(t);
            if (b.isPresent() && b.get().contains(peer.get())) {
                return true;
            }
        }
        return false;
    }

    private record Block(byte[] network, int bits) {
        boolean contains(byte[] a) {
            if (a.length != network.length) {
                return false;
            }
            int shift = a.length * 8 - bits;
            return new BigInteger(1, a).shiftRight(shift).equals(new BigInteger(1, network).shiftRight(shift));
        }
    }

    private static Optional<Block> block(String entry) {
        if (!LITERAL.matcher(entry).matches()) {
            return Optional.empty();
        }
        int slash = entry.indexOf('/');
        Optional<byte[]> net = literal(slash < 0 ? entry : entry.substring(0, slash));
        if (net.isEmpty()) {
            return Optional.empty();
        }
        int max = net.get().length * 8;
        int bits = slash < 0 ? max : Integer.parseInt(entry.substring(slash + 1));
        return bits > max ? Optional.empty() : Optional.of(new Block(net.get(), bits));
    }

    /** The bytes of a literal IPv4 or IPv6 address (IPv4-mapped IPv6 as IPv4); never a DNS lookup. */
    private static Optional<byte[]> literal(String s) {
        String a = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        if (a.isEmpty() || !a.matches("[0-9A-Fa-f:.]+") || (!a.contains(":") && !a.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(a).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
