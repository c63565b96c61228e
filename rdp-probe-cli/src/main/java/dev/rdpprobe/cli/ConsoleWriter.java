package dev.rdpprobe.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.Charset;

/**
 * A writer to a console (or file) in a charset that cannot show every character: what passes through it
 * is {@link ConsoleText#fit fitted} to that charset, so that the report's arrows, bars and dashes arrive as
 * ASCII instead of {@code ?}. The command's stdout and stderr go through one whenever their charset is not
 * a UTF ({@link RdpProbeCommand#main}). A surrogate pair split across two writes is fitted whole.
 */
final class ConsoleWriter extends FilterWriter {

    private final Charset charset;
    private char pendingHighSurrogate;

    /**
     * @param out the writer that encodes in {@code charset}
     * @param charset what {@code out} encodes in
     */
    ConsoleWriter(Writer out, Charset charset) {
        super(out);
        this.charset = charset;
    }

    @Override
    public void write(int c) throws IOException {
        write(new char[] {(char) c}, 0, 1);
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        write(s.toCharArray(), off, len);
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
        if (len <= 0) {
            return;
        }
        StringBuilder text = new StringBuilder(len + 1);
        if (pendingHighSurrogate != 0) {
            text.append(pendingHighSurrogate);
            pendingHighSurrogate = 0;
        }
        text.append(chars, off, len);
        char last = text.charAt(text.length() - 1);
        if (Character.isHighSurrogate(last)) {
            pendingHighSurrogate = last;
            text.setLength(text.length() - 1);
        }
        out.write(ConsoleText.fit(text.toString(), charset));
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (pendingHighSurrogate != 0) {
            out.write(ConsoleText.fit(String.valueOf(pendingHighSurrogate), charset));
            pendingHighSurrogate = 0;
        }
        out.close();
    }
}
