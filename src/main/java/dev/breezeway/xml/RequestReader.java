package dev.breezeway.xml;

import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Turns an HTTP request into {@link Params}: the query string, then a form-encoded body or a
 * {@code <params><param name="…">…</param></params>} document, repeated names kept in order.
 * Decoding is strict (invalid UTF-8 or percent escapes are {@code format} problems), sizes are
 * bounded, and XML is parsed without DTDs or external entities.
 */
public final class RequestReader {
    /** What the body of a request turned out to be. */
    public sealed interface Body permits Body.None, Body.Batch {
        /** No batch: the parameters are all there is. */
        record None() implements Body {
        }

        /** An {@code <actions mode="…">} batch document, kept raw for the batch runner. */
        record Batch(byte[] xml) implements Body {
        }
    }

    /** The parsed request. */
    public record Parsed(Params params, Body body) {
    }

    private static final int MAX_PARAMS = 10_000;
    private final int maxRequestBytes;
    private final int maxParamChars;
    private final XMLInputFactory xml;

    public RequestReader(int maxRequestBytes, int maxParamChars) {
        this.maxRequestBytes = maxRequestBytes;
        this.maxParamChars = maxParamChars;
        this.xml = SafeXml.inputFactory();
    }

    /**
     * Reads the parameters.
     *
     * @param rawQuery    the undecoded query string, if any
     * @param contentType the request's Content-Type, if any
     * @param body        the request body
     * @throws ApiException {@code invalid} when the request cannot be read
     */
    public Parsed read(Optional<String> rawQuery, Optional<String> contentType, InputStream body) throws IOException {
        List<Params.Param> params = new ArrayList<>();
        List<Invalid> problems = new ArrayList<>();
        rawQuery.ifPresent(q -> decodeForm(q.getBytes(StandardCharsets.ISO_8859_1), params, problems));
        byte[] bytes = readBounded(body);
        Body kind = new Body.None();
        if (bytes.length > 0) {
            String type = contentType.map(t -> t.toLowerCase(Locale.ROOT)).orElse("");
            if (type.startsWith("application/x-www-form-urlencoded")) {
                decodeForm(bytes, params, problems);
            } else if (type.contains("xml") || (type.isEmpty() && startsWithMarkup(bytes))) {
                kind = decodeXml(bytes, params, problems);
            }
        }
        if (params.size() > MAX_PARAMS) {
            problems.add(Invalid.range("request", FieldType.LONG, 0, MAX_PARAMS));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return new Parsed(new Params(params), kind);
    }

    private byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) != -1) {
            out.write(buf, 0, n);
            if (out.size() > maxRequestBytes) {
                throw ApiException.invalid(Invalid.range("request", FieldType.LONG, 0, maxRequestBytes));
            }
        }
        return out.toByteArray();
    }

    private static boolean startsWithMarkup(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '<') {
                return true;
            }
            if (!Character.isWhitespace(b) && (b & 0xff) != 0xEF && (b & 0xff) != 0xBB && (b & 0xff) != 0xBF) {
                return false;
            }
        }
        return false;
    }

    private void decodeForm(byte[] raw, List<Params.Param> out, List<Invalid> problems) {
        int start = 0;
        for (int i = 0; i <= raw.length; i++) {
            if (i == raw.length || raw[i] == '&') {
                if (i > start) {
                    decodePair(raw, start, i, out, problems);
                }
                start = i + 1;
            }
        }
    }

    private void decodePair(byte[] raw, int from, int to, List<Params.Param> out, List<Invalid> problems) {
        int eq = -1;
        for (int i = from; i < to; i++) {
            if (raw[i] == '=') {
                eq = i;
                break;
            }
        }
        Optional<String> name = percentDecode(raw, from, eq < 0 ? to : eq);
        Optional<String> value = eq < 0 ? Optional.of("") : percentDecode(raw, eq + 1, to);
        String field = name.orElse("request");
        if (name.isEmpty() || value.isEmpty()) {
            problems.add(Invalid.of(field, FieldType.STRING, InvalidSubcode.FORMAT));
            return;
        }
        add(field, value.get(), out, problems);
    }

    private void add(String name, String value, List<Params.Param> out, List<Invalid> problems) {
        if (value.length() > maxParamChars || name.length() > 256) {
            problems.add(Invalid.range(name.length() > 256 ? "request" : name, FieldType.STRING, 0, maxParamChars));
            return;
        }
        if (!dev.breezeway.error.XmlText.carriable(value) || !dev.breezeway.error.XmlText.carriable(name)) {
            problems.add(Invalid.of(dev.breezeway.error.XmlText.carriable(name) ? name : "request", FieldType.STRING, InvalidSubcode.FORMAT));
            return;
        }
        if (out.size() <= MAX_PARAMS) {
            out.add(new Params.Param(name, value));
        }
    }

    /** Percent-decodes {@code raw[from..to)} with {@code +} as space and strict UTF-8; empty on bad input. */
    private static Optional<String> percentDecode(byte[] raw, int from, int to) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = raw[i];
            if (b == '+') {
                bytes.write(' ');
            } else if (b == '%') {
                if (i + 2 >= to) {
                    return Optional.empty();
                }
                int hi = Character.digit(raw[i + 1], 16);
                int lo = Character.digit(raw[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                bytes.write((hi << 4) | lo);
                i += 2;
            } else {
                bytes.write(b);
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private Body decodeXml(byte[] bytes, List<Params.Param> out, List<Invalid> problems) {
        try {
            XMLStreamReader r = xml.createXMLStreamReader(new ByteArrayInputStream(bytes));
            try {
                while (r.hasNext() && r.next() != XMLStreamConstants.START_ELEMENT) {
                    if (r.getEventType() == XMLStreamConstants.DTD) {
                        throw new XMLStreamException("DOCTYPE is not allowed");
                    }
                }
                String root = r.getLocalName();
                if ("actions".equals(root)) {
                    return new Body.Batch(bytes);
                }
                if (!"params".equals(root)) {
                    problems.add(Invalid.of("params", FieldType.XML, InvalidSubcode.FORMAT));
                    return new Body.None();
                }
                readParams(r, out, problems);
                return new Body.None();
            } finally {
                r.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            problems.add(Invalid.of("params", FieldType.XML, InvalidSubcode.FORMAT));
            return new Body.None();
        }
    }

    /** Reads {@code <param name="…">value</param>} children of the current {@code <params>} element. */
    private void readParams(XMLStreamReader r, List<Params.Param> out, List<Invalid> problems)
            throws XMLStreamException {
        int depth = 1;
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.DTD) {
                throw new XMLStreamException("DOCTYPE is not allowed");
            }
            if (ev == XMLStreamConstants.START_ELEMENT) {
                depth++;
                if (depth == 2 && "param".equals(r.getLocalName())) {
                    String name = r.getAttributeValue(null, "name");
                    String value = r.getElementText();
                    depth--;
                    if (name == null || name.isBlank()) {
                        problems.add(Invalid.of("param", FieldType.XML, InvalidSubcode.FORMAT));
                    } else {
                        add(name, value, out, problems);
                    }
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                depth--;
                if (depth == 0) {
                    break;
                }
            }
        }
        while (r.hasNext()) {
            if (r.next() == XMLStreamConstants.DTD) {
                throw new XMLStreamException("DOCTYPE is not allowed");
            }
        }
    }
}
