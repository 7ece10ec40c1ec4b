package dev.breezeway.error;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A failure from the closed vocabulary that every face renders: the XML face as a {@code <status>}
 * (e.g. {@code <status code="no-access" subcode="denied"/>}), the JSON face as an HTTP status and
 * an error code. Services throw it; only {@code ErrorRendering} classes turn it into wire form.
 */
public final class ApiException extends RuntimeException {
    private final StatusCode code;
    private final Optional<AccessSubcode> accessSubcode;
    private final List<Invalid> invalids;
    private final Optional<String> statusSubcode;
    private final OptionalInt paramValue;
    private final Optional<Problem> problem;
    private Optional<String> detail = Optional.empty();

    private ApiException(StatusCode code, Optional<AccessSubcode> accessSubcode, List<Invalid> invalids,
                         Optional<String> statusSubcode, OptionalInt paramValue, String message) {
        this(code, accessSubcode, invalids, statusSubcode, paramValue, message, Optional.empty());
    }

    private ApiException(StatusCode code, Optional<AccessSubcode> accessSubcode, List<Invalid> invalids,
                         Optional<String> statusSubcode, OptionalInt paramValue, String message, Optional<Problem> problem) {
        super(message, null, false, false);
        this.code = code;
        this.accessSubcode = accessSubcode;
        this.invalids = List.copyOf(invalids);
        this.statusSubcode = statusSubcode;
        this.paramValue = paramValue;
        this.problem = problem;
    }

    /**
     * A failure the Breeze vocabulary has no word for; XML shows {@link Problem#xmlCode()}, JSON its
     * own status and code. An {@code invalid} XML status carries one {@code <invalid field>} naming
     * {@code field}.
     */
    public static ApiException problem(Problem p, String field) {
        List<Invalid> invalids = p.xmlCode() == StatusCode.INVALID
                ? List.of(Invalid.of(field, p.xmlFieldType(), InvalidSubcode.ILLEGAL_OPERATION)) : List.of();
        return new ApiException(p.xmlCode(), p.xmlSubcode(), invalids, Optional.empty(), OptionalInt.empty(),
                p.code(), Optional.of(p));
    }

    /** Adds a human-readable explanation, shown by faces that carry one (e.g. {@code {"error": "…"}}). */
    public ApiException describedAs(String explanation) {
        this.detail = Optional.of(explanation);
        return this;
    }

    /** The human-readable explanation, if one was given. */
    public Optional<String> detail() {
        return detail;
    }

    /** The problem behind this failure, if it is one of those the Breeze vocabulary lacks. */
    public Optional<Problem> problemKind() {
        return problem;
    }

    /** {@code <status code="invalid">} with one or more {@code <invalid>} children. */
    public static ApiException invalid(List<Invalid> invalids) {
        if (invalids.isEmpty()) {
            throw new IllegalArgumentException("an invalid status needs at least one <invalid>");
        }
        return new ApiException(StatusCode.INVALID, Optional.empty(), invalids, Optional.empty(),
                OptionalInt.empty(), "invalid " + invalids);
    }

    public static ApiException invalid(Invalid invalid) {
        return invalid(List.of(invalid));
    }

    public static ApiException noAccess(AccessSubcode subcode) {
        return new ApiException(StatusCode.NO_ACCESS, Optional.of(subcode), List.of(), Optional.empty(),
                OptionalInt.empty(), "no-access " + subcode.wire());
    }

    public static ApiException noData() {
        return new ApiException(StatusCode.NO_DATA, Optional.empty(), List.of(), Optional.empty(),
                OptionalInt.empty(), "no-data");
    }

    public static ApiException tooMuchData() {
        return new ApiException(StatusCode.TOO_MUCH_DATA, Optional.empty(), List.of(), Optional.empty(),
                OptionalInt.empty(), "too-much-data");
    }

    /** {@code <status code="operation-size-error" subcode="LIMIT"/>}: the result exceeds {@code limit} rows. */
    public static ApiException operationSize(int limit) {
        return new ApiException(StatusCode.OPERATION_SIZE_ERROR, Optional.empty(), List.of(),
                Optional.of(Integer.toString(limit)), OptionalInt.empty(), "operation-size-error " + limit);
    }

    /** {@code <status code="invalid" subcode="user-suspended"><param value="MINUTES"/></status>}: login throttled. */
    public static ApiException userSuspended(int minutes) {
        return new ApiException(StatusCode.INVALID, Optional.empty(), List.of(), Optional.of("user-suspended"),
                OptionalInt.of(minutes), "user-suspended " + minutes);
    }

    public StatusCode code() {
        return code;
    }

    public Optional<AccessSubcode> accessSubcode() {
        return accessSubcode;
    }

    public List<Invalid> invalids() {
        return invalids;
    }

    /** A subcode carried on {@code <status>} itself other than an access subcode. */
    public Optional<String> statusSubcode() {
        return statusSubcode;
    }

    /** The value of a {@code <param value>} child of {@code <status>}, if any. */
    public OptionalInt paramValue() {
        return paramValue;
    }
}
