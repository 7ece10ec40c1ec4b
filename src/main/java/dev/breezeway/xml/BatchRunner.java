package dev.breezeway.xml;

import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.session.Session;
import dev.breezeway.session.SessionService;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import org.jooq.DSLContext;

/**
 * Runs a batch POST, {@code <actions mode="…"><action name="…"><param name="…">…</param>…</action>…</actions>}:
 * {@code multiple} runs every action and ignores failures, {@code multiple-complete} stops at the first
 * failure, any other mode runs all of them in one transaction that a failure rolls back. Each action runs
 * as the session its own {@code <param name="session">} names, else as the request's (query or cookie),
 * also inside one transaction. The reply keeps the usual envelope and lists one
 * {@code <results action="…">} per action run:
 * <pre>{@code
 * <results><status code="ok"/>            (or the first failure's status)
 *   <results-list mode="multiple-complete" rolled-back="false">
 *     <results action="principal-update"><status code="ok"/><principal …/></results>
 *     <results action="group-membership-update"><status code="invalid">…</status></results>
 *   </results-list></results>
 * }</pre>
 * When the batch was rolled back, the actions run before the failure keep their {@code <status code="ok"/>}
 * but not their payload: it described what the rollback undid, such as principals that no longer exist.
 *
 * <p>Before each action (and each bulk write) the batch asks whether its client is still connected
 * ({@link dev.breezeway.http.ClientLink}); once it has gone the batch stops with
 * {@link dev.breezeway.http.ClientLink.GoneException}, which rolls a transactional batch back as a
 * failure does, and nothing is answered. The lists of one batch share one row budget
 * ({@link dev.breezeway.query.RowBudget}, in the {@link RequestInfo}).
 */
public final class BatchRunner {
    /** The most actions one batch may hold. */
    public static final int MAX_ACTIONS = 1000;
    /** The actions that verify a password or a client secret: each costs a hash (~20 ms of a core). */
    private static final Set<String> VERIFYING = Set.of("login", "user-accounts", "client-token");
    private final int maxVerifications;
    private final Dispatcher dispatcher;
    private final SessionService sessions;
    private final XmlWriter writer;
    private final DSLContext db;
    private final XMLInputFactory xml;

    /** @param maxVerifications the most actions of {@link #VERIFYING} one batch may hold */
    public BatchRunner(Dispatcher dispatcher, SessionService sessions, XmlWriter writer, DSLContext db,
                       int maxVerifications) {
        this.maxVerifications = maxVerifications;
        this.dispatcher = dispatcher;
        this.sessions = sessions;
        this.writer = writer;
        this.db = db;
        this.xml = SafeXml.inputFactory();
    }

    /** One action of the batch, with the session token it runs with and the session that token resolved to. */
    private record Item(String name, Params params, Optional<String> token, Optional<Session> session, boolean ownToken) {
        Call call(Params p, RequestInfo info) {
            return new Call(p, token, session, ownToken ? info.withParameterToken() : info);
        }
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
        List<Item> items = parse(body, urlParams, token, session);
        // Refused before anything runs: a batch of guesses would otherwise queue its hashes for everyone.
        if (items.stream().filter(i -> VERIFYING.contains(i.name())).count() > maxVerifications) {
            throw ApiException.invalid(Invalid.range("login", FieldType.LONG, 0, maxVerifications));
        }
        List<Outcome> run = new ArrayList<>();
        Optional<List<Step<?>>> bulk = prepareBulk(items, info);
        boolean rolledBack = bulk.isPresent() ? runBulk(mode, bulk.get(), info, run) : runEach(mode, items, info, run);
        List<Outcome> outcomes = rolledBack ? run.stream().map(BatchRunner::withoutPayload).toList() : run;
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

    /** An outcome as a rolled-back batch reports it: a success keeps its status, not what it answered. */
    private static Outcome withoutPayload(Outcome o) {
        return o.ok().isPresent() ? new Outcome(o.action(), Optional.of(Results.ok()), Optional.empty()) : o;
    }

    /** Runs the actions one by one through the dispatcher; true if the batch was rolled back. */
    private boolean runEach(String mode, List<Item> items, RequestInfo info, List<Outcome> outcomes) {
        switch (mode) {
            case "multiple" -> items.forEach(i -> outcomes.add(runOne(i, info)));
            case "multiple-complete" -> {
                for (Item i : items) {
                    Outcome o = runOne(i, info);
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
                            Outcome o = runOne(i, info);
                            outcomes.add(o);
                            if (o.failure().isPresent()) {
                                throw new Rollback();
                            }
                        }
                    });
                } catch (Rollback r) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * One action of a bulk batch: prepared for writing with the others, or refused before writing. A
     * batch resolves each token once, so steps of one caller share one {@link Session} instance.
     */
    private record Step<P>(String action, Optional<Session> caller, Optional<P> prepared,
                           Optional<ApiException> failure) {
        boolean sameCaller(Step<?> other) {
            return caller.equals(other.caller);
        }
    }

    /**
     * Prepares every action for a bulk run when all of them name one {@link BulkAction} that accepts
     * them; empty when the batch must run action by action. Preparing writes nothing and reads copies
     * of the parameters, so the actions can still run one by one afterwards.
     */
    private Optional<List<Step<?>>> prepareBulk(List<Item> items, RequestInfo info) {
        String name = items.get(0).name();
        if (items.stream().anyMatch(i -> !i.name().equals(name))) {
            return Optional.empty();
        }
        return dispatcher.bulk(name).flatMap(a -> prepareBulk(a, items, info));
    }

