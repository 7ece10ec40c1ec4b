package dev.breezeway.log;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How log lines are written ({@code BREEZEWAY_LOG_FORMAT}): {@link #TEXT}, the pattern of
 * {@code logback.xml}, or {@link #JSON}, one object per line by Logback's own {@link JsonEncoder}
 * (level, thread, logger, the formatted message, the MDC with {@code requestId}, the throwable), for a
 * log shipper that should not parse text. The switch is made once at start-up on the {@code STDOUT}
 * appender of {@code logback.xml}; a deployment with its own Logback configuration (no such appender,
 * or another SLF4J backend) is left as it is.
 */
public enum LogFormat {
    TEXT, JSON;

    /** The appender of {@code logback.xml} whose encoder {@link #JSON} replaces. */
    public static final String APPENDER = "STDOUT";

    /** Parses {@code text} or {@code json} (any case); empty if it is neither. */
    public static java.util.Optional<LogFormat> parse(String value) {
        for (LogFormat f : values()) {
            if (f.name().equalsIgnoreCase(value.strip())) {
                return java.util.Optional.of(f);
            }
        }
        return java.util.Optional.empty();
    }

    /** Makes the {@code STDOUT} appender write this format; {@link #TEXT} leaves {@code logback.xml}'s pattern. */
    public void apply() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
            apply(ctx);
        }
    }

    /** {@link #apply()} on {@code ctx}. */
    void apply(LoggerContext ctx) {
        if (this == TEXT) {
            return;
        }
        Appender<ILoggingEvent> appender = ctx.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(APPENDER);
        if (!(appender instanceof OutputStreamAppender<ILoggingEvent> out) || out.getEncoder() instanceof JsonEncoder) {
            return;
        }
        JsonEncoder json = new JsonEncoder();
        json.setContext(ctx);
        json.setWithContext(false);
        json.setWithSequenceNumber(false);
        json.setWithNanoseconds(false);
        json.setWithMessage(false);     // the pattern with {} …
        json.setWithArguments(false);   // … and its arguments, apart,
        json.setWithFormattedMessage(true);  // are replaced by the message as the text format shows it
        json.start();
        out.setEncoder(json);  // at start-up; the appender keeps its stream (a restart would close it)
    }
}
