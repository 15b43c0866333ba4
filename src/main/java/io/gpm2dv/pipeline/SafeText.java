package io.gpm2dv.pipeline;

import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.apache.camel.CamelExecutionException;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Turns a failure into words that may reach logs, fates, dead-letter reasons and reports: its kind, code, column
 * or position, never a value. Library messages echo what they choke on (a JSON parser quotes the token, a
 * database the value too long for its column, Dataverse the literal it cannot convert), so only messages the
 * product composes from ids, codes and column names ({@link Safe}) pass through; anything else is reduced to
 * its type and where in our code it arose. The raw values stay in a dead letter's payload.
 */
public final class SafeText {
    /** An exception whose message is built from ids, codes, counts and column names only. */
    public interface Safe {
    }

    private SafeText() {
    }

    public static String of(Throwable t) {
        Throwable f = unwrap(t);
        if (f == null) {
            return "unknown failure";
        }
        if (f instanceof Safe) {
            return f.getMessage();
        }
        if (f instanceof JsonProcessingException j) {
            JsonLocation at = j.getLocation();
            return "unreadable JSON (" + f.getClass().getSimpleName()
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ")";
        }
        if (f instanceof SQLException s) {
            return "database error (SQLState " + s.getSQLState() + ", vendor code " + s.getErrorCode() + ")";
        }
        return f.getClass().getSimpleName() + where(f);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable f = t;
        while (f != null && f.getCause() != null && f != f.getCause()
                && (f instanceof CamelExecutionException || f instanceof CompletionException
                        || f instanceof ExecutionException || f instanceof UncheckedIOException)) {
            f = f.getCause();
        }
        return f;
    }

    /** " in Class.method" for the innermost frame of the product's own code, which names the step, not the data. */
    private static String where(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("io.gpm2dv.")) {
                String cls = e.getClassName();
                return " in " + cls.substring(cls.lastIndexOf('.') + 1) + "." + e.getMethodName();
            }
        }
        return "";
    }
}