    private <P> Optional<List<Step<?>>> prepareBulk(BulkAction<P> action, List<Item> items, RequestInfo info) {
        List<Step<?>> steps = new ArrayList<>(items.size());
        for (Item i : items) {
            Call call = i.call(new Params(i.params().entries()), info);
            try {
                dispatcher.authorize(i.name(), call);
                Optional<P> prepared = action.prepare(call);
                if (prepared.isEmpty()) {
                    return Optional.empty();
                }
                steps.add(new Step<>(i.name(), i.session(), prepared, Optional.empty()));
            } catch (ApiException e) {
                steps.add(new Step<P>(i.name(), i.session(), Optional.empty(), Optional.of(e)));
            }
        }
        return Optional.of(steps);
    }

    /**
     * Runs a prepared batch with the outcomes that running its actions in turn would give: each run of
     * prepared actions of one caller is written together, a refused action fails in its place. True if
     * rolled back.
     */
    private boolean runBulk(String mode, List<Step<?>> steps, RequestInfo info, List<Outcome> outcomes) {
        BulkAction<?> action = dispatcher.bulk(steps.get(0).action()).orElseThrow();
        switch (mode) {
            case "multiple" -> runBulk(action, steps, false, info, outcomes);
            case "multiple-complete" -> runBulk(action, steps, true, info, outcomes);
            default -> {
                try {
                    db.transaction(() -> {
                        if (!runBulk(action, steps, true, info, outcomes)) {
                            throw new Rollback();
                        }
                    });
                } catch (Rollback r) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Adds the outcomes of {@code steps} in order; false if one failed and {@code stopAtFirstFailure}. */
    @SuppressWarnings("unchecked")
    private static <P> boolean runBulk(BulkAction<P> action, List<Step<?>> steps, boolean stopAtFirstFailure,
                                       RequestInfo info, List<Outcome> outcomes) {
        int i = 0;
        while (i < steps.size()) {
            Step<?> step = steps.get(i);
            if (step.failure().isPresent()) {
                outcomes.add(new Outcome(step.action(), Optional.empty(), step.failure()));
                if (stopAtFirstFailure) {
                    return false;
                }
                i++;
                continue;
            }
            info.client().checkConnected();
            // A step is prepared by the same action, so its call has the action's type.
            List<P> run = new ArrayList<>();
            int end = i;
            while (end < steps.size() && steps.get(end).prepared().isPresent() && steps.get(end).sameCaller(step)) {
                run.add((P) steps.get(end).prepared().get());
                end++;
            }
            List<BulkAction.Outcome> done = action.handleAll(run, stopAtFirstFailure);
            for (int k = 0; k < done.size(); k++) {
                outcomes.add(new Outcome(steps.get(i + k).action(), done.get(k).ok(), done.get(k).failure()));
            }
            if (stopAtFirstFailure && done.stream().anyMatch(o -> o.failure().isPresent())) {
                return false;
            }
            i = end;
        }
        return true;
    }

    private void writeOutcome(XMLStreamWriter w, Outcome o) throws XMLStreamException {
        if (o.ok().isPresent()) {
            writer.writeNested(w, o.action(), o.ok().get());
        } else {
            writer.writeNested(w, o.action(), o.failure().orElseThrow());
        }
    }

    /** Runs one action; @throws dev.breezeway.http.ClientLink.GoneException first if the client has gone */
    private Outcome runOne(Item i, RequestInfo info) {
        info.client().checkConnected();
        try {
            Results r = dispatcher.dispatch(i.name(), i.call(i.params(), info));
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

    /**
     * The actions of the batch, each with the request's parameters other than {@code action} before its
     * own. An action with its own {@code session} runs with that token, resolved once per batch, and
     * without the request's {@code session} parameter; the others run with the request's token.
     */
    private List<Item> parse(byte[] body, Params urlParams, Optional<String> token, Optional<Session> session) {
        Map<String, Optional<Session>> resolved = new HashMap<>();
        token.ifPresent(t -> resolved.put(t, session));
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
                } else if (ev == XMLStreamConstants.START_ELEMENT && "param".equals(r.getLocalName()) && current != null) {
                    String name = r.getAttributeValue(null, "name");
                    String value = r.getElementText();
                    if (name == null || name.isBlank()) {
                        throw badBatch();
                    }
                    params.add(new Params.Param(name, value));
                } else if (ev == XMLStreamConstants.END_ELEMENT && "action".equals(r.getLocalName()) && current != null) {
                    items.add(item(current, params, urlParams, token, session, resolved));
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

    private Item item(String name, List<Params.Param> own, Params urlParams, Optional<String> requestToken,
                      Optional<Session> requestSession, Map<String, Optional<Session>> resolved) {
        Optional<String> ownToken = own.stream().filter(p -> p.name().equals("session"))
                .map(p -> p.value().strip()).filter(v -> !v.isEmpty()).findFirst();
        List<Params.Param> params = new ArrayList<>(urlParams.entries().size() + own.size());
        for (Params.Param p : urlParams.entries()) {
            if (!p.name().equals("action") && !(ownToken.isPresent() && p.name().equals("session"))) {
                params.add(p);
            }
        }
        params.addAll(own);
        if (ownToken.isEmpty()) {
            return new Item(name, new Params(params), requestToken, requestSession, false);
        }
        return new Item(name, new Params(params), ownToken, resolved.computeIfAbsent(ownToken.get(), sessions::resolve),
                true);
    }

    private static ApiException badBatch() {
        return ApiException.invalid(Invalid.of("actions", FieldType.XML, InvalidSubcode.FORMAT));
    }
}
