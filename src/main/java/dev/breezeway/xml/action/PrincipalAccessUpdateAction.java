package dev.breezeway.xml.action;

import dev.breezeway.principal.Expected;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.iam.IamService;
import dev.breezeway.session.Session;
import dev.breezeway.xml.Action;
import dev.breezeway.xml.Call;
import dev.breezeway.xml.ParamGroups;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.Results;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code principal-access-update} ({@code principal-id}, repeated pairs {@code key}, {@code value},
 * optional {@code version}): the XML mirror of {@code PUT /resources/iam/principals/{id}/access-attributes},
 * e.g. {@code key=channelKey&value=STORE-NYC&key=channelKey&value=STORE-SF} (a key may repeat). The
 * attributes replace the current ones; no pair (or only empty ones) clears them → the updated
 * {@code <principal-modern>}. Half a pair is {@code missing} on the absent half; keys have 1–64
 * characters, values 1–255.
 */
public final class PrincipalAccessUpdateAction implements Action {
    private final IamService iam;

    public PrincipalAccessUpdateAction(IamService iam) {
        this.iam = iam;
    }

    @Override
    public Results handle(Call call) {
        Params p = call.params();
        Session caller = call.requireSession();
        long id = p.requiredId("principal-id");
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (ParamGroups.Group g : ParamGroups.read(p, "key", "value")) {
            Optional<String> key = g.get(0).map(String::strip).filter(s -> !s.isEmpty());
            Optional<String> value = g.get(1).map(String::strip).filter(s -> !s.isEmpty());
            if (key.isEmpty() && value.isEmpty()) {
                continue;
            }
            boolean ok = check(p, "key", key, 64) & check(p, "value", value, 255);
            if (ok) {
                List<String> values = attributes.computeIfAbsent(key.get(), k -> new ArrayList<>());
                if (!values.contains(value.get())) {
                    values.add(value.get());
                }
            }
        }
        Optional<Expected> ifMatch = IamMirrors.expected(p);
        p.throwIfInvalid();
        UUID uuid = iam.idOf(caller, id);
        return Results.ok(IamMirrors.modern(IamMirrors.run(
                () -> iam.setAccessAttributes(caller, uuid, attributes, ifMatch))));
    }

    private static boolean check(Params p, String name, Optional<String> v, int max) {
        Invalid problem;
        if (v.isEmpty()) {
            problem = Invalid.of(name, FieldType.STRING, InvalidSubcode.MISSING);
        } else if (v.get().codePointCount(0, v.get().length()) > max) {
            problem = Invalid.range(name, FieldType.STRING, 1, max);
        } else {
            return true;
        }
        // One <invalid> per parameter and kind, however many pairs share the problem.
        if (!p.problems().contains(problem)) {
            p.problem(problem);
        }
        return false;
    }
}
