package dev.breezeway.principal;

import java.util.Optional;

/**
 * One face's login and password policy, as Adobe Connect Central's "Edit Login and Password Policies"
 * has it plus what Adobe lacks (a lower-case letter, refusing common passwords), e.g. the XML face's
 * default: 4 to 32 characters, no character class required, no expiry, no history.
 *
 * @param loginIsEmail  a user's login must be its email
 * @param specialChars  characters of which a password must contain one; empty: none required
 * @param expiryDays    a password expires this many days after it was set; 0: never
 * @param historyCount  a new password may not be one of the last this many; 0: any
 * @param mailChosenPassword the welcome mail of a user created with {@code send-email=true} carries the password the
 *                      administrator chose (off by default: it carries a link to choose one)
 */
public record PasswordRules(boolean loginIsEmail, int minLength, int maxLength, boolean requireDigit,
                            boolean requireUpper, boolean requireLower, Optional<String> specialChars,
                            boolean refuseCommon, int expiryDays, int historyCount, boolean mailChosenPassword,
                            long version) {
    /** The bounds an administrator may choose from: Adobe allows 4 to 32; the JSON face stores up to 256. */
    public static final int LENGTH_MIN = 4;
    public static final int LENGTH_MAX = 256;
    public static final int EXPIRY_MAX = 3650;
    /** Each remembered password costs one Argon2id verification when a new one is set. */
    public static final int HISTORY_MAX = 24;
    public static final int SPECIAL_MAX = 64;

    /** The policy an account has until an administrator changes it. */
    public static PasswordRules defaults(Face face) {
        return switch (face) {
            case XML -> new PasswordRules(false, 4, 32, false, false, false, Optional.empty(), false, 0, 0, false, 0);
            case JSON -> new PasswordRules(false, 8, 256, true, true, true, Optional.empty(), true, 0, 0, false, 0);
        };
    }
}
