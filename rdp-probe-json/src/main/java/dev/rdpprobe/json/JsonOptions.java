package dev.rdpprobe.json;

import java.util.Objects;

/**
 * How {@link OutcomeJson} writes and reads: one line or indented, which characters are escaped, and the
 * bounds a document must keep to be read. Immutable; build with {@link #builder()}, or use
 * {@link #DEFAULTS}: one line, invisible characters escaped, documents of at most
 * {@value #DEFAULT_MAX_DOCUMENT_CHARS} characters nested at most {@value #DEFAULT_MAX_DEPTH} deep.
 */
public final class JsonOptions {

    /** Default bound of a document read: 4 MiB of characters (bytes, for an {@link java.io.InputStream}). */
    public static final long DEFAULT_MAX_DOCUMENT_CHARS = 4L << 20;

    /** Default bound of nesting (objects and arrays inside each other); the contract itself nests 6 deep. */
    public static final int DEFAULT_MAX_DEPTH = 32;

    /** The least nesting a reader may be limited to: the contract's own depth. */
    public static final int MIN_DEPTH = 6;

    /** The most nesting a reader may allow. */
    public static final int MAX_DEPTH = 1000;

    /** The least document bound a reader may be given. */
    public static final long MIN_DOCUMENT_CHARS = 1024;

    /** The largest document bound a reader may be given: 1 GiB. */
    public static final long MAX_DOCUMENT_CHARS = 1L << 30;

    /** One line, invisible characters escaped, the default bounds. */
    public static final JsonOptions DEFAULTS = builder().build();

    private final boolean pretty;
    private final boolean escapeInvisible;
    private final long maxDocumentChars;
    private final int maxDepth;

    private JsonOptions(Builder b) {
        this.pretty = b.pretty;
        this.escapeInvisible = b.escapeInvisible;
        this.maxDocumentChars = b.maxDocumentChars;
        this.maxDepth = b.maxDepth;
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        return new Builder().pretty(pretty).escapeInvisible(escapeInvisible).maxDocumentChars(maxDocumentChars).maxDepth(maxDepth);
    }

    /** Whether documents are written indented over several lines (default false: one line, no line break). */
    public boolean pretty() {
        return pretty;
    }

    /**
     * Whether strings are written with every control, format (bidirectional, zero-width …), separator and
     * surrogate character as a {@code \\u} escape (default true), so that a document shown raw cannot drive a
     * terminal. The values read back are the same either way.
     */
    public boolean escapeInvisible() {
        return escapeInvisible;
    }

    /** The longest document {@link OutcomeJson#read} accepts, in characters (bytes for an InputStream). */
    public long maxDocumentChars() {
        return maxDocumentChars;
    }

    /** The deepest nesting of objects and arrays {@link OutcomeJson#read} accepts. */
    public int maxDepth() {
        return maxDepth;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonOptions other && pretty == other.pretty && escapeInvisible == other.escapeInvisible
                && maxDocumentChars == other.maxDocumentChars && maxDepth == other.maxDepth;
    }

    @Override
    public int hashCode() {
        return Objects.hash(pretty, escapeInvisible, maxDocumentChars, maxDepth);
    }

    @Override
    public String toString() {
        return "JsonOptions[pretty=" + pretty + ", escapeInvisible=" + escapeInvisible + ", maxDocumentChars="
                + maxDocumentChars + ", maxDepth=" + maxDepth + "]";
    }

    /** Builds {@link JsonOptions}; {@link #build()} checks the bounds and names the call that set a bad one. */
    public static final class Builder {
        private boolean pretty;
        private boolean escapeInvisible = true;
        private long maxDocumentChars = DEFAULT_MAX_DOCUMENT_CHARS;
        private int maxDepth = DEFAULT_MAX_DEPTH;

        private Builder() {
        }

        /** Indented over several lines (default false). */
        public Builder pretty(boolean value) {
            this.pretty = value;
            return this;
        }

        /** Escape invisible characters (default true). */
        public Builder escapeInvisible(boolean value) {
            this.escapeInvisible = value;
            return this;
        }

        /** Longest document read, 1024 characters to 1 GiB; default 4 MiB. */
        public Builder maxDocumentChars(long value) {
            this.maxDocumentChars = value;
            return this;
        }

        /** Deepest nesting read, {@value JsonOptions#MIN_DEPTH}..{@value JsonOptions#MAX_DEPTH}; default 32. */
        public Builder maxDepth(int value) {
            this.maxDepth = value;
            return this;
        }

        /** Text of the document bounds for Javadoc and messages. */
        static final String MIN_DOCUMENT_CHARS_TEXT = "1024 characters to 1 GiB";

        /**
         * The options.
         *
         * @throws IllegalArgumentException naming the call whose value is out of range
         */
        public JsonOptions build() {
            if (maxDocumentChars < MIN_DOCUMENT_CHARS || maxDocumentChars > MAX_DOCUMENT_CHARS) {
                throw new IllegalArgumentException("maxDocumentChars(" + maxDocumentChars + ") is out of range; use "
                        + MIN_DOCUMENT_CHARS_TEXT + " (" + MIN_DOCUMENT_CHARS + ".." + MAX_DOCUMENT_CHARS + ")");
            }
            if (maxDepth < MIN_DEPTH || maxDepth > MAX_DEPTH) {
                throw new IllegalArgumentException("maxDepth(" + maxDepth + ") is out of range; use " + MIN_DEPTH + ".." + MAX_DEPTH
                        + " (the contract nests " + MIN_DEPTH + " deep)");
            }
            return new JsonOptions(this);
        }
    }
}
