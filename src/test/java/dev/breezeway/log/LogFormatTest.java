package dev.breezeway.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;

/** {@code BREEZEWAY_LOG_FORMAT=json} turns the {@code STDOUT} appender into one JSON object per line with the MDC. */
class LogFormatTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @Test
    void jsonWritesOneObjectPerLineWithTheRequestId() throws Exception {
        LoggerContext ctx = context();
        LogFormat.JSON.apply(ctx);
        MDC.put("requestId", "5f0c1e");
        try {
            ctx.getLogger("dev.breezeway.Example").info("login {} answered {}", "x@example.com", "ok");
        } finally {
            MDC.remove("requestId");
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(lines[0]);
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("loggerName").asText()).isEqualTo("dev.breezeway.Example");
        assertThat(line.get("formattedMessage").asText()).isEqualTo("login x@example.com answered ok");
        assertThat(line.get("mdc").get("requestId").asText()).isEqualTo("5f0c1e");
        assertThat(line.has("context")).isFalse();
    }

    @Test
    void textKeepsThePattern() {
        LoggerContext ctx = context();
        LogFormat.TEXT.apply(ctx);
        ctx.getLogger("x").info("plain");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("INFO plain\n");
    }

    @Test
    void parsesTextAndJsonInAnyCaseOnly() {
        assertThat(LogFormat.parse("JSON")).contains(LogFormat.JSON);
        assertThat(LogFormat.parse(" text ")).contains(LogFormat.TEXT);
        assertThat(LogFormat.parse("xml")).isEmpty();
    }

    /** A context like logback.xml's: a STDOUT appender with a pattern, here writing to {@link #out}. */
    private LoggerContext context() {
        LoggerContext ctx = new LoggerContext();
        ctx.setMDCAdapter(MDC.getMDCAdapter());  // the one MDC.put writes to
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(ctx);
        text.setPattern("%level %msg%n");
        text.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(ctx);
        appender.setName(LogFormat.APPENDER);
        appender.setEncoder(text);
        appender.setOutputStream(out);
        appender.start();
        ctx.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        return ctx;
    }
}
