package io.gpm2dv.mapping;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gpm2dv.pipeline.Finding;
import io.gpm2dv.pipeline.TargetRecord;

/** A record being mapped: its columns, lookups, and what did not fit (for the {@code -unmapped} note). */
final class RecordDraft {
    final String key;
    final ObjectNode attributes = JsonNodeFactory.instance.objectNode();
    final List<TargetRecord.ParentRef> parents = new ArrayList<>();
    final List<TargetRecord.DirectoryRef> directoryRefs = new ArrayList<>();
    /** Lines of the {@code -unmapped} note: source column, raw value, why it is here. Personal data: never logged. */
    final List<String> unmappedLines = new ArrayList<>();
    final List<Finding> findings = new ArrayList<>();
    TargetRecord.UserParty userParty;
    TargetRecord.FileRef file;

    RecordDraft(String key) {
        this.key = key;
    }

    void unmapped(String sourceColumn, String rawValue, String why, String findingCode, String targetColumn) {
        unmappedLines.add(sourceColumn + " (" + why + "): " + rawValue);
        findings.add(new Finding(key, targetColumn, findingCode));
    }

    /** The activity-party collection {@code collection} of the record, created on first use. */
    ArrayNode parties(String collection) {
        return attributes.has(collection) ? (ArrayNode) attributes.get(collection) : attributes.putArray(collection);
    }
}
