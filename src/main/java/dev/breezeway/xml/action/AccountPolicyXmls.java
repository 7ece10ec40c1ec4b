package dev.breezeway.xml.action;

import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import dev.breezeway.principal.Face;
import dev.breezeway.principal.PasswordRules;
import dev.breezeway.xml.Params;
import dev.breezeway.xml.model.AccountPolicyXml;
import java.util.Optional;

/** What the two account-policy actions share: the {@code face} parameter, whole numbers, and {@code <account-policy>}. */
final class AccountPolicyXmls {
    private AccountPolicyXmls() {
    }

    static Face face(Params p) {
        Optional<String> raw = p.first("face").map(String::strip).filter(s -> !s.isEmpty());
        Optional<Face> face = raw.map(r -> Face.fromWire(r).orElse(null));
        if (raw.isPresent() && face.isEmpty()) {
            p.problem(Invalid.of("face", FieldType.ENUM, InvalidSubcode.NO_SUCH_ITEM));
        }
        return face.orElse(Face.XML);
    }

    static Optional<Integer> number(Params p, String name) {
        Optional<String> raw = p.first(name).map(String::strip).filter(s -> !s.isEmpty());
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        if (!raw.get().matches("[0-9]{1,9}")) {
            p.problem(Invalid.of(name, FieldType.LONG, InvalidSubcode.FORMAT));
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(raw.get()));
    }

    static AccountPolicyXml xml(Face face, PasswordRules r) {
        AccountPolicyXml x = new AccountPolicyXml();
        x.face = face.wire();
        x.version = Long.toString(r.version());
        x.loginIsEmail = Boolean.toString(r.loginIsEmail());
        x.minLength = Integer.toString(r.minLength());
        x.maxLength = Integer.toString(r.maxLength());
        x.requireDigit = Boolean.toString(r.requireDigit());
        x.requireUpper = Boolean.toString(r.requireUpper());
        x.requireLower = Boolean.toString(r.requireLower());
        x.specialChars = r.specialChars().orElse(null);
        x.refuseCommon = Boolean.toString(r.refuseCommon());
        x.mailChosenPassword = Boolean.toString(r.mailChosenPassword());
        x.expiryDays = Integer.toString(r.expiryDays());
        x.historyCount = Integer.toString(r.historyCount());
        return x;
    }
}
