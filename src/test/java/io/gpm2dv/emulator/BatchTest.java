package io.gpm2dv.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** §17 lines 33–41: $batch parsing, response shape, Content-ID references, change sets, errors and limits. */
class BatchTest extends EmulatorTestBase {
    private static final String API = "/api/data/v9.2/";

    /** An embedded request part; {@code contentId} may be null. */
    static String req(String contentId, String method, String url, String json) {
        return "Content-Type: application/http\nContent-Transfer-Encoding: binary\n"
                + (contentId == null ? "" : "Content-ID: " + contentId + "\n") + "\n"
                + method + " " + url + " HTTP/1.1\n"
                + (json == null ? "\n" : "Content-Type: application/json; type=entry\n\n" + json + "\n");
    }

    static String changeSet(String boundary, String... parts) {
        StringBuilder b = new StringBuilder("Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\n\n");
        for (String p : parts) {
            b.append("--").append(boundary).append('\n').append(p);
        }
        return b.append("--").append(boundary).append("--\n").toString();
    }

    static String batch(String... items) {
        StringBuilder b = new StringBuilder();
        for (String i : items) {
            b.append("--batch_AAA123\n").append(i);
        }
        return b.append("--batch_AAA123--\n").toString();
    }

    static EmulatorHttp.Reply send(String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "multipart/mixed; boundary=\"batch_AAA123\"";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return http.callRaw("POST", "$batch", body, all);
    }

    /** The embedded {@code HTTP/1.1 <status>} lines of a batch answer, in order. */
    static List<Integer> statuses(EmulatorHttp.Reply r) {
        List<Integer> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^HTTP/1\\.1 (\\d{3}) ").matcher(r.body());
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }

    private int count(String set) {
        return Integer.parseInt(http.get(set + "/$count").body());
    }

    @Test
    void line33_parsesCrlfAndBareLfWithChangeSetsAndContentIds() {
        String lf = batch(changeSet("changeset_BBB456",
                req("1", "POST", API + "accounts", "{\"name\":\"Contoso\"}"),
                req("2", "POST", API + "contacts", "{\"lastname\":\"Smith\"}")),
                req(null, "GET", API + "contacts?$select=fullname&$top=1", null));
        EmulatorHttp.Reply r = send(lf);
        assertEquals(200, r.status(), r.body());
        assertEquals(List.of(204, 204, 200), statuses(r));
        EmulatorHttp.Reply crlf = send(lf.replace("\n", "\r\n"));
        assertEquals(200, crlf.status(), crlf.body());
        assertEquals(List.of(204, 204, 200), statuses(crlf));
        assertEquals(2, count("accounts"));
        assertTrue(crlf.body().contains("Content-ID: 1\r\n"));
        assertEquals(400, send(lf.replace("--batch_AAA123--", "")).status());
    }

    @Test
    void line34_responseUsesBatchresponseAndChangesetresponseBoundariesWithEntityIdAndLocation() {
        EmulatorHttp.Reply r = send(batch(changeSet("changeset_1", req("1", "POST", API + "accounts", "{\"name\":\"A\"}")),
                req(null, "GET", "accounts?$select=name", null)));
        assertEquals(200, r.status());
        String type = r.header("Content-Type");
        assertTrue(type.matches("multipart/mixed; ?boundary=batchresponse_[0-9a-f-]{36}"), type);
        String boundary = type.substring(type.indexOf("batchresponse_"));
        assertTrue(r.body().startsWith("--" + boundary + "\r\n"), r.body());
        assertTrue(r.body().trim().endsWith("--" + boundary + "--"));
        assertTrue(r.body().matches("(?s).*boundary=changesetresponse_[0-9a-f-]{36}\r\n.*"), r.body());
        Matcher id = Pattern.compile("OData-EntityId: (\\S+)").matcher(r.body());
        assertTrue(id.find());
        assertTrue(id.group(1).matches("http://localhost:\\d+/api/data/v9\\.2/accounts\\([0-9a-f-]{36}\\)"), id.group(1));
        assertTrue(r.body().contains("Location: " + id.group(1) + "\r\n"));
        assertTrue(r.body().contains("HTTP/1.1 204 No Content\r\n"));
        assertTrue(r.body().contains("HTTP/1.1 200 OK\r\n"));
        assertTrue(r.body().contains("\"name\":\"A\""));
    }

    @Test
    void line35_contentIdReferenceResolvesInBindValuesAndInUrls() {
        EmulatorHttp.Reply r = send(batch(changeSet("changeset_x",
                req("1", "POST", API + "accounts", "{\"name\":\"Contoso\"}"),
                req("2", "POST", API + "contacts", "{\"lastname\":\"Smith\",\"parentcustomerid_account@odata.bind\":\"$1\"}"),
                req("3", "PATCH", "$1", "{\"name\":\"Contoso Ltd\"}"))));
        assertEquals(200, r.status(), r.body());
        assertEquals(List.of(204, 204, 204), statuses(r));
        var account = http.get("accounts?$select=name").json().path("value").get(0);
        assertEquals("Contoso Ltd", account.path("name").asText());
        var contact = http.get("contacts?$select=_parentcustomerid_value").json().path("value").get(0);
        assertEquals(account.path("accountid").asText(), contact.path("_parentcustomerid_value").asText());
    }

