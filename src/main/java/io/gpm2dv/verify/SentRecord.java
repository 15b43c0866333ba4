package io.gpm2dv.verify;

import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A record a run wrote, by its last write: object, key, table and id, and the Web API body that write sent. */
public record SentRecord(String object, String key, String table, UUID id, ObjectNode sent) {
}
