import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks a local Maven staging directory (what {@code ./mvnw -Prelease deploy} writes to
 * target/staging) against what Maven Central requires of every published artifact, before it is
 * uploaded:
 * <ul>
 *   <li>the POM, with the parent's values inherited when the parent is staged too (it must be), names
 *       name, description, url, a licence (name and url), a developer (name), scm (connection,
 *       developerConnection, url) and issueManagement (url);</li>
 *   <li>a jar module has its jar, a sources jar (with .java files) and a javadoc jar (with
 *       index.html);</li>
 *   <li>every file has a GPG signature (.asc) that gpg verifies (when gpg is on the PATH, unless
 *       {@code --no-gpg}) and .md5 and .sha1 files (and any .sha256/.sha512) that match it;</li>
 *   <li>a release (a version without -SNAPSHOT) depends on no SNAPSHOT and has no SNAPSHOT parent; a
 *       SNAPSHOT rehearsal may depend only on its own group's modules of the same version;</li>
 *   <li>with {@code --expect a,b,...}, each of those artifactIds is staged.</li>
 * </ul>
 * Run it with the JDK's source launcher: {@code java dist/StagingCheck.java target/staging
 * [--expect rdp-probe-core,...] [--no-gpg]}. It prints one line per problem and exits 1 when there is
 * any, 0 otherwise.
 */
public final class StagingCheck {

    private static final List<String> CHECKSUM_SUFFIXES = List.of(".md5", ".sha1", ".sha256", ".sha512");
    private static final List<String> REQUIRED_CHECKSUMS = List.of(".md5", ".sha1");
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    private final Path root;
    private final boolean verifySignatures;
    private final List<String> problems = new ArrayList<>();
    /** Staged POMs by groupId:artifactId:version. */
    private final Map<String, StagedPom> poms = new TreeMap<>();

    /** One staged POM: its file, its parsed document, and the directory of its artifact version. */
    private record StagedPom(Path file, Document document, String groupId, String artifactId, String version) {}

    private StagingCheck(Path root, boolean verifySignatures) {
        this.root = root;
        this.verifySignatures = verifySignatures;
    }

