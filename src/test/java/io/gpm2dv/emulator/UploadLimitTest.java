package io.gpm2dv.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * §17 line 53 with a configured {@code maxuploadfilesize} (API §12.3): the organization reports it, and it bounds
 * the base64 text of a note or attachment whether it comes in one request or is assembled from blocks at commit.
 */
class UploadLimitTest {
    private static final int LIMIT = 64;
    private static DataverseEmulator emulator;
    private static EmulatorHttp http;

    @BeforeAll
    static void start() {
        emulator = DataverseEmulator.start(EmulatorOptions.defaults().withMaxUploadFileSize(LIMIT));
        http = new EmulatorHttp(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void fresh() {
        emulator.reset();
    }

    /** Base64 text of {@code bytes} zero bytes: 4 characters for every 3 bytes. */
    private static String content(int bytes) {
        return Base64.getEncoder().encodeToString(new byte[bytes]);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void theOrganizationReportsTheConfiguredLimitAndItSurvivesAReset() {
        assertEquals(LIMIT, http.get("organizations?$select=maxuploadfilesize").json().path("value").get(0)
                .path("maxuploadfilesize").asInt());
    }

    @Test
    void singleRequestsAreMeasuredByTheirBase64Length() {
        UUID contact = EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"A\"}"));
        UUID email = EmulatorHttp.idOf(http.post("emails", "{\"subject\":\"e\"}"));
        String note = "\"objecttypecode\":\"contact\",\"objectid_contact@odata.bind\":\"/contacts(" + contact + ")\"";
        String att = "\"objecttypecode\":\"email\",\"objectid_email@odata.bind\":\"/emails(" + email + ")\"";
        assertEquals(64, content(48).length());
        assertEquals(204, http.post("annotations", "{" + note + ",\"documentbody\":\"" + content(48) + "\"}").status());
        assertEquals(204, http.post("activitymimeattachments", "{" + att + ",\"body\":\"" + content(48) + "\"}").status());
        EmulatorHttp.Reply bigNote = http.post("annotations", "{" + note + ",\"documentbody\":\"" + content(49) + "\"}");
        assertEquals(400, bigNote.status());
        assertEquals("0x80044a02", bigNote.errorCode());
        EmulatorHttp.Reply bigAtt = http.patch("activitymimeattachments(" + UUID.randomUUID() + ")", "{" + att + ",\"body\":\""
                + content(49) + "\"}");
        assertEquals(400, bigAtt.status());
        assertEquals("0x80044a02", bigAtt.errorCode());
        assertEquals("Attachment file size is too big.", bigAtt.errorMessage());
        assertEquals(1, Integer.parseInt(http.get("annotations/$count").body()));
        assertEquals(1, Integer.parseInt(http.get("activitymimeattachments/$count").body()));
    }

    @Test
    void blockUploadsAreMeasuredOnTheAssembledContentAtCommit() {
        UUID contact = EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"A\"}"));
        UUID email = EmulatorHttp.idOf(http.post("emails", "{\"subject\":\"e\"}"));
        String[][] kinds = {
            {"Annotation", "annotation", "annotationid", "\"objecttypecode\":\"contact\",\"objectid_contact@odata.bind\":\"/contacts("
                + contact + ")\"", "annotations"},
            {"Attachment", "activitymimeattachment", "activitymimeattachmentid", "\"objecttypecode\":\"email\","
                + "\"objectid_email@odata.bind\":\"/emails(" + email + ")\"", "activitymimeattachments"}};
        for (String[] k : kinds) {
            // 2 blocks of 30 bytes: each is 40 base64 characters, together 80 > 64
            UUID over = UUID.randomUUID();
            EmulatorHttp.Reply refused = uploadInBlocks(k, over, 30, 30);
            assertEquals(400, refused.status(), k[0] + ": " + refused.body());
            assertEquals("0x80044a02", refused.errorCode());
            assertEquals(404, http.get(k[4] + "(" + over + ")").status());
            // 2 blocks of 24 bytes: together 48 bytes, exactly 64 base64 characters
            UUID at = UUID.randomUUID();
            EmulatorHttp.Reply accepted = uploadInBlocks(k, at, 24, 24);
            assertEquals(200, accepted.status(), k[0] + ": " + accepted.body());
            assertEquals(48, accepted.json().path("FileSizeInBytes").asInt());
            assertEquals(48, http.get(k[4] + "(" + at + ")?$select=filesize").json().path("filesize").asInt());
        }
    }

    private static EmulatorHttp.Reply uploadInBlocks(String[] kind, UUID id, int... sizes) {
        String target = "{\"@odata.type\":\"Microsoft.Dynamics.CRM." + kind[1] + "\",\"" + kind[2] + "\":\"" + id + "\","
                + "\"filename\":\"f.bin\"," + kind[3] + "}";
        EmulatorHttp.Reply init = http.post("Initialize" + kind[0] + "BlocksUpload", "{\"Target\":" + target + "}");
        assertEquals(200, init.status(), init.body());
        String token = init.json().path("FileContinuationToken").asText();
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < sizes.length; i++) {
            String blockId = b64("block-" + i);
            assertEquals(204, http.post("UploadBlock", "{\"BlockId\":\"" + blockId + "\",\"BlockData\":\"" + content(sizes[i])
                    + "\",\"FileContinuationToken\":\"" + token + "\"}").status());
            list.append(i == 0 ? "" : ",").append('"').append(blockId).append('"');
        }
        return http.post("Commit" + kind[0] + "BlocksUpload", "{\"Target\":" + target + ",\"BlockList\":[" + list
                + "],\"FileContinuationToken\":\"" + token + "\"}");
    }
}
