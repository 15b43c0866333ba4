package io.gpm2dv.schema;

import java.util.Map;
import java.util.stream.Collectors;

import io.gpm2dv.schema.SchemaPlan.Column;

/**
 * The schema plan as a numbered Markdown checklist for the Dynamics admin ({@code schema-plan.md}): custom tables,
 * then columns table by table, then lookup relationships, then alternate keys, then publishing. Names, types and
 * labels only: no record data.
 */
public final class PlanMarkdown {
    private PlanMarkdown() {
    }

    public static String render(SchemaPlan plan, String source) {
        StringBuilder md = new StringBuilder();
        md.append("# Dataverse schema plan\n\n");
        md.append("Everything custom the migration writes, from ").append(source).append(". Create each item in order ")
                .append("(or let the product apply the plan: `migration.schema.apply=true`); a run refuses to start while ")
                .append("any of them is missing. Publisher prefix `new`; Choice values start at 100000000.\n\n");
        int n = 0;
        md.append("## Custom tables\n\n");
        if (plan.tables().isEmpty()) {
            md.append("None.\n\n");
        }
        for (SchemaPlan.Table t : plan.tables()) {
            md.append(++n).append(". [ ] Table `").append(t.logicalName()).append("` \"").append(t.displayName())
                    .append("\": user-owned, entity set `").append(t.entitySet()).append("`, primary name column `")
                    .append(t.primaryName()).append("` (Text, max ").append(t.primaryNameMax()).append(")\n");
        }
        if (!plan.tables().isEmpty()) {
            md.append('\n');
        }
        md.append("## Columns\n\n");
        Map<String, java.util.List<Column>> byTable = plan.columns().stream().filter(c -> c.type() != SchemaPlan.Type.Lookup)
                .collect(Collectors.groupingBy(Column::table, java.util.LinkedHashMap::new, Collectors.toList()));
        for (var e : byTable.entrySet()) {
            md.append("### ").append(e.getKey()).append("\n\n");
            for (Column c : e.getValue()) {
                md.append(++n).append(". [ ] `").append(c.logicalName()).append("` \"").append(c.displayName()).append("\": ")
                        .append(describe(c)).append(" — ").append(c.origin()).append('\n');
            }
            md.append('\n');
        }
        md.append("## Lookup relationships\n\n");
        boolean any = false;
        for (Column c : plan.columns()) {
            if (c.type() == SchemaPlan.Type.Lookup) {
                any = true;
                md.append(++n).append(". [ ] One-to-many `").append(c.relationshipName()).append("`: `").append(c.lookupTable())
                        .append("` (1) → `").append(c.table()).append("` (many), lookup column `").append(c.logicalName())
                        .append("` \"").append(c.displayName()).append("\" — ").append(c.origin()).append('\n');
            }
        }
        md.append(any ? "\n" : "None.\n\n");
        md.append("## Alternate keys\n\n");
        for (SchemaPlan.Key k : plan.keys()) {
            md.append(++n).append(". [ ] Key `").append(k.name()).append("` on `").append(k.table()).append("` (")
                    .append(String.join(", ", k.columns())).append("); wait until its status is Active\n");
        }
        md.append('\n').append("## Publish\n\n").append(++n).append(". [ ] Publish the customizations of ")
                .append(String.join(", ", plan.tableNames().stream().map(t -> "`" + t + "`").toList())).append("\n");
        if (!plan.notPlanned().isEmpty()) {
            md.append("\n## Custom values that will not land\n\n");
            plan.notPlanned().forEach(line -> md.append("- ").append(line).append('\n'));
        }
        return md.toString();
    }

    static String describe(Column c) {
        return switch (c.type()) {
            case String -> "Text, max " + c.maxLength();
            case Memo -> "Multiple lines of text (Memo), max " + c.maxLength();
            case Integer -> "Whole number";
            case Decimal -> "Decimal, precision " + c.precision();
            case Money -> "Currency (Money), precision " + c.precision();
            case Boolean -> "Yes/No";
            case DateOnly -> "Date only (behaviour Date only)";
            case DateTime -> "Date and time (behaviour User local, stored UTC)";
            case Picklist, MultiSelectPicklist -> (c.type() == SchemaPlan.Type.Picklist ? "Choice" : "Choices (multi-select)")
                    + ", options " + c.options().entrySet().stream().map(o -> o.getKey() + " " + o.getValue())
                            .collect(Collectors.joining("; "));
            case Lookup -> "Lookup to " + c.lookupTable();
        };
    }
}
