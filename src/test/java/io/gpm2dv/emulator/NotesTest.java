package io.gpm2dv.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * §17 lines 52–54 beyond notes' basics: attachments, upsert by id, the computed file size, the upload limit for
 * single requests and block uploads of both, chunked block upload of notes and attachments (new records only).
 */
class NotesTest extends EmulatorTestBase {
    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void line52_attachmentStoresBodyOnAnEmailAndServesItAsValue() {
        UUID email = EmulatorHttp.idOf(http.post("emails", "{\"subject\":\"e\"}"));
        EmulatorHttp.Reply r = http.post("activitymimeattachments", "{\"objectid_email@odata.bind\":\"/emails(" + email + ")\","
                + "\"objecttypecode\":\"email\",\"filename\":\"a.txt\",\"mimetype\":\"text/plain\",\"body\":\"SGVsbG8=\"}");
        assertEquals(204, r.status(), r.body());
        UUID id = EmulatorHttp.idOf(r);
        assertEquals("SGVsbG8=", http.get("activitymimeattachments(" + id + ")/body/$value").body());
        assertEquals(5, http.get("activitymimeattachments(" + id + ")?$select=filesize").json().path("filesize").asInt());
        assertEquals(400, http.post("activitymimeattachments", "{\"filename\":\"orphan.txt\",\"body\":\"SGVsbG8=\"}").status());
        assertEquals(400, http.post("activitymimeattachments", "{\"objectid_email@odata.bind\":\"/emails(" + email + ")\","
                + "\"objecttypecode\":\"email\",\"new_gensolveid\":\"x\"}").status());
    }

    @Test
    void line53_attachmentOverMaxuploadfilesizeIsRefused() {
        UUID email = EmulatorHttp.idOf(http.post("emails", "{\"subject\":\"e\"}"));
        EmulatorHttp.Reply r = http.post("activitymimeattachments", "{\"objectid_email@odata.bind\":\"/emails(" + email + ")\","
                + "\"objecttypecode\":\"email\",\"filename\":\"big.bin\",\"body\":\"" + "A".repeat(5_242_884) + "\"}");
        assertEquals("0x80044a02", r.errorCode());
        assertEquals("Attachment file size is too big.", r.errorMessage());
    }