    public static void main(String[] args) throws Exception {
        Path root = null;
        boolean gpg = true;
        List<String> expected = List.of();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--no-gpg" -> gpg = false;
                case "--expect" -> expected = List.of(args[++i].split(","));
                default -> root = Path.of(args[i]);
            }
        }
        if (root == null || !Files.isDirectory(root)) {
            System.err.println("usage: java dist/StagingCheck.java STAGING_DIR [--expect artifactId,...] [--no-gpg]");
            System.exit(2);
        }
        StagingCheck check = new StagingCheck(root, gpg && gpgAvailable());
        int artifacts = check.run(expected);
        check.problems.forEach(p -> System.out.println("StagingCheck: " + p));
        System.out.printf("StagingCheck: %d artifacts in %s checked (signatures %s): %d problems%n", artifacts, root,
                check.verifySignatures ? "verified with gpg" : "present, not verified", check.problems.size());
        System.exit(check.problems.isEmpty() ? 0 : 1);
    }

    private int run(List<String> expected) throws Exception {
        List<Path> pomFiles;
        try (Stream<Path> files = Files.walk(root)) {
            pomFiles = files.filter(p -> p.getFileName().toString().endsWith(".pom")).sorted().toList();
        }
        for (Path file : pomFiles) {
            Document doc = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().parse(file.toFile());
            Element project = doc.getDocumentElement();
            String artifactId = text(project, "artifactId").orElse("");
            String groupId = text(project, "groupId").or(() -> text(child(project, "parent"), "groupId")).orElse("");
            String version = text(project, "version").or(() -> text(child(project, "parent"), "version")).orElse("");
            poms.put(groupId + ":" + artifactId + ":" + version, new StagedPom(file, doc, groupId, artifactId, version));
        }
        for (String artifactId : expected) {
            if (poms.values().stream().noneMatch(p -> p.artifactId().equals(artifactId))) {
                problems.add(artifactId + ": not staged");
            }
        }
        for (StagedPom pom : poms.values()) {
            checkPom(pom);
            checkFiles(pom);
        }
        return poms.size();
    }

    private void checkPom(StagedPom pom) {
        String where = root.relativize(pom.file()).toString();
        for (String[] field : new String[][] {
            {"name"}, {"description"}, {"url"},
            {"licenses", "license", "name"}, {"licenses", "license", "url"},
            {"developers", "developer", "name"},
            {"scm", "connection"}, {"scm", "developerConnection"}, {"scm", "url"},
            {"issueManagement", "url"}}) {
            if (inherited(pom, field).isEmpty()) {
                problems.add(where + ": the POM has no " + String.join("/", field) + " (nor does its parent)");
            }
        }
        Element project = pom.document().getDocumentElement();
        Element parent = child(project, "parent");
        if (parent != null) {
            String key = text(parent, "groupId").orElse("") + ":" + text(parent, "artifactId").orElse("") + ":"
                    + text(parent, "version").orElse("");
            if (!poms.containsKey(key)) {
                problems.add(where + ": its parent " + key + " is not staged (Central needs it to read this POM)");
            }
            checkVersion(pom, where, "parent " + key, text(parent, "groupId").orElse(""), text(parent, "version").orElse(""));
        }
        for (String section : List.of("dependencies", "dependencyManagement")) {
            Element deps = section.equals("dependencies") ? child(project, "dependencies")
                    : child(child(project, "dependencyManagement"), "dependencies");
            for (Element dep : children(deps, "dependency")) {
                String version = resolve(pom, text(dep, "version").orElse(""));
                String coordinates = text(dep, "groupId").orElse("") + ":" + text(dep, "artifactId").orElse("") + ":" + version;
                checkVersion(pom, where, section + " " + coordinates, resolve(pom, text(dep, "groupId").orElse("")), version);
            }
        }
    }

    private void checkVersion(StagedPom pom, String where, String what, String groupId, String version) {
        if (!version.toUpperCase(Locale.ROOT).contains("SNAPSHOT")) {
            return;
        }
        boolean rehearsal = pom.version().endsWith("-SNAPSHOT");
        boolean sameBuild = groupId.equals(pom.groupId()) && version.equals(pom.version());
        if (!rehearsal) {
            problems.add(where + ": release " + pom.version() + " refers to a SNAPSHOT: " + what);
        } else if (!sameBuild) {
            problems.add(where + ": refers to a SNAPSHOT outside this build: " + what);
        }
    }

    private void checkFiles(StagedPom pom) throws IOException, NoSuchAlgorithmException, InterruptedException {
        Path dir = pom.file().getParent();
        String pomName = pom.file().getFileName().toString();
        String base = pomName.substring(0, pomName.length() - ".pom".length());
        String packaging = text(pom.document().getDocumentElement(), "packaging").orElse("jar");
        if (packaging.equals("jar")) {
            requireZip(dir.resolve(base + ".jar"), null);
            requireZip(dir.resolve(base + "-sources.jar"), ".java");
            requireZip(dir.resolve(base + "-javadoc.jar"), "index.html");
        }
        List<Path> primaries;
        try (Stream<Path> files = Files.list(dir)) {
            primaries = files.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(base) && !name.endsWith(".asc")
                        && CHECKSUM_SUFFIXES.stream().noneMatch(name::endsWith);
            }).sorted().toList();
        }
        for (Path file : primaries) {
            String where = root.relativize(file).toString();
            Path signature = file.resolveSibling(file.getFileName() + ".asc");
            if (!Files.isRegularFile(signature)) {
                problems.add(where + ": no GPG signature (.asc)");
            } else if (verifySignatures) {
                verifySignature(file, signature, where);
            }
            for (String suffix : CHECKSUM_SUFFIXES) {
                Path sum = file.resolveSibling(file.getFileName() + suffix);
                if (!Files.isRegularFile(sum)) {
                    if (REQUIRED_CHECKSUMS.contains(suffix)) {
                        problems.add(where + ": no " + suffix + " checksum");
                    }
                    continue;
                }
                String expected = Files.readString(sum, StandardCharsets.US_ASCII).trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
                String actual = digest(file, suffix);
                if (!expected.equals(actual)) {
                    problems.add(where + ": " + suffix + " says " + expected + " but the file's is " + actual);
                }
            }
        }
    }

    private void requireZip(Path jar, String mustContain) throws IOException {
        String where = root.relativize(jar).toString();
        if (!Files.isRegularFile(jar)) {
            problems.add(where + ": missing");
            return;
        }
        int entries = 0;
        boolean found = mustContain == null;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries++;
                found |= e.getName().endsWith(mustContain == null ? "" : mustContain);
            }
        }
        if (entries == 0) {
            problems.add(where + ": not a jar (no entries)");
        } else if (!found) {
            problems.add(where + ": has no " + mustContain + " entry");
        }
    }

    private void verifySignature(Path file, Path signature, String where) throws IOException, InterruptedException {
        Process gpg = new ProcessBuilder("gpg", "--batch", "--verify", signature.toString(), file.toString())
                .redirectErrorStream(true).start();
        gpg.getOutputStream().close();
        String output = new String(gpg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!gpg.waitFor(60, TimeUnit.SECONDS)) {
            gpg.destroyForcibly();
            problems.add(where + ": gpg --verify did not finish");
        } else if (gpg.exitValue() != 0) {
            problems.add(where + ": the signature does not verify: " + output.strip().replace('\n', ' '));
        }
    }

    private static String digest(Path file, String suffix) throws IOException, NoSuchAlgorithmException {
        String algorithm = switch (suffix) {
            case ".md5" -> "MD5";
            case ".sha1" -> "SHA-1";
            case ".sha256" -> "SHA-256";
            default -> "SHA-512";
        };
        MessageDigest md = MessageDigest.getInstance(algorithm);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static boolean gpgAvailable() {
        try {
            Process p = new ProcessBuilder("gpg", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The text at {@code path} under the project element, else under its staged parent's (recursively). */
    private Optional<String> inherited(StagedPom pom, String[] path) {
        Element e = pom.document().getDocumentElement();
        for (int i = 0; i < path.length - 1 && e != null; i++) {
            e = child(e, path[i]);
        }
        Optional<String> own = text(e, path[path.length - 1]);
        if (own.isPresent()) {
            return own;
        }
        return parentOf(pom).flatMap(parent -> inherited(parent, path));
    }

    private Optional<StagedPom> parentOf(StagedPom pom) {
        Element parent = child(pom.document().getDocumentElement(), "parent");
        if (parent == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(poms.get(text(parent, "groupId").orElse("") + ":" + text(parent, "artifactId").orElse("")
                + ":" + text(parent, "version").orElse("")));
    }

    /** {@code value} with ${project.version} and the POM's (and its staged parents') properties filled in. */
    private String resolve(StagedPom pom, String value) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (Optional<StagedPom> p = Optional.of(pom); p.isPresent(); p = parentOf(p.get())) {
            for (Element property : children(child(p.get().document().getDocumentElement(), "properties"), null)) {
                properties.putIfAbsent(property.getTagName(), property.getTextContent().trim());
            }
        }
        properties.put("project.version", pom.version());
        properties.put("project.groupId", pom.groupId());
        String result = value;
        for (int round = 0; round < 10 && result.contains("${"); round++) {
            Matcher m = PROPERTY.matcher(result);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(properties.getOrDefault(m.group(1), m.group())));
            }
            m.appendTail(out);
            result = out.toString();
        }
        return result;
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The element children of {@code parent} named {@code name} (all of them when {@code name} is null). */
    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (name == null || e.getTagName().equals(name))) {
                out.add(e);
            }
        }
        return out;
    }

    private static Optional<String> text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? Optional.empty() : Optional.of(e.getTextContent().trim()).filter(s -> !s.isEmpty());
    }
}
