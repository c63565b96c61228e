package dev.rdpprobe.core.internal.pdu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The codecs are the bottom layer of core: a class in {@code internal.pdu} may use only
 * {@code internal.pdu} of ours, never the outcome model, the sequence machines or the root package
 * (the layer that reads codecs maps their values). Scans the main sources, so a fully qualified use
 * counts as much as an import.
 */
class CodecLayerTest {

    private static final Path CODECS = Path.of("src/main/java/dev/rdpprobe/core/internal/pdu");
    /** Any reference to one of our packages (an import, a static import or a qualified name). */
    private static final Pattern OURS = Pattern.compile("\\bdev\\.rdpprobe\\.[a-zA-Z0-9_.]*");

    @Test
    void codecsUseNoPackageOfOursAboveThem() {
        assertThat(CODECS).isDirectory();
        assertThat(violations(CODECS)).isEmpty();
    }

    /** A field read straight off a ByteBuf (get/read of a byte, short, int, long), bypassing the cursor. */
    private static final Pattern RAW_READ = Pattern.compile("\\.(get|read)(Unsigned)?(Byte|Short|Medium|Int|Long)(LE)?\\(");
    /**
     * Files that may read a ByteBuf directly: the cursor itself, and the NTLM signature search (a scan
     * for {@code "NTLMSSP\\0"} over a token of unknown shape, which decodes no field).
     */
    private static final List<String> RAW_READERS = List.of("PduCursor.java", "NtlmMessages.java");

    @Test
    void everyDecoderReadsThroughTheOneCursor() {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CODECS)) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                if (RAW_READERS.contains(file.getFileName().toString())) {
                    continue;
                }
                String code = Files.readString(file).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
                Matcher m = RAW_READ.matcher(code);
                while (m.find()) {
                    found.add(CODECS.relativize(file) + ": " + m.group());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(found).isEmpty();
    }

    @Test
    void theScanSeesAForbiddenImport() {
        String source = "package dev.rdpprobe.core.internal.pdu.x;\nimport dev.rdpprobe.core.outcome.Failure;\n"
                + "class A { dev.rdpprobe.core.RdpProber p; dev.rdpprobe.core.internal.pdu.PduBytes ok; }\n";
        assertThat(forbidden(source)).containsExactly("dev.rdpprobe.core.outcome.Failure", "dev.rdpprobe.core.RdpProber");
    }

    private static List<String> violations(Path root) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                for (String name : forbidden(Files.readString(file))) {
                    found.add(root.relativize(file) + " uses " + name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** Names of ours outside {@code dev.rdpprobe.core.internal.pdu} referenced in code (comments and Javadoc excluded). */
    static List<String> forbidden(String source) {
        String code = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
        List<String> names = new ArrayList<>();
        Matcher m = OURS.matcher(code);
        while (m.find()) {
            String name = m.group();
            boolean isPackageLine = code.lastIndexOf("package ", m.start()) == m.start() - "package ".length();
            if (!isPackageLine && !name.startsWith("dev.rdpprobe.core.internal.pdu.") && !name.equals("dev.rdpprobe.core.internal.pdu")) {
                names.add(name);
            }
        }
        return names;
    }
}
