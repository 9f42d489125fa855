package de.dos2030.iot.collector.opendata;

import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.api.ErrorAnswer;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;

/**
 * The two CSV flavours of the exports: RFC 4180 ({@code ,} and decimal point, for programs) and
 * {@code excel-de} ({@code ;}, decimal comma and a UTF-8 byte order mark, so that German spreadsheet
 * software reads numbers as numbers and umlauts right). Both end lines with CRLF and quote only where needed.
 */
public enum CsvDialect {
    RFC4180("rfc4180", ',', '.', false),
    EXCEL_DE("excel-de", ';', ',', true);

    private final String wireName;
    private final char delimiter;
    private final char decimal;
    private final boolean bom;

    CsvDialect(String wireName, char delimiter, char decimal, boolean bom) {
        this.wireName = wireName;
        this.delimiter = delimiter;
        this.decimal = decimal;
        this.bom = bom;
    }

    public String wireName() {
        return wireName;
    }

    public char delimiter() {
        return delimiter;
    }

    public char decimal() {
        return decimal;
    }

    public boolean bom() {
        return bom;
    }

    /** A fresh format (its print methods synchronize on it: one per export, never shared). */
    CSVFormat format() {
        return CSVFormat.RFC4180.builder().setDelimiter(delimiter).get();
    }

    /** A number as written by the query API's CSV, with this dialect's decimal separator. */
    String number(String plain) {
        return decimal == '.' ? plain : plain.replace('.', decimal);
    }

    /**
     * The dialect a request asks for: {@code dialect=} when given, otherwise {@code excel-de} when the
     * caller's most preferred language is German, else {@code rfc4180}.
     *
     * @throws BadRequestException naming {@code dialect} when it is neither
     */
    static CsvDialect of(@Nullable String dialect, @Nullable String acceptLanguage) {
        if (dialect != null) {
            for (CsvDialect d : values()) {
                if (d.wireName.equals(dialect)) {
                    return d;
                }
            }
            throw new BadRequestException(
                    "dialect " + ErrorAnswer.quoted(dialect) + " is unknown (allowed: rfc4180, excel-de)");
        }
        if (acceptLanguage == null || acceptLanguage.length() > 500) {
            return RFC4180;
        }
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(acceptLanguage);
            return !ranges.isEmpty() && ranges.get(0).getRange().startsWith("de") ? EXCEL_DE : RFC4180;
        } catch (IllegalArgumentException e) {
            return RFC4180; // a garbled header is not worth a 400: the parameter chooses explicitly
        }
    }
}
