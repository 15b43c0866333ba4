package io.gpm2dv.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.Set;

import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gpm2dv.audit.LedgerException;
import io.gpm2dv.dataverse.DataverseException;

/** Failures reach logs, fates and reports as kind, code, column and position: never the value they choked on. */
class SafeTextTest {
    static final String NAME = "Aroha";

    @Test
    void aJsonParseErrorSaysWhereNotWhat() {
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> new ObjectMapper().readTree("{\"first_name\": " + NAME + "}"));
        assertTrue(e.getMessage().contains(NAME), "the parser quotes the token it choked on");
        String text = SafeText.of(e);
        assertFalse(text.contains(NAME), text);
        assertTrue(text.startsWith("unreadable JSON (") && text.contains("line 1, column"), text);
    }

    @Test
    void aDatabaseErrorSaysItsStateNotTheValueItRefused() {
        SQLException e = new SQLException("Value too long for column \"REASON\": \"'" + NAME + "...'\"", "22001", 22001);
        assertEquals("database error (SQLState 22001, vendor code 22001)", SafeText.of(e));
        String ledger = SafeText.of(new LedgerException("record 3 record fates", e));
        assertFalse(ledger.contains(NAME), ledger);
        assertEquals("ledger: record 3 record fates (SQLState 22001, vendor code 22001)", ledger);
    }

    @Test
    void aDataverseRefusalNamesStatusCodeAndColumnButNotItsText() {
        DataverseException e = new DataverseException(400, "0x80044331", "A validation error occurred.  The length of the"
                + " 'lastname' attribute of the 'contact' entity exceeded the maximum allowed length of '50'. Value: " + NAME);
        assertEquals("Dataverse HTTP 400 0x80044331 StringLengthTooLong", SafeText.of(e));
        assertEquals("lastname", e.column(Set.of("firstname", "lastname")), "a column the request sent");
        assertEquals(null, e.column(Set.of("firstname")), "'contact' and '50' are quoted too, but are not columns sent");
        assertTrue(e.isRecordFault());
    }

    @Test
    void anyOtherFailureIsItsTypeAndTheProductStepWhereItArose() {
        RuntimeException e = new CamelExecutionException("wrapped", null, new IllegalArgumentException("Invalid UUID string: " + NAME));
        String text = SafeText.of(e);
        assertFalse(text.contains(NAME), text);
        assertTrue(text.startsWith("IllegalArgumentException"), text);
    }

    @Test
    void outagesThrottlingAndTheCallersOwnPrivilegeAreNotARecordsFault() {
        assertFalse(new DataverseException(503, null, "down").isRecordFault());
        assertFalse(new DataverseException(429, "0x80072322", "busy").isRecordFault());
        assertFalse(new DataverseException(401, null, "token").isRecordFault());
        assertFalse(new DataverseException(403, "0x80040220", "PrivilegeDenied").isRecordFault());
        assertFalse(DataverseException.unreachable("ConnectException", null).isRecordFault());
        assertTrue(new DataverseException(404, "0x80040217", "contact With Id = x Does Not Exist").isRecordFault());
        assertTrue(new DataverseException(500, "0x80040333", "duplicate").isRecordFault(), "duplicate detection is the record's");
        assertEquals(StageBatch.Cause.DATAVERSE, new DataverseException(503, null, "down").dependency());
    }
}
