package io.gpm2dv.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** §17 lines 52–54 beyond notes' basics: attachments, the upload limit for both, chunked block upload. */
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
}
