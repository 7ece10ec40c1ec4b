package dev.breezeway.rest;

import dev.breezeway.error.AccessSubcode;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.error.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one mapping from the shared error vocabulary to JSON: an HTTP status and
 * {@code {"error":{"code":"EMAIL_NOT_UNIQUE","message":"Email address already in use"}}} with stable codes.
 */
public final class RestErrors {
    /** What a busy answer (503 {@code SERVER_BUSY}) tells the client to wait: the queue drains in well under it. */
    static final String RETRY_AFTER_SECONDS = "1";
    /** What a refused forgotten-password request (429) waits: the hour its address's count covers. */
    static final String RECOVERY_RETRY_AFTER_SECONDS = "3600";
    private RestErrors() {
    }

    /** The JSON form of {@code e}. */
    public static RestReply of(ApiException e) {
        if (e.problemKind().isPresent()) {
            Problem p = e.problemKind().get();
            RestReply r = reply(p.httpStatus(), p.code(), p.message(), List.of());
            return switch (p) {
                case SERVER_BUSY -> r.withHeader("Retry-After", RETRY_AFTER_SECONDS);
                case TOO_MANY_REQUESTS -> r.withHeader("Retry-After", RECOVERY_RETRY_AFTER_SECONDS);
                default -> r;
            };
        }
        return switch (e.code()) {
            case NO_ACCESS -> e.accessSubcode().orElse(AccessSubcode.DENIED) == AccessSubcode.NO_LOGIN
                    ? reply(401, "UNAUTHENTICATED", "Authentication required", List.of())
                    : reply(403, "FORBIDDEN", "You are not allowed to do this", List.of());
            case NO_DATA -> reply(404, "NOT_FOUND", "No such resource", List.of());
            case TOO_MUCH_DATA -> reply(409, "AMBIGUOUS", "More than one item matches", List.of());
            case OPERATION_SIZE_ERROR -> reply(400, "RESULT_TOO_LARGE", "The result is too large; page through it",
                    List.of());
            case INVALID -> invalid(e);
            default -> reply(500, "INTERNAL_ERROR", "Internal error", List.of());
        };
    }

    /**
     * The seed-004 form, {@code {"error": "message"}}: 401 and 403 keep their status, server failures
     * stay 500, every other failure is 400 as that API documents.
     */
    public static RestReply plain(ApiException e) {
        RestReply full = of(e);
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) ((Map<String, Object>) full.body().orElseThrow()).get("error");
        String message = e.detail().orElse(String.valueOf(error.get("message")));
        int status = full.status() == 401 || full.status() == 403 || full.status() >= 500 ? full.status() : 400;
        RestReply plain = RestReply.status(status, Map.of("error", message));
        for (Map.Entry<String, String> h : full.headers().entrySet()) {
            plain = plain.withHeader(h.getKey(), h.getValue());
        }
        return plain;
    }

    public static RestReply internal(String requestId) {
        return reply(500, "INTERNAL_ERROR", "Internal error (request " + requestId + ")", List.of());
    }

    private static RestReply invalid(ApiException e) {
        if (e.statusSubcode().filter("user-suspended"::equals).isPresent()) {
            return reply(429, "TOO_MANY_ATTEMPTS", "Too many failed logins; try again in "
                    + e.paramValue().orElse(1) + " minutes", List.of());
        }
        Invalid first = e.invalids().get(0);
        if (first.subcode() == InvalidSubcode.DUPLICATE && first.field().equals("email")) {
            return reply(409, "EMAIL_NOT_UNIQUE", "Email address already in use", e.invalids());
        }
        if (first.subcode() == InvalidSubcode.DUPLICATE && first.field().equals("phone")) {
            return reply(409, "PHONE_NOT_UNIQUE", "Phone number already in use", e.invalids());
        }
        if (first.subcode() == InvalidSubcode.DUPLICATE) {
            return reply(409, "ALREADY_EXISTS", first.field() + " is already in use", e.invalids());
        }
        if (first.field().toLowerCase().contains("password")) {
            return reply(400, "WEAK_PASSWORD", "Password must have at least 8 characters, an upper-case letter, a"
                    + " lower-case letter and a digit, and must not be common or easy to guess", e.invalids());
        }
        return reply(400, "VALIDATION_FAILED", first.field() + ": " + first.subcode().wire(), e.invalids());
    }

    private static RestReply reply(int status, String code, String message, List<Invalid> details) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (!details.isEmpty()) {
            error.put("details", details.stream().map(i -> Map.of("field", i.field(), "reason", i.subcode().wire())).toList());
        }
        return RestReply.status(status, Map.of("error", error));
    }
}
