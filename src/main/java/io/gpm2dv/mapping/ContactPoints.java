package io.gpm2dv.mapping;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** Email and phone validation for hazards H03 and H04: normalise what is certain, never guess the rest. */
public final class ContactPoints {
    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,}$");
    private static final Pattern SEPARATORS = Pattern.compile("[;,\\s]+");
    /** Placeholders practices type to get past a required field; not addresses of anyone. */
    private static final Set<String> PLACEHOLDERS = Set.of("none@none.com", "no@email.com", "noemail@noemail.com",
            "na@na.com", "test@test.com", "none@none.co.nz", "noemail@gmail.com");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private ContactPoints() {
    }

    /** The first valid address of a raw value (trimmed, {@code mailto:} removed, lists split); null if none. */
    public static String firstValidEmail(String raw) {
        if (raw == null) {
            return null;
        }
        String cleaned = raw.trim().replaceFirst("(?i)^mailto:", "");
        for (String candidate : SEPARATORS.split(cleaned)) {
            String c = candidate.replaceFirst("(?i)^mailto:", "");
            if (EMAIL.matcher(c).matches() && !PLACEHOLDERS.contains(c.toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        return null;
    }

    /** Outcome of normalising a phone number. */
    public record Phone(String e164, boolean mobile) {
    }

    /** The number in E.164 when the raw text is a valid number for {@code region} (ISO 3166 alpha-2); else null. */
    public static Phone phone(String raw, String region) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            PhoneNumber n = PHONES.parse(raw.trim(), region == null ? "NZ" : region);
            if (!PHONES.isValidNumber(n)) {
                return null;
            }
            PhoneNumberType type = PHONES.getNumberType(n);
            boolean mobile = type == PhoneNumberType.MOBILE || type == PhoneNumberType.FIXED_LINE_OR_MOBILE;
            return new Phone(PHONES.format(n, PhoneNumberFormat.E164), mobile);
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** The manifest's {@code source_region} as a phone region ({@code UK} → {@code GB}). */
    public static String regionOf(String sourceRegion) {
        return "UK".equals(sourceRegion) ? "GB" : sourceRegion;
    }

    /** English country name for an ISO 3166-1 alpha-2 code; the code itself when unknown. */
    public static String countryName(String code) {
        if (code == null) {
            return null;
        }
        String name = new Locale("", code).getDisplayCountry(Locale.ENGLISH);
        return name == null || name.isEmpty() || name.equals(code) ? code : name;
    }
}