    @Test
    void line54_blockUploadAssemblesBlocksInBlockListOrder() {
        UUID contact = EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"A\"}"));
        UUID note = UUID.randomUUID();
        String target = "{\"@odata.type\":\"Microsoft.Dynamics.CRM.annotation\",\"annotationid\":\"" + note + "\",\"subject\":\"big\","
                + "\"filename\":\"big.txt\",\"mimetype\":\"text/plain\",\"objectid_contact@odata.bind\":\"/contacts(" + contact + ")\"}";
        EmulatorHttp.Reply init = http.post("InitializeAnnotationBlocksUpload", "{\"Target\":" + target + "}");
        assertEquals(200, init.status(), init.body());
        String token = init.json().path("FileContinuationToken").asText();
        assertTrue(!token.isEmpty());
        String b1 = b64("block-001");
        String b2 = b64("block-002");
        assertEquals(204, http.post("UploadBlock", "{\"BlockId\":\"" + b2 + "\",\"BlockData\":\"" + b64("world") + "\",\"FileContinuationToken\":\"" + token + "\"}").status());
        assertEquals(204, http.post("UploadBlock", "{\"BlockId\":\"" + b1 + "\",\"BlockData\":\"" + b64("hello ") + "\",\"FileContinuationToken\":\"" + token + "\"}").status());
        assertEquals(400, http.post("UploadBlock", "{\"BlockId\":\"" + b64("x") + "\",\"BlockData\":\"" + b64("!") + "\",\"FileContinuationToken\":\"" + token + "\"}").status());
        EmulatorHttp.Reply commit = http.post("CommitAnnotationBlocksUpload", "{\"Target\":" + target + ",\"BlockList\":[\"" + b1 + "\",\"" + b2
                + "\"],\"FileContinuationToken\":\"" + token + "\"}");
        assertEquals(200, commit.status(), commit.body());
        assertEquals(note.toString(), commit.json().path("AnnotationId").asText());
        assertEquals(11, commit.json().path("FileSizeInBytes").asInt());
        assertEquals(b64("hello world"), http.get("annotations(" + note + ")/documentbody/$value").body());
        JsonNode row = http.get("annotations(" + note + ")?$select=filesize,_objectid_value").json();
        assertEquals(11, row.path("filesize").asInt());
        assertEquals(contact.toString(), row.path("_objectid_value").asText());
        assertEquals(400, http.post("CommitAnnotationBlocksUpload", "{\"Target\":" + target + ",\"BlockList\":[\"" + b1
                + "\"],\"FileContinuationToken\":\"" + token + "\"}").status());
        assertEquals(400, http.post("InitializeAnnotationBlocksUpload", "{\"Target\":{\"@odata.type\":\"Microsoft.Dynamics.CRM.annotation\","
                + "\"subject\":\"no id\"}}").status());
    }

    @Test
    void line54_attachmentBlockUploadCreatesTheAttachment() {
        UUID email = EmulatorHttp.idOf(http.post("emails", "{\"subject\":\"e\"}"));
        UUID id = UUID.randomUUID();
        String target = "{\"@odata.type\":\"Microsoft.Dynamics.CRM.activitymimeattachment\",\"activitymimeattachmentid\":\"" + id
                + "\",\"filename\":\"a.txt\",\"objecttypecode\":\"email\",\"objectid_email@odata.bind\":\"/emails(" + email + ")\"}";
        String token = http.post("InitializeAttachmentBlocksUpload", "{\"Target\":" + target + "}").json().path("FileContinuationToken").asText();
        http.post("UploadBlock", "{\"BlockId\":\"" + b64("1") + "\",\"BlockData\":\"" + b64("abc") + "\",\"FileContinuationToken\":\"" + token + "\"}");
        EmulatorHttp.Reply commit = http.post("CommitAttachmentBlocksUpload", "{\"Target\":" + target + ",\"BlockList\":[\"" + b64("1")
                + "\"],\"FileContinuationToken\":\"" + token + "\"}");
        assertEquals(200, commit.status(), commit.body());
        assertEquals(id.toString(), commit.json().path("ActivityMimeAttachmentId").asText());
        assertEquals(b64("abc"), http.get("activitymimeattachments(" + id + ")/body/$value").body());
    }

    private static String upload(String token, String blockId, String data) {
        return "{\"BlockId\":\"" + blockId + "\",\"BlockData\":\"" + data + "\",\"FileContinuationToken\":\"" + token + "\"}";
    }

    private static String commit(String target, String token, String... blockIds) {
        return "{\"Target\":" + target + ",\"BlockList\":[\"" + String.join("\",\"", blockIds) + "\"],\"FileContinuationToken\":\""
                + token + "\"}";
    }

    private static String noteTarget(UUID id, UUID contact) {
        return "{\"@odata.type\":\"Microsoft.Dynamics.CRM.annotation\",\"annotationid\":\"" + id + "\",\"subject\":\"big\","
                + "\"filename\":\"big.bin\",\"mimetype\":\"application/octet-stream\",\"objecttypecode\":\"contact\","
                + "\"objectid_contact@odata.bind\":\"/contacts(" + contact + ")\"}";
    }

    private static String attachmentTarget(UUID id, UUID email) {
        return "{\"@odata.type\":\"Microsoft.Dynamics.CRM.activitymimeattachment\",\"activitymimeattachmentid\":\"" + id
                + "\",\"filename\":\"a.bin\",\"mimetype\":\"application/octet-stream\",\"objecttypecode\":\"email\","
                + "\"objectid_email@odata.bind\":\"/emails(" + email + ")\"}";
    }

    @Test
    void noteAndAttachmentUpsertByIdCreateWithoutIfMatchAndComputeFilesize() {
        UUID contact = EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"A\"}"));
        UUID note = UUID.randomUUID();
        EmulatorHttp.Reply created = http.patch("annotations(" + note + ")", "{\"subject\":\"scan\",\"filename\":\"a.txt\","
                + "\"mimetype\":\"text/plain\",\"documentbody\":\"" + b64("hello notes") + "\",\"objecttypecode\":\"contact\","
                + "\"objectid_contact@odata.bind\":\"/contacts(" + contact + ")\"}");
        assertEquals(204, created.status(), created.body());
        assertEquals(emulator.baseUrl() + "/api/data/v9.2/annotations(" + note + ")", created.header("OData-EntityId"));
        assertEquals(11, http.get("annotations(" + note + ")?$select=filesize").json().path("filesize").asInt());
        EmulatorHttp.Reply value = http.get("annotations(" + note + ")/documentbody/$value");
        assertEquals(200, value.status());
        assertEquals(b64("hello notes"), value.body());
        assertTrue(value.header("Content-Type").startsWith("text/plain"));
        assertEquals(204, http.patch("annotations(" + note + ")", "{\"documentbody\":\"" + b64("hi") + "\"}").status());
        assertEquals(2, http.get("annotations(" + note + ")?$select=filesize").json().path("filesize").asInt());
        // filesize is computed, never taken from the body
        assertEquals(204, http.patch("annotations(" + note + ")", "{\"filesize\":999}").status());
        assertEquals(2, http.get("annotations(" + note + ")?$select=filesize").json().path("filesize").asInt());

        UUID email = EmulatorHttp.idOf(http.post("emails", "{\"subject\":\"e\"}"));
        UUID attachment = UUID.randomUUID();
        EmulatorHttp.Reply att = http.patch("activitymimeattachments(" + attachment + ")", "{\"objectid_email@odata.bind\":\"/emails("
                + email + ")\",\"objecttypecode\":\"email\",\"filename\":\"b.txt\",\"mimetype\":\"text/plain\",\"body\":\""
                + b64("attached!") + "\"}");
        assertEquals(204, att.status(), att.body());
        assertEquals(9, http.get("activitymimeattachments(" + attachment + ")?$select=filesize").json().path("filesize").asInt());
        assertEquals(b64("attached!"), http.get("activitymimeattachments(" + attachment + ")/body/$value").body());
        assertEquals(404, http.patch("activitymimeattachments(" + UUID.randomUUID() + ")", "{\"filename\":\"c.txt\"}",
                "If-Match", "*").status());
    }

    @Test
    void line53_organizationReportsTheLimitAndNotesOverItAreRefusedByPostAndUpsert() {
        JsonNode org = http.get("organizations?$select=maxuploadfilesize").json().path("value").get(0);
        assertEquals(5_242_880, org.path("maxuploadfilesize").asInt());
        UUID contact = EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"A\"}"));
        String tooBig = "A".repeat(5_242_884); // base64 text one group longer than the limit
        String bind = "\"objecttypecode\":\"contact\",\"objectid_contact@odata.bind\":\"/contacts(" + contact + ")\"";
        EmulatorHttp.Reply post = http.post("annotations", "{\"filename\":\"big.bin\"," + bind + ",\"documentbody\":\"" + tooBig + "\"}");
        assertEquals(400, post.status());
        assertEquals("0x80044a02", post.errorCode());
        assertEquals("Attachment file size is too big.", post.errorMessage());
        UUID id = UUID.randomUUID();
        EmulatorHttp.Reply upsert = http.patch("annotations(" + id + ")", "{\"filename\":\"big.bin\"," + bind
                + ",\"documentbody\":\"" + tooBig + "\"}");
        assertEquals("0x80044a02", upsert.errorCode());
        assertEquals(404, http.get("annotations(" + id + ")").status());
        assertEquals(0, Integer.parseInt(http.get("annotations/$count").body()));
    }

    @Test
    void line53_blockUploadOverTheLimitFailsAtCommitOnTheAssembledContent() {
        UUID contact = EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"A\"}"));
        UUID note = UUID.randomUUID();
        String target = noteTarget(note, contact);
        String token = http.post("InitializeAnnotationBlocksUpload", "{\"Target\":" + target + "}").json().path("FileContinuationToken").asText();
        // two blocks of 2,000,000 bytes: each is allowed, together their base64 text (5,333,336) is over 5,242,880
        String block = Base64.getEncoder().encodeToString(new byte[2_000_000]);
        assertEquals(204, http.post("UploadBlock", upload(token, b64("b1"), block)).status());
        assertEquals(204, http.post("UploadBlock", upload(token, b64("b2"), block)).status());
        EmulatorHttp.Reply r = http.post("CommitAnnotationBlocksUpload", commit(target, token, b64("b1"), b64("b2")));
        assertEquals(400, r.status(), r.body());
        assertEquals("0x80044a02", r.errorCode());
        assertEquals("Attachment file size is too big.", r.errorMessage());
        assertEquals(404, http.get("annotations(" + note + ")").status());
    }

    @Test
    void line54_anUploadNeverCommittedCreatesNothing() {
        UUID contact = EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"A\"}"));
        UUID email = EmulatorHttp.idOf(http.post("emails", "{\"subject\":\"e\"}"));
        UUID note = UUID.randomUUID();
        UUID attachment = UUID.randomUUID();
        String noteToken = http.post("InitializeAnnotationBlocksUpload", "{\"Target\":" + noteTarget(note, contact) + "}")
                .json().path("FileContinuationToken").asText();
        String attToken = http.post("InitializeAttachmentBlocksUpload", "{\"Target\":" + attachmentTarget(attachment, email) + "}")
                .json().path("FileContinuationToken").asText();
        assertEquals(204, http.post("UploadBlock", upload(noteToken, b64("1"), b64("abc"))).status());
        assertEquals(204, http.post("UploadBlock", upload(attToken, b64("1"), b64("abc"))).status());
        assertEquals(404, http.get("annotations(" + note + ")").status());
        assertEquals(404, http.get("activitymimeattachments(" + attachment + ")").status());
        assertEquals(0, Integer.parseInt(http.get("annotations/$count").body()));
        assertEquals(0, Integer.parseInt(http.get("activitymimeattachments/$count").body()));
    }

    @Test
    void line54_attachmentBlocksAreJoinedInBlockListOrder() {
        UUID email = EmulatorHttp.idOf(http.post("emails", "{\"subject\":\"e\"}"));
        UUID id = UUID.randomUUID();
        String target = attachmentTarget(id, email);
        EmulatorHttp.Reply init = http.post("InitializeAttachmentBlocksUpload", "{\"Target\":" + target + "}");
        assertEquals(200, init.status(), init.body());
        String token = init.json().path("FileContinuationToken").asText();
        String b1 = b64("blk-1");
        String b2 = b64("blk-2");
        String b3 = b64("blk-3");
        assertEquals(204, http.post("UploadBlock", upload(token, b3, b64("!"))).status());
        assertEquals(204, http.post("UploadBlock", upload(token, b1, b64("one "))).status());
        assertEquals(204, http.post("UploadBlock", upload(token, b2, b64("two"))).status());
        EmulatorHttp.Reply done = http.post("CommitAttachmentBlocksUpload", commit(target, token, b1, b2, b3));
        assertEquals(200, done.status(), done.body());
        assertEquals(id.toString(), done.json().path("ActivityMimeAttachmentId").asText());
        assertEquals(8, done.json().path("FileSizeInBytes").asInt());
        assertEquals(b64("one two!"), http.get("activitymimeattachments(" + id + ")/body/$value").body());
        JsonNode row = http.get("activitymimeattachments(" + id + ")?$select=filesize,filename,_objectid_value").json();
        assertEquals(8, row.path("filesize").asInt());
        assertEquals("a.bin", row.path("filename").asText());
        assertEquals(email.toString(), row.path("_objectid_value").asText());
    }

    @Test
    void line54_committingForAnIdThatExistsFails412AndLeavesTheRecord() {
        UUID contact = EmulatorHttp.idOf(http.post("contacts", "{\"lastname\":\"A\"}"));
        UUID email = EmulatorHttp.idOf(http.post("emails", "{\"subject\":\"e\"}"));
        UUID note = UUID.randomUUID();
        assertEquals(204, http.patch("annotations(" + note + ")", "{\"subject\":\"first\",\"documentbody\":\"" + b64("old")
                + "\",\"objecttypecode\":\"contact\",\"objectid_contact@odata.bind\":\"/contacts(" + contact + ")\"}").status());
        String target = noteTarget(note, contact);
        EmulatorHttp.Reply init = http.post("InitializeAnnotationBlocksUpload", "{\"Target\":" + target + "}");
        assertEquals(200, init.status(), init.body());
        String token = init.json().path("FileContinuationToken").asText();
        assertEquals(204, http.post("UploadBlock", upload(token, b64("1"), b64("new content"))).status());
        EmulatorHttp.Reply r = http.post("CommitAnnotationBlocksUpload", commit(target, token, b64("1")));
        assertEquals(412, r.status(), r.body());
        assertEquals("0x80040237", r.errorCode());
        assertEquals(b64("old"), http.get("annotations(" + note + ")/documentbody/$value").body());
        assertEquals("first", http.get("annotations(" + note + ")?$select=subject").json().path("subject").asText());

        UUID attachment = EmulatorHttp.idOf(http.post("activitymimeattachments", "{\"objectid_email@odata.bind\":\"/emails(" + email
                + ")\",\"objecttypecode\":\"email\",\"filename\":\"a.txt\",\"body\":\"" + b64("old") + "\"}"));
        String attTarget = attachmentTarget(attachment, email);
        String attToken = http.post("InitializeAttachmentBlocksUpload", "{\"Target\":" + attTarget + "}").json()
                .path("FileContinuationToken").asText();
        assertEquals(204, http.post("UploadBlock", upload(attToken, b64("1"), b64("new"))).status());
        EmulatorHttp.Reply att = http.post("CommitAttachmentBlocksUpload", commit(attTarget, attToken, b64("1")));
        assertEquals(412, att.status(), att.body());
        assertEquals("0x80040237", att.errorCode());
        assertEquals(b64("old"), http.get("activitymimeattachments(" + attachment + ")/body/$value").body());
    }
}