    @Test
    void line36_referenceToUndeclaredContentIdIs400() {
        EmulatorHttp.Reply r = send(batch(changeSet("changeset_x",
                req("1", "POST", API + "accounts", "{\"name\":\"Contoso\"}"),
                req("2", "POST", API + "contacts", "{\"lastname\":\"S\",\"parentcustomerid_account@odata.bind\":\"$7\"}"))));
        assertEquals(400, r.status());
        assertTrue(r.body().contains("Content-ID Reference: '$7' does not exist in the batch context."), r.body());
        assertEquals(0, count("accounts"));
        // references do not reach outside their change set
        assertEquals(400, send(batch(req("1", "POST", API + "accounts", "{\"name\":\"A\"}"),
                req("2", "PATCH", "$1", "{\"name\":\"B\"}"))).status());
    }

    @Test
    void line37_failureInsideChangeSetRollsBackTheWholeChangeSet() {
        UUID existing = EmulatorHttp.idOf(http.post("accounts", "{\"name\":\"Before\"}"));
        EmulatorHttp.Reply r = send(batch(changeSet("changeset_x",
                req("1", "POST", API + "accounts", "{\"name\":\"New\"}"),
                req("2", "PATCH", API + "accounts(" + existing + ")", "{\"name\":\"After\"}"),
                req("3", "POST", API + "tasks", "{\"subject\":\"" + "x".repeat(201) + "\"}"))),
                "Prefer", "odata.continue-on-error");
        assertEquals(200, r.status());
        assertEquals(List.of(400), statuses(r));
        assertTrue(r.body().contains("\"code\":\"0x80044331\""), r.body());
        assertEquals(1, count("accounts"));
        assertEquals("Before", http.get("accounts(" + existing + ")").json().path("name").asText());
    }

    @Test
    void line38_withoutContinueOnErrorStopsAtFirstFailureWithItsStatus() {
        UUID missing = UUID.randomUUID();
        EmulatorHttp.Reply r = send(batch(req(null, "POST", API + "accounts", "{\"name\":\"first\"}"),
                req(null, "PATCH", API + "accounts(" + missing + ")", "{\"name\":\"x\"}").replace("HTTP/1.1\n",
                        "HTTP/1.1\nIf-Match: *\n"),
                req(null, "POST", API + "accounts", "{\"name\":\"never\"}")));
        assertEquals(404, r.status());
        assertEquals(List.of(404), statuses(r));
        assertTrue(r.body().contains("account With Id = " + missing + " Does Not Exist"));
        assertTrue(r.body().contains("REQ_ID: "));
        assertEquals(1, count("accounts")); // the first, independent request stays; the third never ran
    }

    @Test
    void line39_withContinueOnErrorOuterIs200AndLaterPartsRun() {
        EmulatorHttp.Reply r = send(batch(req(null, "POST", API + "tasks", "{\"subject\":\"a\"}"),
                req(null, "POST", API + "tasks", "{\"subject\":\"" + "x".repeat(201) + "\"}"),
                req(null, "POST", API + "tasks", "{\"subject\":\"c\"}")), "Prefer", "odata.continue-on-error");
        assertEquals(200, r.status());
        assertEquals(List.of(204, 400, 204), statuses(r));
        assertEquals("odata.continue-on-error", r.header("Preference-Applied"));
        assertEquals(2, count("tasks"));
    }

    @Test
    void line40_batchOverThousandRequestsIs400_assumed() {
        String[] parts = new String[1001];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = req(null, "POST", API + "tasks", "{\"subject\":\"t" + i + "\"}");
        }
        EmulatorHttp.Reply r = send(batch(parts));
        assertEquals(400, r.status());
        assertEquals("0x80048d19", r.errorCode());
        assertEquals(0, count("tasks"));
        assertEquals(200, send(batch(java.util.Arrays.copyOf(parts, 1000))).status());
        assertEquals(1000, count("tasks"));
    }

    @Test
    void line41_getInsideChangeSetIs400_assumed() {
        EmulatorHttp.Reply r = send(batch(changeSet("changeset_x",
                req("1", "POST", API + "accounts", "{\"name\":\"A\"}"),
                req("2", "GET", API + "accounts", null))));
        assertEquals(400, r.status());
        assertFalse(r.body().contains("HTTP/1.1"));
        assertEquals(0, count("accounts"));
    }
}
