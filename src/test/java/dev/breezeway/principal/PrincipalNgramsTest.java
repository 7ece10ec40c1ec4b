package dev.breezeway.principal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The windows the name index holds and the ones a search looks up. */
class PrincipalNgramsTest {
    @Test
    void aNameHoldsItsWindowsOfThreeToFiveCharactersButNoLongerOneEndingInASpace() {
        assertThat(PrincipalNgrams.of("Ada Li")).containsExactly(
                "Ada", "da ", "a L", " Li", "da L", "a Li", "Ada L", "da Li");
    }

    @Test
    void windowsCountCodePointsAndRepeatOnce() {
        assertThat(PrincipalNgrams.of("😀ab😀ab")).containsExactly("😀ab", "ab😀", "b😀a", "😀ab😀", "ab😀a", "b😀ab",
                "😀ab😀a", "ab😀ab");
        assertThat(PrincipalNgrams.of("Ab")).isEmpty();
    }

    @Test
    void aTermOfThreeToFiveCharactersIsItsOwnWindow() {
        assertThat(PrincipalNgrams.lookup("efi")).containsExactly("efi");
        assertThat(PrincipalNgrams.lookup("Kefin")).containsExactly("Kefin");
        assertThat(PrincipalNgrams.lookup("ji 😀")).containsExactly("ji 😀");
        assertThat(PrincipalNgrams.of("Kefin Aros")).contains(PrincipalNgrams.lookup("Kefin").get(0),
                PrincipalNgrams.lookup("fin A").get(0));
    }

    @Test
    void aLongerTermIsLookedUpByItsFiveCharacterWindows() {
        assertThat(PrincipalNgrams.lookup("Kefin Ar")).containsExactly("Kefin", "efin ", "fin A", "in Ar");
        assertThat(List.of("Kefin", "fin A", "in Ar")).allMatch(w -> PrincipalNgrams.of("Kefin Aros").contains(w));
    }
}
