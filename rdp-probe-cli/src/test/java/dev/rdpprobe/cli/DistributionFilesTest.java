package dev.rdpprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Static checks of the distribution files that cannot run on this Linux build machine (the Windows
 * launchers, the Dockerfile: there is no Docker engine here) and of the JBang catalog. The POSIX
 * launcher and the Linux archive are run for real by dist/release-test.sh.
 */
class DistributionFilesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path LAUNCHERS = ROOT.resolve("dist/launcher");

    @Test
    void cmdLauncherPassesEveryArgumentThroughAndFindsJava() throws Exception {
        byte[] bytes = Files.readAllBytes(LAUNCHERS.resolve("rdp-probe.cmd"));
        String text = new String(bytes, StandardCharsets.US_ASCII);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                assertThat(i > 0 && bytes[i - 1] == '\r').as("CRLF line end before offset %d (cmd.exe mis-reads labels otherwise)", i).isTrue();
            }
        }
        List<String> code = codeLines(text, "rem ");
        assertThat(code).as("no positional %1..%9 (they cut the arguments), no shift").noneMatch(l -> l.matches("(?i).*%[1-9].*|\\s*shift\\b.*"));
        List<String> javaRuns = code.stream().filter(l -> l.contains("-jar")).toList();
        assertThat(javaRuns).as("one java invocation").hasSize(1);
        assertThat(javaRuns.get(0)).startsWith("\"%RDP_PROBE_JAVA%\"").endsWith("-jar \"%RDP_PROBE_JAR%\" %*");
        assertThat(code).as("its exit code is the command's").contains("exit /b %ERRORLEVEL%");
        assertThat(text).contains("%JAVA_HOME%\\bin\\java.exe").contains("%%~$PATH:J").contains("Java 17 or newer")
                .contains("LSS 17").contains("winget install");
    }

    @Test
    void powerShellLauncherSplatsArgsAndFindsJava() throws Exception {
        String text = Files.readString(LAUNCHERS.resolve("rdp-probe.ps1"));
        List<String> code = codeLines(text, "#");
        List<String> javaRuns = code.stream().filter(l -> l.contains("-jar")).toList();
        assertThat(javaRuns).as("one java invocation").hasSize(1);
        assertThat(javaRuns.get(0)).startsWith("& $java").endsWith("@args");
        assertThat(text).as("no argument re-joined into a string, picked by index or re-parsed")
                .doesNotContain("\"$args\"").doesNotContain("$args[").doesNotContainIgnoringCase("Invoke-Expression")
                .doesNotContain("iex ");
        assertThat(code).contains("exit $LASTEXITCODE");
        assertThat(text).contains("$env:JAVA_HOME").contains("Get-Command").contains("Java 17 or newer").contains("-lt 17");
    }

    @Test
    void posixLauncherExecsJavaWithTheArgumentsQuoted() throws Exception {
        String text = Files.readString(LAUNCHERS.resolve("rdp-probe"));
        assertThat(text).startsWith("#!/bin/sh\n");
        assertThat(Files.isExecutable(LAUNCHERS.resolve("rdp-probe"))).isTrue();
        List<String> code = codeLines(text, "#");
        assertThat(code).noneMatch(l -> l.contains("$*") || l.matches(".*[^\"]\\$@.*") || l.contains("eval "));
        assertThat(String.join("\n", code)).containsPattern("(?m)-jar \"\\$jar\" \"\\$@\"$");
    }

    @Test
    void dockerfileRunsAsAnUnprivilegedUserFromPinnedBasesWithAnExecEntrypoint() throws Exception {
        List<String> lines = codeLines(Files.readString(ROOT.resolve("Dockerfile")), "#");
        List<String> from = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(from).isNotEmpty().allSatisfy(l -> assertThat(l).matches("FROM [a-z0-9./-]+:[0-9][\\w.-]*(-slim)?( AS \\w+)?"));
        assertThat(lines).as("nothing fetched by ADD (no URLs, no remote archives)").noneMatch(l -> l.startsWith("ADD "));
        assertThat(lines).as("no network fetch in RUN").noneMatch(l -> l.matches(".*\\b(curl|wget)\\b.*"));
        List<String> users = lines.stream().filter(l -> l.startsWith("USER ")).toList();
        assertThat(users).isNotEmpty();
        String user = users.get(users.size() - 1).substring("USER ".length()).trim();
        assertThat(user).as("the final USER").doesNotStartWith("root").doesNotStartWith("0:").isNotEqualTo("0");
        int lastFrom = lines.lastIndexOf(from.get(from.size() - 1));
        assertThat(lines.indexOf(users.get(users.size() - 1))).as("USER is set in the final stage").isGreaterThan(lastFrom);
        List<String> entrypoints = lines.stream().filter(l -> l.startsWith("ENTRYPOINT ")).toList();
        assertThat(entrypoints).hasSize(1);
        JsonNode entrypoint = new ObjectMapper().readTree(entrypoints.get(0).substring("ENTRYPOINT ".length()));
        assertThat(entrypoint.isArray()).as("ENTRYPOINT in exec (JSON) form: signals reach the JVM").isTrue();
        assertThat(entrypoint.get(0).asText()).isEqualTo("/opt/rdp-probe/rdp-probe");
        assertThat(lines).anyMatch(l -> l.contains("rdp-probe-*-linux-x64.tar.gz"));
        assertThat(Files.readString(ROOT.resolve(".dockerignore"))).contains("!target/dist/rdp-probe-*-linux-x64.tar.gz");
    }

    @Test
    void jbangCatalogNamesTheCliCoordinatesAndMainClassOfThePom() throws Exception {
        JsonNode alias = new ObjectMapper().readTree(ROOT.resolve("jbang-catalog.json").toFile()).path("aliases").path("rdp-probe");
        assertThat(alias.isObject()).as("alias rdp-probe").isTrue();
        Document parent = pom(ROOT.resolve("pom.xml"));
        Document cli = pom(ROOT.resolve("rdp-probe-cli/pom.xml"));
        String groupId = xpath(parent, "/project/groupId");
        String releaseVersion = xpath(parent, "/project/version").replaceFirst("-SNAPSHOT$", "");
        String artifactId = xpath(cli, "/project/artifactId");
        assertThat(alias.path("script-ref").asText()).isEqualTo(groupId + ":" + artifactId + ":" + releaseVersion);
        String mainClass = xpath(cli, "/project/build/plugins/plugin[artifactId='maven-jar-plugin']/configuration/archive/manifest/mainClass");
        assertThat(alias.path("main").asText()).isEqualTo(mainClass).isEqualTo(RdpProbeCommand.class.getName());
        Method main = Class.forName(mainClass).getMethod("main", String[].class);
        assertThat(Modifier.isStatic(main.getModifiers())).isTrue();
        Matcher java = Pattern.compile("(\\d+)\\+?").matcher(alias.path("java").asText());
        assertThat(java.matches()).isTrue();
        assertThat(java.group(1)).isEqualTo(xpath(parent, "/project/properties/maven.compiler.release"));
    }

    @Test
    void changelogKeepsAnUnreleasedSectionAndOneForAReleaseVersion() throws Exception {
        String changelog = Files.readString(ROOT.resolve("CHANGELOG.md"));
        assertThat(changelog).startsWith("# Changelog\n").contains("keepachangelog.com").contains("## [Unreleased]");
        String version = xpath(pom(ROOT.resolve("pom.xml")), "/project/version");
        if (!version.endsWith("-SNAPSHOT")) {
            assertThat(changelog).as("a release's changes are under its version").containsPattern(
                    "(?m)^## \\[" + Pattern.quote(version) + "\\] - \\d{4}-\\d{2}-\\d{2}$");
        }
        assertThat(xpath(pom(ROOT.resolve("rdp-probe-bom/pom.xml")), "/project/version")).as("the BOM's version").isEqualTo(version);
    }

    /** The lines of {@code text} that are neither blank nor comments, trimmed. */
    private static List<String> codeLines(String text, String commentPrefix) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.toLowerCase().startsWith(commentPrefix) && !t.equalsIgnoreCase("rem")) {
                out.add(t);
            }
        }
        return out;
    }

    private static Document pom(Path file) throws Exception {
        return DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static String xpath(Document doc, String expression) throws Exception {
        String value = XPathFactory.newDefaultInstance().newXPath().evaluate(expression, doc).strip();
        assertThat(value).as(expression).isNotEmpty();
        return value;
    }
}
