package dev.breezeway.rest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A JSON answer: status, optional body (serialized by Jackson) and extra headers such as ETag. */
public record RestReply(int status, Optional<Object> body, Map<String, String> headers) {

    public static RestReply ok(Object body) {
        return new RestReply(200, Optional.of(body), Map.of());
    }

    public static RestReply status(int status, Object body) {
        return new RestReply(status, Optional.of(body), Map.of());
    }

    public static RestReply noContent() {
        return new RestReply(204, Optional.empty(), Map.of());
    }

    public RestReply withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new RestReply(status, body, h);
    }
}
