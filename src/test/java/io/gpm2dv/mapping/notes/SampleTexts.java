package io.gpm2dv.mapping.notes;

import java.lang.reflect.Method;

/** The sample generator's note bodies (io.gpm2dv.sample.Texts is package-private there, so read reflectively). */
final class SampleTexts {
    private SampleTexts() {
    }

    static String rtf() {
        return call("rtf");
    }

    static String html() {
        return call("html");
    }

    static String plainButRtf() {
        return call("plainButRtf");
    }

    static String plainButHtml() {
        return call("plainButHtml");
    }

    static String longNote() {
        return call("longNote");
    }

    static String multiline() {
        return call("multiline");
    }

    private static String call(String name) {
        try {
            Method m = Class.forName("io.gpm2dv.sample.Texts").getDeclaredMethod(name);
            m.setAccessible(true);
            return (String) m.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("sample text " + name, e);
        }
    }
}
