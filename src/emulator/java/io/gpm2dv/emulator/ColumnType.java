package io.gpm2dv.emulator;

/** Dataverse attribute types the emulator models; lookups carry their targets in {@link ColumnDef#targets()}. */
public enum ColumnType {
    String, Memo, Integer, BigInt, Decimal, Double, Money, Boolean, Picklist, State, Status,
    DateTime, DateOnly, Uniqueidentifier, Lookup, Customer, Owner, EntityName,
    /** Choices: the Web API value is the option values joined by commas, e.g. {@code "727000000,727000002"}. */
    MultiSelectPicklist;

    /** Lookup-like columns are written through {@code <nav>@odata.bind} and read as {@code _<column>_value}. */
    public boolean isLookup() {
        return this == Lookup || this == Customer || this == Owner;
    }

    public boolean isText() {
        return this == String || this == Memo;
    }

    public boolean isChoice() {
        return this == Picklist || this == State || this == Status;
    }
}
