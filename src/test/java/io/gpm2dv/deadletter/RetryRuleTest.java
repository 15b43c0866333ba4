package io.gpm2dv.deadletter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A retry sends again only what can succeed without a new export. */
class RetryRuleTest {

    @Test
    void onlyWhatCanSucceedNowIsRetried() {
        assertTrue(RetryRule.retryable("sink", "parent client-1011 was not loaded in this run (dead_lettered)"));
        assertTrue(RetryRule.retryable("sink", "Dataverse HTTP 404 0x80040217 ObjectDoesNotExist (column new_clientid)"));
        assertFalse(RetryRule.retryable("sink", "Dataverse HTTP 400 0x80044331 StringLengthTooLong (column lastname)"));
        assertFalse(RetryRule.retryable("extract", "parent-like words in a rejected row"));
        assertFalse(RetryRule.retryable("map", "unreadable message: not a complete ExtractedRow"));
    }
}
