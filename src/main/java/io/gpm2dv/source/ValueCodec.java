package io.gpm2dv.source;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.gpm2dv.source.CustomFields.Value;

/**
 * Custom field values as bytes, so {@link CustomFields} can keep them out of the heap: each value's fields in order,
 * strings as a length and UTF-8 (-1: null), timestamps and decimals as their exact text (they read back equal, scale
 * and offset included). The entity type is not written: the values are grouped by it.
 */
final class ValueCodec {
    /** Below this many bytes the values stay on the heap: a mapping would save nothing. */
    private static final int ON_HEAP_BELOW = 16 * 1024;

    private ValueCodec() {
    }

    /** Encodes values one after another; {@link #finish} moves the bytes out of the heap. */
    static final class Writer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);

        int size() {
            return out.size();
        }

        void write(Value v) {
            try {
                out.writeLong(v.id());
                out.writeLong(v.fieldId());
                out.writeLong(v.entityId());
                out.writeBoolean(v.formEntryId() != null);
                if (v.formEntryId() != null) {
                    out.writeLong(v.formEntryId());
                }
                string(v.recordedAt() == null ? null : v.recordedAt().toString());
                string(v.raw());
                string(v.parseStatus());
                string(v.text());
                string(v.number() == null ? null : v.number().toString());
                string(v.date());
                out.writeByte(v.bool() == null ? -1 : v.bool() ? 1 : 0);
                out.writeInt(v.options() == null ? -1 : v.options().size());
                if (v.options() != null) {
                    for (String o : v.options()) {
                        string(o);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
            }
        }

        private void string(String s) throws IOException {
            if (s == null) {
                out.writeInt(-1);
                return;
            }
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }

        /** The encoded values, read-only; outside the heap unless they are few. */
        ByteBuffer finish() {
            byte[] all = bytes.toByteArray();
            ByteBuffer buffer = all.length < ON_HEAP_BELOW ? ByteBuffer.allocate(all.length) : OffHeap.allocate(all.length);
            buffer.put(all);
            return buffer.clear().asReadOnlyBuffer();
        }
    }

    /** Decodes the values between two offsets, in order, each as of {@code entityType}. */
    static void read(ByteBuffer encoded, String entityType, int from, int to, Consumer<Value> each) {
        ByteBuffer in = encoded.duplicate().position(from).limit(to); // own position: readers never share one
        while (in.hasRemaining()) {
            long id = in.getLong();
            long fieldId = in.getLong();
            long entityId = in.getLong();
            Long formEntryId = in.get() != 0 ? in.getLong() : null;
            String recordedAt = string(in);
            String raw = string(in);
            String parseStatus = string(in);
            String text = string(in);
            String number = string(in);
            String date = string(in);
            byte bool = in.get();
            int options = in.getInt();
            List<String> optionList = null;
            if (options >= 0) {
                List<String> list = new ArrayList<>(options);
                for (int i = 0; i < options; i++) {
                    list.add(string(in));
                }
                optionList = List.copyOf(list);
            }
            each.accept(new Value(id, fieldId, entityType, entityId, formEntryId,
                    recordedAt == null ? null : OffsetDateTime.parse(recordedAt), raw, parseStatus, text,
                    number == null ? null : new BigDecimal(number), date, bool < 0 ? null : bool == 1, optionList));
        }
    }

    private static String string(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        byte[] utf8 = new byte[length];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
