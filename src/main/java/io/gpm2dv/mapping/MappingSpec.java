package io.gpm2dv.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The field map as data: per pipeline object, the target table and one entry per target column naming its
 * source column and transform. The default map ({@code mapping/default-map.yaml}) follows target-mapping.md;
 * a confirmed mapping file may replace it.
 */
public record MappingSpec(
        /** {@code hold-back} (default): restricted notes and documents are counted and listed, never written; {@code migrate}. */
        String restrictedNotes,
        List<ObjectMap> objects,
        /** {@code invoice} (default): invoice + invoicedetail; {@code contact-reference}: one note per invoice on the contact. */
        String invoices,
        /**
         * {@code skip} (default): BLOCK appointments (non-client time) are skipped and counted (target-mapping §2);
         * target-mapping.md documents no alternative, so it is the only value.
         */
        String blockAppointments,
        /**
         * Custom form fields that go to an existing column of their table instead of a new {@code new_cf_<field_key>}
         * one (what the proposer found, e.g. "Spouse / partner" → {@code spousesname}).
         */
        List<CustomFieldTarget> customFields) {

    public static final String RESTRICTED_MIGRATE = "migrate";
    public static final String INVOICES_CONTACT_REFERENCE = "contact-reference";
    public static final String BLOCK_APPOINTMENTS_SKIP = "skip";

    public MappingSpec {
        if (invoices != null && !"invoice".equals(invoices) && !INVOICES_CONTACT_REFERENCE.equals(invoices)) {
            throw new IllegalArgumentException("invoices: expected 'invoice' or '" + INVOICES_CONTACT_REFERENCE + "', not '"
                    + invoices + "'");
        }
        if (blockAppointments != null && !BLOCK_APPOINTMENTS_SKIP.equals(blockAppointments)) {
            throw new IllegalArgumentException("block-appointments: expected '" + BLOCK_APPOINTMENTS_SKIP + "', not '"
                    + blockAppointments + "'");
        }
    }

    public MappingSpec(String restrictedNotes, List<ObjectMap> objects, String invoices) {
        this(restrictedNotes, objects, invoices, null, null);
    }

    public MappingSpec(String restrictedNotes, List<ObjectMap> objects) {
        this(restrictedNotes, objects, null, null, null);
    }

    /**
     * A custom field on an existing column: {@code field} its field_key, {@code target} the column; for a Choice column
     * {@code values} maps each of the field's option labels to the column's option value.
     */
    public record CustomFieldTarget(String field, String target, Map<String, Integer> values) {
    }

    public List<CustomFieldTarget> customFields() {
        return customFields == null ? List.of() : customFields;
    }

    /** The custom fields sent to existing columns, by field key. */
    public Map<String, CustomFieldTarget> customFieldTargets() {
        Map<String, CustomFieldTarget> m = new java.util.LinkedHashMap<>();
        customFields().forEach(t -> m.put(t.field(), t));
        return m;
    }

    /**
     * The objects in write order. Under {@code invoices: contact-reference} an object's {@code contact-reference}
     * variant is the object itself (the invoices become notes), so topics, routes, counts and closing never look for
     * an invoice table the target may not have.
     */
    @Override
    public List<ObjectMap> objects() {
        if (objects == null || !invoicesAsContactNotes()) {
            return objects;
        }
        return objects.stream().map(o -> o.variants().stream().filter(v -> "contact-reference".equals(v.when()))
                .findFirst().map(v -> v.shape(o)).orElse(o)).toList();
    }

    /** Whether invoices become one note each on the client's contact instead of invoice records (target-mapping §2). */
    public boolean invoicesAsContactNotes() {
        return INVOICES_CONTACT_REFERENCE.equals(invoices);
    }

    public boolean migrateRestricted() {
        return RESTRICTED_MIGRATE.equals(restrictedNotes);
    }

    /** How one export file becomes records of one Dataverse table. */
    public record ObjectMap(
            String object,
            String file,
            String table,
            String entitySet,
            String primaryKey,
            /** {@code practitioner}, {@code fallback} or {@code none}. */
            String owner,
            /** Column naming the practitioner when {@code owner: practitioner}. */
            String ownerColumn,
            /** System users: match the practitioner's user and update it; never create. */
            boolean matchUser,
            /** Source timestamp that becomes {@code overriddencreatedon}. */
            String createdOn,
            /** Whether the table carries {@code new_gensolveid}. */
            boolean sourceKeyColumn,
            /** Whether values that do not fit columns go to a {@code <key>-unmapped} note on the record. */
            boolean unmappedNote,
            List<String> skipRules,
            StateRule state,
            List<ColumnMap> columns,
            /** When the practitioner column is empty: {@code client-default-practitioner} (documents). */
            String ownerFallback,
            /**
             * Take the practitioner from a linked row instead: {@code appointment} (emails: the appointment's practitioner)
             * or {@code client} (referrals: the client's default practitioner, so the referral has the client's owner).
             */
            String ownerVia,
            /** Column that keeps the original practitioner when the fallback owner stands in (activities). */
            String practitionerColumn,
            /** Whether the table has the run tag {@code importsequencenumber} (email attachments have none); default true. */
            Boolean runTag,
            /** Rows that go to another table with other columns (QUICK appointments → task; documents sent by email). */
            List<Variant> variants,
            /** Named data-quality checks that report a row without changing it ({@code dob-placeholder}, …). */
            List<String> checks) {

        public List<String> checks() {
            return checks == null ? List.of() : checks;
        }

        public List<String> skipRules() {
            return skipRules == null ? List.of() : skipRules;
        }

        public List<Variant> variants() {
            return variants == null ? List.of() : variants;
        }

        public boolean tagsRun() {
            return runTag == null || runTag;
        }

        /** Every table the object writes: its own and its variants'. */
        public List<ObjectMap> allShapes() {
            List<ObjectMap> shapes = new java.util.ArrayList<>();
            shapes.add(this);
            variants().forEach(v -> shapes.add(v.shape(this)));
            return shapes;
        }
    }

    /**
     * Another shape for some rows of an object: {@code when} names a column whose value is one of {@code equals}, or
     * a named rule ({@code sent-by-communication}). Unset fields are the object's.
     */
    public record Variant(
            String when,
            List<String> equals,
            String table,
            String entitySet,
            String primaryKey,
            String owner,
            String createdOn,
            Boolean sourceKeyColumn,
            Boolean unmappedNote,
            StateRule state,
            String practitionerColumn,
            Boolean runTag,
            List<ColumnMap> columns) {

        /** The object's shape with this variant's differences. */
        public ObjectMap shape(ObjectMap base) {
            return new ObjectMap(base.object(), base.file(), or(table, base.table()), or(entitySet, base.entitySet()),
                    or(primaryKey, base.primaryKey()), or(owner, base.owner()), base.ownerColumn(), base.matchUser(),
                    createdOn == null ? base.createdOn() : ("none".equals(createdOn) ? null : createdOn),
                    or(sourceKeyColumn, base.sourceKeyColumn()), or(unmappedNote, base.unmappedNote()), base.skipRules(),
                    state == null ? base.state() : ("none".equals(state.rule()) ? null : state),
                    columns == null ? base.columns() : columns, base.ownerFallback(), base.ownerVia(),
                    practitionerColumn == null ? base.practitionerColumn()
                            : ("none".equals(practitionerColumn) ? null : practitionerColumn),
                    runTag == null ? base.runTag() : runTag, List.of(), base.checks());
        }

        private static <T> T or(T value, T fallback) {
            return value == null ? fallback : value;
        }
    }

    /** Desired record state: {@code active-flag} (from a Y/N column) or {@code client-status}. */
    public record StateRule(String rule, String source) {
    }

    /** One target column. {@code transform} defaults to {@code text}. */
    public record ColumnMap(
            String target,
            String source,
            String transform,
            Integer max,
            String fallbackSource,
            String codeList,
            Integer firstValue,
            Map<String, Integer> values,
            String value,
            String lookup,
            String lookupSet,
            String country,
            /** Integer columns: the smallest value the target takes; a smaller one is kept in the note instead. */
            Integer min,
            /** Column whose value picks an entry of {@code values} (e.g. a party's mask by {@code direction}). */
            String selector,
            /** Parties: the address column by selector value, for an {@code addressused} party. */
            Map<String, String> addressSources,
            /** Practice-side party: {@code owner} (the record's owner user) or {@code practitioner} (only a resolved one). */
            String user,
            /** Lookups tried in order; the first present one is bound (a document's appointment, else its client). */
            List<ColumnMap> candidates,
            /** A second column joined to the value with {@code ", "} when present (an appointment's room after its site). */
            String append,
            /**
             * The Dataverse column type the schema plan creates for a custom column, when the transform does not settle
             * it or should be overridden: String, Memo, Integer, Decimal, Money, Boolean, Picklist, DateOnly, DateTime.
             */
            String type,
            /** Decimal places of a Decimal or Money custom column (schema plan; default 2). */
            Integer precision,
            /** Display name of a custom column in the schema plan (default: the source column in words). */
            String label) {

        public String transformName() {
            return transform == null ? "text" : transform;
        }
    }

    public Optional<ObjectMap> find(String object) {
        return objects().stream().filter(o -> o.object().equals(object)).findFirst();
    }

    public ObjectMap get(String object) {
        return find(object).orElseThrow(() -> new IllegalArgumentException("no mapping for object '" + object + "'"));
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    public static MappingSpec read(InputStream in) throws IOException {
        return YAML.readValue(in, MappingSpec.class);
    }

    public static MappingSpec read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    /** The default map bundled with the product. */
    public static MappingSpec defaultMap() {
        try (InputStream in = MappingSpec.class.getResourceAsStream("/mapping/default-map.yaml")) {
            return read(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled default map", e);
        }
    }
}
