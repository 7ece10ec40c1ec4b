package dev.breezeway.bench;

import java.net.InetAddress;
import java.net.ServerSocket;

/** Prints a TCP port free on 127.0.0.1 right now, for a peer server that must be told its port. */
public final class FreePort {
    private FreePort() {
    }

    public static void main(String[] args) throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            System.out.println(s.getLocalPort());
        }
    }
}
