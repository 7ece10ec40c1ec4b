package dev.breezeway.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.MDC;

/**
 * Gives every request one id, in one place: sent as {@code X-Request-Id}, kept as the request attribute
 * {@link #ATTRIBUTE} (the servlets name it in their error logs, the access log prints it) and put in the
 * SLF4J MDC as {@link #MDC_KEY} for the request's duration, so every line logged while serving it
 * carries it. The id is ours (up to 16 hex digits), never taken from the caller: a client cannot forge
 * another request's id into the logs.
 */
public final class RequestIds implements Filter {
    public static final String MDC_KEY = "requestId";
    public static final String ATTRIBUTE = "breezeway.requestId";
    public static final String HEADER = "X-Request-Id";

    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        String id = newId();
        req.setAttribute(ATTRIBUTE, id);
        ((HttpServletResponse) resp).setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        try {
            chain.doFilter(req, resp);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    /** The id {@link RequestIds} gave {@code req}, or a new one if it did not pass the filter. */
    public static String of(ServletRequest req) {
        return req.getAttribute(ATTRIBUTE) instanceof String id ? id : newId();
    }

    private static String newId() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    }
}
