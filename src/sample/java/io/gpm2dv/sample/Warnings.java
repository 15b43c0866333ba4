package io.gpm2dv.sample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.gpm2dv.source.GpmFile;

/** The manifest's warnings (§6), collected while rows are written and listed in file order, then key. */
final class Warnings {
    record Warning(String file, long key, String column, String code, String detail) {
    }

    private final List<Warning> list = new ArrayList<>();

    void add(String file, long key, String column, String code, String detail) {
        list.add(new Warning(file, key, column, code, detail));
    }

    void orphan(String file, long key, String column, long missingId, String target) {
        add(file, key, column, "ORPHAN_FK", column + " " + missingId + " is not in " + target);
    }

    List<Warning> sorted() {
        List<Warning> out = new ArrayList<>(list);
        out.sort(Comparator.comparingInt((Warning w) -> GpmFile.byFileName(w.file()).ordinal())
                .thenComparingLong(Warning::key)
                .thenComparing(w -> w.column() == null ? "" : w.column())
                .thenComparing(Warning::code));
        return out;
    }
}
