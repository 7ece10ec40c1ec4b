package dev.breezeway.auth;

import com.nulabinc.zxcvbn.Zxcvbn;
import dev.breezeway.principal.PasswordRules;
import java.util.List;
import java.util.Optional;

/**
 * Checks a password against a policy ({@link PasswordRules}): its length, the character classes it
 * requires, and whether it is common or easily guessed (zxcvbn score below 2 of 4), e.g. under the JSON
 * face's default policy {@code Correct-horse-9} passes and {@code Password1} does not.
 */
public final class PasswordPolicy {
    private static final int MIN_SCORE = 2;
    private final Zxcvbn zxcvbn = new Zxcvbn();

    /** True if the length is outside the policy's bounds (reported as {@code range} with them). */
    public boolean badLength(PasswordRules rules, String password) {
        int n = password.codePointCount(0, password.length());
        return n < rules.minLength() || n > rules.maxLength();
    }

    /** Why the password is refused, or empty if it is acceptable. */
    public Optional<String> violation(PasswordRules rules, String password, String... userInputs) {
        if (badLength(rules, password)) {
            return Optional.of("must be " + rules.minLength() + " to " + rules.maxLength() + " characters");
        }
        if (rules.requireUpper() && password.chars().noneMatch(Character::isUpperCase)) {
            return Optional.of("must contain an upper-case letter");
        }
        if (rules.requireLower() && password.chars().noneMatch(Character::isLowerCase)) {
            return Optional.of("must contain a lower-case letter");
        }
        if (rules.requireDigit() && password.chars().noneMatch(Character::isDigit)) {
            return Optional.of("must contain a digit");
        }
        if (rules.specialChars().isPresent() && password.chars().noneMatch(c -> rules.specialChars().get().indexOf(c) >= 0)) {
            return Optional.of("must contain one of " + rules.specialChars().get());
        }
        if (rules.refuseCommon() && zxcvbn.measure(password, List.of(userInputs)).getScore() < MIN_SCORE) {
            return Optional.of("is too common or easy to guess");
        }
        return Optional.empty();
    }
}
