package dev.breezeway.xml;

import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.session.Session;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import org.jooq.DSLContext;

/**
 * Runs a batch POST, {@code <actions mode="…"><action name="…"><param name="…">…</param>…</action>…</actions>}:
 * {@code multiple} runs every action and ignores failures, {@code multiple-complete} stops at the first
 * failure, any other mode runs all of them in one transaction that a failure rolls back. The reply keeps
 * the usual envelope and lists one {@code <results action="…">} per action run:
 * <pre>{@code
 * <results><status code="ok"/>            (or the first failure's status)
 *   <results-list mode="multiple-complete" rolled-back="false">
 *     <results action="principal-update"><status code="ok"/><principal …/></results>
 *     <results action="group-membership-update"><status code="invalid">…</status></results>
 *   </results-list></results>
 * }</pre>
 */
public final class BatchRunner {
    /** The most actions one batch may hold. */
    public static final int MAX_ACTIONS = 1000;
    private final Dispatcher dispatcher;
    private final XmlWriter writer;
    private final DSLContext db;
    private final XMLInputFactory xml;

    public BatchRunner(Dispatcher dispatcher, XmlWriter writer, DSLContext db) {
        this.dispatcher = dispatcher;
        this.writer = writer;
        this.db = db;
        this.xml = SafeXml.inputFactory();
    }

    private record Item(String name, Params params) {
    }

    private record Outcome(String action, Optional<Results> ok, Optional<ApiException> failure) {
    }

    private static final class Rollback extends RuntimeException {
        Rollback() {
            super(null, null, false, false);
        }
    }

    /** Runs the batch document {@code body} and writes the reply to {@code out}. */
    public void run(byte[] body, Params urlParams, Optional<String> token, Optional<Session> session, RequestInfo info,
                    OutputStream out) {
        String mode = parseMode(body);
        List<Item> items = parse(body, urlParams);
        List<Outcome> outcomes = new ArrayList<>();
        boolean rolledBack = false;
        switch (mode) {
            case "multiple" -> items.forEach(i -> outcomes.add(runOne(i, token, session, info)));
            case "multiple-complete" -> {
                for (Item i : items) {
                    Outcome o = runOne(i, token, session, info);
                    outcomes.add(o);
                    if (o.failure().isPresent()) {
                        break;
                    }
                }
            }
            default -> {
                try {
                    db.transaction(() -> {
                        for (Item i : items) {
                            Outcome o = runOne(i, token, session, info);
                            outcomes.add(o);
                            if (o.failure().isPresent()) {
                                throw new Rollback();
                            }
                        }
                    });
                } catch (Rollback r) {
                    rolledBack = true;
                }
            }
        }
        Optional<ApiException> firstFailure = outcomes.stream().flatMap(o -> o.failure().stream()).findFirst();
        boolean undone = rolledBack;
        writer.writeDocument(out, w -> {
            w.writeStartElement("results");
            if (firstFailure.isPresent()) {
                writer.writeStatus(w, firstFailure.get());
            } else {
                writer.writeOkStatus(w);
            }
            w.writeStartElement("results-list");
            w.writeAttribute("mode", mode);
            w.writeAttribute("rolled-back", Boolean.toString(undone));
            for (Outcome o : outcomes) {
                writeOutcome(w, o);
            }
            w.writeEndElement();
            w.writeEndElement();
        });
    }

    private void writeOutcome(XMLStreamWriter w, Outcome o) throws XMLStreamException {
        if (o.ok().isPresent()) {
            writer.writeNested(w, o.action(), o.ok().get());
        } else {
            writer.writeNested(w, o.action(), o.failure().orElseThrow());
        }
    }

    private Outcome runOne(Item i, Optional<String> token, Optional<Session> session, RequestInfo info) {
        try {
            Results r = dispatcher.dispatch(i.name(), new Call(i.params(), token, session, info));
            return new Outcome(i.name(), Optional.of(r), Optional.empty());
        } catch (ApiException e) {
            return new Outcome(i.name(), Optional.empty(), Optional.of(e));
        }
    }

    private String parseMode(byte[] body) {
        try {
            XMLStreamReader r = xml.createXMLStreamReader(new ByteArrayInputStream(body));
            while (r.hasNext() && r.next() != XMLStreamConstants.START_ELEMENT) {
                if (r.getEventType() == XMLStreamConstants.DTD) {
                    throw badBatch();
                }
            }
            String mode = r.getAttributeValue(null, "mode");
            r.close();
            return mode == null ? "" : mode.strip();
        } catch (XMLStreamException e) {
            throw badBatch();
        }
    }

    private List<Item> parse(byte[] body, Params urlParams) {
        List<Item> items = new ArrayList<>();
        try {
            XMLStreamReader r = xml.createXMLStreamReader(new ByteArrayInputStream(body));
            String current = null;
            List<Params.Param> params = new ArrayList<>();
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.DTD) {
                    throw badBatch();
                }
                if (ev == XMLStreamConstants.START_ELEMENT && "action".equals(r.getLocalName())) {
                    current = Optional.ofNullable(r.getAttributeValue(null, "name")).orElse("");
                    params = new ArrayList<>();
                    for (Params.Param p : urlParams.entries()) {
                        if (!p.name().equals("action")) {
                            params.add(p);
                        }
                    }
                } else if (ev == XMLStreamConstants.START_ELEMENT && "param".equals(r.getLocalName()) && current != null) {
                    String name = r.getAttributeValue(null, "name");
                    String value = r.getElementText();
                    if (name == null || name.isBlank()) {
                        throw badBatch();
                    }
                    params.add(new Params.Param(name, value));
                } else if (ev == XMLStreamConstants.END_ELEMENT && "action".equals(r.getLocalName()) && current != null) {
                    items.add(new Item(current, new Params(params)));
                    current = null;
                    if (items.size() > MAX_ACTIONS) {
                        throw ApiException.invalid(Invalid.range("actions", FieldType.LONG, 1, MAX_ACTIONS));
                    }
                }
            }
            r.close();
        } catch (XMLStreamException e) {
            throw badBatch();
        }
        if (items.isEmpty()) {
            throw ApiException.invalid(Invalid.of("actions", FieldType.XML, InvalidSubcode.MISSING));
        }
        return items;
    }

    private static ApiException badBatch() {
        return ApiException.invalid(Invalid.of("actions", FieldType.XML, InvalidSubcode.FORMAT));
    }
}
