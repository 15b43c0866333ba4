package io.gpm2dv.mapping.validation;

/** One problem of a mapping file: the 1-based line of the offending entry and one line saying what is wrong. */
public record MappingError(int line, String reason) implements Comparable<MappingError> {

    @Override
    public int compareTo(MappingError o) {
        return line != o.line ? Integer.compare(line, o.line) : reason.compareTo(o.reason);
    }

    /** "mapping file /x.yaml line 12: reason": how a refused run states it. */
    public String describe(String what) {
        return what + " line " + line + ": " + reason;
    }
}
