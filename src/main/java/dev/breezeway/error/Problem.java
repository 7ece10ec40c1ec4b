package dev.breezeway.error;

import java.util.Optional;

/**
 * Failures the Breeze vocabulary has no word of its own for, with the status each face shows: the
 * XML face a Breeze status, the JSON face an HTTP status and a stable code, e.g.
 * {@code {"error":{"code":"ACCOUNT_SUSPENDED","message":"Account has been suspended"}}}.
 */
public enum Problem {
    ACCOUNT_SUSPENDED(403, "ACCOUNT_SUSPENDED", "Account has been suspended", StatusCode.NO_DATA, null),
    INVALID_CREDENTIALS(401, "INVALID_CREDENTIALS", "Invalid login or password", StatusCode.NO_DATA, null),
    CANNOT_SUSPEND_SELF(403, "CANNOT_SUSPEND_SELF", "Cannot suspend your own principal", StatusCode.INVALID, null),
    CANNOT_DELETE_SELF(403, "CANNOT_DELETE_SELF", "Cannot delete your own principal", StatusCode.INVALID, null),
    PRECONDITION_REQUIRED(428, "PRECONDITION_REQUIRED", "If-Match header with the current ETag is required",
            StatusCode.INVALID, null),
    PRECONDITION_FAILED(412, "PRECONDITION_FAILED", "The principal has changed; fetch it again for a fresh ETag",
            StatusCode.INVALID, null),
    PASSWORD_CHANGE_REQUIRED(403, "PASSWORD_CHANGE_REQUIRED",
            "This session may only change the temporary password (POST /resources/me/password)",
            StatusCode.NO_ACCESS, AccessSubcode.DENIED),
    VERSION_CONFLICT(409, "VERSION_CONFLICT", "The version is stale; fetch the current one and retry",
            StatusCode.INVALID, null),
    NOT_FOUND(404, "NOT_FOUND", "No such resource", StatusCode.NO_DATA, null),
    METHOD_NOT_ALLOWED(405, "METHOD_NOT_ALLOWED", "Method not allowed on this resource", StatusCode.INVALID, null),
    INVALID_JSON(400, "INVALID_JSON", "The request body is not valid JSON of the expected shape", StatusCode.INVALID, null),
    UNSUPPORTED_MEDIA_TYPE(415, "UNSUPPORTED_MEDIA_TYPE", "Send application/json", StatusCode.INVALID, null),
    INVALID_CLIENT(401, "INVALID_CLIENT", "Invalid client_id or client_secret", StatusCode.NO_DATA, null),
    CLIENT_USER_DELETED(403, "USER_DELETED",
            "A user with this clientUserId was deleted; use a clientUserId that has not been used before",
            StatusCode.NO_ACCESS, AccessSubcode.DENIED),
    /**
     * Too many password checks are waiting (PasswordHasher): refused at once, without hashing. Adobe's
     * {@code no-access}/{@code not-available} ("the requested resource is unavailable"); JSON 503 with
     * {@code Retry-After}. Retrying a moment later is safe: nothing was counted or changed.
     */
    SERVER_BUSY(503, "SERVER_BUSY", "Too many password checks are waiting; retry in a moment",
            StatusCode.NO_ACCESS, AccessSubcode.NOT_AVAILABLE),
    /**
     * Too many forgotten-password requests from the caller's address in the last hour
     * ({@code BREEZEWAY_RECOVERY_MAX_PER_ADDRESS}); XML {@code no-access}/{@code not-available}, JSON 429 with
     * {@code Retry-After}. Said alike whether the login exists.
     */
    TOO_MANY_REQUESTS(429, "TOO_MANY_REQUESTS", "Too many requests from this address; retry later",
            StatusCode.NO_ACCESS, AccessSubcode.NOT_AVAILABLE);

    private final int httpStatus;
    private final String code;
    private final String message;
    private final StatusCode xmlCode;
    private final AccessSubcode xmlSubcode;

    Problem(int httpStatus, String code, String message, StatusCode xmlCode, AccessSubcode xmlSubcode) {
        this.httpStatus = httpStatus;
        this.code = code;
        this.message = message;
        this.xmlCode = xmlCode;
        this.xmlSubcode = xmlSubcode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String code() {
        return code;
    }

    public String message() {
        return message;
    }

    public StatusCode xmlCode() {
        return xmlCode;
    }

    public Optional<AccessSubcode> xmlSubcode() {
        return Optional.ofNullable(xmlSubcode);
    }

    /** The type of the {@code <invalid>} field an {@code invalid} XML status names: the principal for "yourself". */
    public FieldType xmlFieldType() {
        return this == CANNOT_SUSPEND_SELF || this == CANNOT_DELETE_SELF ? FieldType.ID : FieldType.STRING;
    }
}
