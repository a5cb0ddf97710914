package io.tickhub.core.quote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/** The character check agrees with the alphabet as a regular expression, on any input. */
class SymbolsPropertyTest {

    private static final Pattern ALPHABET = Pattern.compile("[A-Z0-9^][A-Z0-9._=:^-]{0,31}");

    @Property(tries = 3000)
    void acceptsExactlyWhatTheAlphabetsRegexMatches(
            @ForAll @StringLength(max = 40) @Chars({'a', 'Z', '0', '9', '.', '_', '=', ':', '^', '-', ' ', '/', '\'', '"',
                    '\u0000', '\t', 'Ä', '@', '[', '`', '{'}) String raw) {
        String normalised = raw.strip().toUpperCase(Locale.ROOT);
        boolean expected = ALPHABET.matcher(normalised).matches();

        assertThat(Symbols.isValid(raw)).as("%s", raw).isEqualTo(expected);
    }

    @Property(tries = 2000)
    void agreesOnArbitraryStrings(@ForAll @StringLength(max = 36) String raw) {
        String normalised = raw.strip().toUpperCase(Locale.ROOT);

        assertThat(Symbols.isValid(raw)).isEqualTo(ALPHABET.matcher(normalised).matches());
    }
}
