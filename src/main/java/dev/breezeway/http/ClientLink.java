package dev.breezeway.http;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;

/**
 * Whether the client of a request is still connected, asked between the steps of expensive work (the
 * actions of an {@code <actions>} batch, a queued password hash) so that work for a client that has
 * gone stops. {@link #NONE} never says gone.
 *
 * <p>Jetty cannot tell by itself: while a servlet runs after reading the whole body, nobody reads the
 * socket, so a remote close stays unseen ({@code EndPoint.isOpen()} true, no failure listener called;
 * measured with Jetty 12.1.14). {@link #of} therefore looks at the socket without reading it: the
 * connection's channel, registered for reading with a selector of its own (a channel may belong to
 * several; Jetty's keeps its own key), is readable with no bytes available only at end of stream or
 * after a reset. Bytes waiting (a pipelined request) mean the client is there and are left for Jetty.
 * A client that only half-closes its side counts as gone. Outside Jetty's embedded server (the WAR on a
 * stock Jetty hides Jetty's classes from the webapp) or on another transport, the link is {@link #NONE}.
 */
public interface ClientLink extends AutoCloseable {
    /** A link that never reports the client gone. */
    ClientLink NONE = new ClientLink() {
        @Override
        public boolean gone() {
            return false;
        }

        @Override
        public void close() {
        }
    };

    /** True once the client has closed (or reset) its connection. */
    boolean gone();

    /** Releases what the probe holds (its selector); the link then never reports gone again. */
    @Override
    void close();

    /** The link of {@code req}'s connection, or {@link #NONE} when its socket cannot be reached. */
    static ClientLink of(HttpServletRequest req) {
        try {
            return Probe.channel(req).<ClientLink>map(SocketProbe::new).orElse(NONE);
        } catch (LinkageError | RuntimeException e) {
            return NONE;
        }
    }

    /** Thrown where work stops because the client has gone; nothing is answered to it. */
    final class GoneException extends RuntimeException {
        public GoneException() {
            super("the client closed its connection", null, false, false);
        }
    }

    /** Throws {@link GoneException} if the client has gone. */
    default void checkConnected() {
        if (gone()) {
            throw new GoneException();
        }
    }

    /** Reaches the socket through Jetty's classes; kept apart so that a missing class fails only here. */
    final class Probe {
        private Probe() {
        }

        static Optional<SocketChannel> channel(HttpServletRequest req) {
            ServletContextRequest core = ServletContextRequest.getServletContextRequest(req);
            if (core == null) {
                return Optional.empty();
            }
            EndPoint ep = core.getConnectionMetaData().getConnection().getEndPoint();
            return ep instanceof SocketChannelEndPoint s && s.getChannel() != null
                    ? Optional.of(s.getChannel()) : Optional.empty();
        }
    }

    /** The selector probe; synchronized, as a hash thread may ask while the request thread waits. */
    final class SocketProbe implements ClientLink {
        private final SocketChannel channel;
        private Selector selector;
        private boolean gone;
        private boolean closed;

        SocketProbe(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public synchronized boolean gone() {
            if (gone || closed) {
                return gone;
            }
            try {
                if (!channel.isOpen()) {
                    gone = true;
                    return true;
                }
                if (selector == null) {
                    selector = Selector.open();
                    channel.register(selector, SelectionKey.OP_READ);
                }
                selector.selectedKeys().clear();
                gone = selector.selectNow() > 0 && channel.socket().getInputStream().available() == 0;
            } catch (IOException | RuntimeException e) {
                // A probe that cannot look says nothing; the work goes on as without it.
                close();
            }
            return gone;
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (selector != null) {
                try {
                    selector.close();  // cancels its key; Jetty's registration is untouched
                } catch (IOException e) {
                    // nothing held any more
                }
            }
        }
    }
}
