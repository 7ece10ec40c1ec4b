package dev.breezeway.xml.action;

import dev.breezeway.principal.Expected;
import dev.breezeway.access.Grant;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.error.Problem;
import dev.breezeway.iam.IamPrincipal;
import dev.breezeway.iam.IamService;
import dev.breezeway.session.Session;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.model.PrincipalModernXml;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the XML mirrors of the modern principal API share: reading {@code principal-id} and the
 * optional {@code version} (the number in the JSON ETag {@code W/"7"}), naming those parameters in the
 * problems {@link IamService} reports with JSON names, and the {@code <principal-modern>} payload.
 */
final class IamMirrors {
    /** Breeze's date form, e.g. {@code 2024-05-28T14:23:00.000+00:00}. */
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx");

    private IamMirrors() {
    }

    /**
     * The version a write expects: the number {@code version} when sent, any (the version the write
     * reads) when absent, since Breeze clients know no ETags. Not a whole number ≥ 0 is {@code format}.
     */
    static Optional<Expected> expected(Params p) {
        Optional<String> raw = p.first("version").map(String::strip).filter(s -> !s.isEmpty());
        if (raw.isEmpty()) {
            return Optional.of(Expected.ANY);
        }
        if (!raw.get().matches("[0-9]{1,18}")) {
            p.problem(Invalid.of("version", FieldType.LONG, InvalidSubcode.FORMAT));
            return Optional.of(Expected.ANY);
        }
        return Optional.of(Expected.of(Long.parseLong(raw.get())));
    }

    /** {@code principal-id}, or the caller's own id when it is absent and {@code defaultToCaller}. */
    static long principalId(Params p, Session caller, boolean defaultToCaller) {
        if (defaultToCaller && p.first("principal-id").map(String::strip).filter(s -> !s.isEmpty()).isEmpty()) {
            return caller.principalId();
        }
        return p.requiredId("principal-id");
    }

    /**
     * Runs a service call, renaming the fields of its version and self-service problems to this
     * face's parameters: {@code If-Match} → {@code version}, {@code id} → {@code principal-id}.
     */
    static <T> T run(Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiException e) {
            Optional<Problem> p = e.problemKind();
            if (p.isPresent()) {
                switch (p.get()) {
                    case PRECONDITION_FAILED, PRECONDITION_REQUIRED -> throw ApiException.problem(p.get(), "version");
                    default -> {
                    }
                }
            }
            throw e;
        }
    }

    /**
     * Every non-blank value of a repeated text parameter; one longer than {@code max} is a {@code range}
     * problem. Blank values are skipped, so {@code role=} alone means "none".
     */
    static List<String> repeatedText(Params p, String name, int max) {
        List<String> out = new ArrayList<>();
        boolean tooLong = false;
        for (String v : p.all(name)) {
            String s = v.strip();
            if (s.isEmpty()) {
                continue;
            }
            if (s.codePointCount(0, s.length()) > max) {
                tooLong = true;
            } else {
                out.add(s);
            }
        }
        if (tooLong) {
            p.problem(Invalid.range(name, FieldType.STRING, 1, max));
        }
        return out;
    }

    static PrincipalModernXml modern(IamPrincipal p) {
        PrincipalModernXml x = new PrincipalModernXml();
        x.principalId = Long.toString(p.principalId());
        x.id = p.id().toString();
        x.version = Long.toString(p.version());
        x.etag = p.etag();
        x.suspendedAt = p.suspendedAt().map(IamMirrors::date).orElse(null);
        x.lastActiveAt = p.lastActiveAt().map(IamMirrors::date).orElse(null);
        x.createdAt = date(p.createdAt());
        x.passwordLogin = Boolean.toString(p.passwordLogin());
        x.passwordExpiresAt = p.passwordExpiresAt().map(IamMirrors::date).orElse(null);
        x.name = p.name();
        x.email = p.email().orElse(null);
        x.phone = p.phone().orElse(null);
        x.roles.addAll(p.roles());
        for (Grant e : p.acl()) {
            PrincipalModernXml.Grant entry = new PrincipalModernXml.Grant();
            entry.resource = e.resource();
            entry.permission = e.permission();
            x.acl.add(entry);
        }
        p.accessAttributes().forEach((key, values) -> values.forEach(v -> {
            PrincipalModernXml.Attribute a = new PrincipalModernXml.Attribute();
            a.key = key;
            a.value = v;
            x.accessAttributes.add(a);
        }));
        return x;
    }

    static String date(Instant t) {
        return ISO.format(t.atOffset(ZoneOffset.UTC));
    }
}
