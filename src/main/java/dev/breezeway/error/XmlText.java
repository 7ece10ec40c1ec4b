package dev.breezeway.error;

/**
 * Text XML 1.0 can carry, the one rule every face applies to what it stores and the XML writer to what it
 * shows: no C0 controls but tab, LF and CR, no U+FFFE or U+FFFF, no unpaired surrogate, e.g.
 * {@code "Ada\u0001"} is refused as {@code <invalid field="first-name" type="string" subcode="format"/>}
 * (JSON: 400 {@code VALIDATION_FAILED}).
 */
public final class XmlText {
    /** What the XML writer shows instead of a character already stored that XML cannot carry. */
    public static final char REPLACEMENT = '\uFFFD';

    private XmlText() {
    }

    /** True if every character of {@code s} is one XML 1.0 can carry. */
    public static boolean carriable(String s) {
        return firstBad(s) < 0;
    }

    /** {@code s} with every character XML 1.0 cannot carry replaced by U+FFFD (the same string if none). */
    public static String cleaned(String s) {
        int bad = firstBad(s);
        if (bad < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        out.append(s, 0, bad);
        for (int i = bad; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else {
                out.append(bad(c) || Character.isSurrogate(c) ? REPLACEMENT : c);
            }
        }
        return out.toString();
    }

    private static int firstBad(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (bad(c) || Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean bad(char c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF;
    }
}
