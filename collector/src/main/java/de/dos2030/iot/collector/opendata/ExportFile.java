package de.dos2030.iot.collector.opendata;

import de.dos2030.iot.collector.api.BadRequestException;
import de.dos2030.iot.collector.api.ErrorAnswer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last path segment of an export: which local calendar period and what form.
 * {@code 2025-03-03.csv} (a day), {@code 2025-03.csv} and {@code 2025-03.zip} (a month; the zip holds the
 * CSV and its {@code datapackage.json}), {@code 2025.csv} (a year in one stream), and
 * {@code <period>.datapackage.json} for each.
 *
 * @param first   the first local day of the period
 * @param end     the local day after the period
 * @param label   the period as written in the name ({@code 2025-03-03}, {@code 2025-03}, {@code 2025})
 */
public record ExportFile(LocalDate first, LocalDate end, String label, Form form) {
    /** What the file is. */
    public enum Form {
        CSV,
        ZIP,
        DATAPACKAGE
    }

    private static final Pattern NAME =
            Pattern.compile("(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?\\.(csv|zip|datapackage\\.json)");
    private static final Pattern RANGE =
            Pattern.compile("(\\d{4}-\\d{2}-\\d{2})_(\\d{4}-\\d{2}-\\d{2})\\.(csv|datapackage\\.json)");
    /** The longest range of days in one file: a leap year and a little. */
    static final int MAX_RANGE_DAYS = 400;

    /** Years outside this range are typing errors, not periods anyone measured in. */
    private static final int FIRST_YEAR = 2000;

    private static final int LAST_YEAR = 2200;

    /**
     * Reads a file name.
     *
     * @throws BadRequestException naming {@code date}, {@code month} or {@code file} when it cannot
     */
    public static ExportFile parse(String name) {
        Matcher range = RANGE.matcher(name);
        if (name.length() <= 40 && range.matches()) {
            return range(name, range);
        }
        Matcher m = NAME.matcher(name);
        if (name.length() > 40 || !m.matches()) {
            throw new BadRequestException("file " + ErrorAnswer.quoted(name)
                    + " is not an export: use <yyyy-mm-dd>.csv, <yyyy-mm>.csv, <yyyy-mm>.zip, <yyyy>.csv"
                    + ", <yyyy-mm-dd>_<yyyy-mm-dd>.csv or <period>.datapackage.json, e.g. 2025-03-03.csv");
        }
        Form form = switch (m.group(4)) {
            case "csv" -> Form.CSV;
            case "zip" -> Form.ZIP;
            default -> Form.DATAPACKAGE;
        };
        int year = Integer.parseInt(m.group(1));
        String label = name.substring(0, name.indexOf('.'));
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new BadRequestException("year " + ErrorAnswer.quoted(m.group(1)) + " is out of range (" + FIRST_YEAR
                    + " to " + LAST_YEAR + ")");
        }
        if (m.group(3) != null) {
            if (form == Form.ZIP) {
                throw new BadRequestException("file " + ErrorAnswer.quoted(name)
                        + " is not an export: zips are per month (<yyyy-mm>.zip); a day is <yyyy-mm-dd>.csv");
            }
            try {
                LocalDate day = LocalDate.parse(label);
                return new ExportFile(day, day.plusDays(1), label, form);
            } catch (DateTimeException e) {
                throw new BadRequestException(
                        "date " + ErrorAnswer.quoted(label) + " is not a date of the calendar (yyyy-mm-dd)");
            }
        }
        if (m.group(2) != null) {
            int month = Integer.parseInt(m.group(2));
            if (month < 1 || month > 12) {
                throw new BadRequestException(
                        "month " + ErrorAnswer.quoted(label) + " is not a month (yyyy-mm, 01 to 12)");
            }
            YearMonth ym = YearMonth.of(year, month);
            return new ExportFile(ym.atDay(1), ym.plusMonths(1).atDay(1), label, form);
        }
        if (form == Form.ZIP) {
            throw new BadRequestException("file " + ErrorAnswer.quoted(name)
                    + " is not an export: zips are per month (<yyyy-mm>.zip); a year is <yyyy>.csv");
        }
        return new ExportFile(LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1), label, form);
    }

    private static ExportFile range(String name, Matcher m) {
        LocalDate first = day("from", m.group(1));
        LocalDate last = day("to", m.group(2));
        if (last.isBefore(first)) {
            throw new BadRequestException("to " + ErrorAnswer.quoted(m.group(2)) + " is before from "
                    + ErrorAnswer.quoted(m.group(1)) + ": write the earlier date first");
        }
        if (first.plusDays(MAX_RANGE_DAYS).isBefore(last.plusDays(1))) {
            throw new BadRequestException("range " + ErrorAnswer.quoted(m.group(1) + "_" + m.group(2))
                    + " is longer than " + MAX_RANGE_DAYS + " days");
        }
        if (first.getYear() < FIRST_YEAR || last.getYear() > LAST_YEAR) {
            throw new BadRequestException("range " + ErrorAnswer.quoted(m.group(1) + "_" + m.group(2))
                    + " is out of range (" + FIRST_YEAR + " to " + LAST_YEAR + ")");
        }
        Form form = m.group(3).equals("csv") ? Form.CSV : Form.DATAPACKAGE;
        return new ExportFile(first, last.plusDays(1), name.substring(0, name.indexOf('.')), form);
    }

    private static LocalDate day(String parameter, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw new BadRequestException(
                    parameter + " " + ErrorAnswer.quoted(text) + " is not a date of the calendar (yyyy-mm-dd)");
        }
    }
}
