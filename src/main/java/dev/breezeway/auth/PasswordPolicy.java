package dev.breezeway.auth;

import com.nulabinc.zxcvbn.Zxcvbn;
import java.util.Optional;

/**
 * The password rules for every face: at least 8 characters, an upper-case letter, a lower-case
 * letter, a digit, and not common or easily guessed (zxcvbn score of at least 2 of 4), e.g.
 * {@code Correct-horse-9} passes and {@code Password1} does not.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 256;
    private static final int MIN_SCORE = 2;
    private final Zxcvbn zxcvbn = new Zxcvbn();

    /** Why the password is refused, or empty if it is acceptable. */
    public Optional<String> violation(String password, String... userInputs) {
        if (password.length() < MIN_LENGTH) {
            return Optional.of("must be at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        if (password.chars().noneMatch(Character::isUpperCase)) {
            return Optional.of("must contain an upper-case letter");
        }
        if (password.chars().noneMatch(Character::isLowerCase)) {
            return Optional.of("must contain a lower-case letter");
        }
        if (password.chars().noneMatch(Character::isDigit)) {
            return Optional.of("must contain a digit");
        }
        if (zxcvbn.measure(password, java.util.List.of(userInputs)).getScore() < MIN_SCORE) {
            return Optional.of("is too common or easy to guess");
        }
        return Optional.empty();
    }
}
