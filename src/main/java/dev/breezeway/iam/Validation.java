package dev.breezeway.iam;

import dev.breezeway.error.ApiException;
import dev.breezeway.error.FieldType;
import dev.breezeway.error.Invalid;
import dev.breezeway.error.InvalidSubcode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks of the modern API's fields: a name of 1–512 characters, an email address, a phone number. */
final class Validation {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ().-]{2,31}");

    private Validation() {
    }

    static void check(String name, Optional<String> email, Optional<String> phone) {
        List<Invalid> problems = new ArrayList<>();
        if (name.isBlank()) {
            problems.add(Invalid.of("name", FieldType.STRING, InvalidSubcode.MISSING));
        } else if (name.length() > 512) {
            problems.add(Invalid.range("name", FieldType.STRING, 1, 512));
        }
        if (email.isPresent() && (email.get().length() > 255 || !EMAIL.matcher(email.get()).matches())) {
            problems.add(Invalid.of("email", FieldType.STRING, InvalidSubcode.FORMAT));
        }
        if (phone.isPresent() && !PHONE.matcher(phone.get()).matches()) {
            problems.add(Invalid.of("phone", FieldType.STRING, InvalidSubcode.FORMAT));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
    }
}
