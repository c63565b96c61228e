package dev.rdpprobe.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rdpprobe.cli.RdpProbeCommand;
import dev.rdpprobe.core.RdpProber;
import dev.rdpprobe.exporter.RdpExporter;
import dev.rdpprobe.json.OutcomeJson;
import dev.rdpprobe.testkit.FakeRdpServer;
import dev.rdpprobe.tls.RdpTlsProvider;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The package rules of rdp-probe (README, "Architecture"), checked on the compiled classes of the library
 * modules: no import cycle between any two packages, layers that only point down, an API of exactly the
 * documented packages, no internal type in a public signature, and no public type in an internal package
 * that nothing outside its package uses.
 */
class ArchitectureTest {

    private static final PackageGraph GRAPH = PackageGraph.of(RdpProber.class, RdpTlsProvider.class, FakeRdpServer.class,
            OutcomeJson.class, RdpExporter.class, RdpProbeCommand.class);

    /** The library modules' packages (the CLI's are an application's, not an API). */
    private static final List<String> LIBRARY = List.of("dev.rdpprobe.core", "dev.rdpprobe.tls", "dev.rdpprobe.testkit",
            "dev.rdpprobe.json", "dev.rdpprobe.exporter");

    private static final String CORE = "dev.rdpprobe.core";

    /** The API of the core module: what a user may import. */
    private static final Set<String> CORE_API = Set.of(CORE, CORE + ".target", CORE + ".outcome", CORE + ".diagnosis", CORE + ".tls");

    /** Package (prefix) → the only packages (prefixes) of ours it may refer to: the layers, bottom up. */
    private static final Map<String, List<String>> MAY_USE = Map.of(
            CORE + ".target", List.of(),
            CORE + ".internal.pdu", List.of(CORE + ".internal.pdu"),
            CORE + ".outcome", List.of(CORE + ".target"),
            CORE + ".tls", List.of(CORE + ".outcome", CORE + ".target"),
            CORE + ".diagnosis", List.of(CORE + ".outcome", CORE + ".target"),
            CORE + ".internal.sequence", List.of(CORE + ".internal", CORE + ".outcome", CORE + ".target", CORE + ".tls", CORE + ".diagnosis"),
            CORE + ".internal.udp", List.of(CORE + ".internal", CORE + ".outcome", CORE + ".target", CORE + ".tls", CORE + ".diagnosis"));

    @Test
    void noPackageIsPartOfAnImportCycle() {
        List<String> cycles = new ArrayList<>();
        for (String pkg : GRAPH.packages.keySet()) {
            GRAPH.cycleThrough(pkg).ifPresent(c -> cycles.add(String.join(" -> ", c)));
        }
        assertThat(cycles).as("package cycles").isEmpty();
    }

    @Test
    void layersOnlyPointDown() {
        List<String> wrong = new ArrayList<>();
        GRAPH.references.forEach((cls, refs) -> {
            String from = PackageGraph.packageOf(cls);
            MAY_USE.forEach((layer, allowed) -> {
                if (!within(from, layer)) {
                    return;
                }
                for (String ref : refs) {
                    String to = PackageGraph.packageOf(ref);
                    if (!within(to, layer) && allowed.stream().noneMatch(a -> within(to, a))) {
                        wrong.add(cls + " -> " + ref);
                    }
                }
            });
        });
        assertThat(wrong).as("references that break the layering").isEmpty();
    }

    @Test
    void theCoreModuleExportsExactlyItsApi() {
        ModuleDescriptor core = GRAPH.modules.get(CORE);
        assertThat(core).as("rdp-probe-core has a module-info").isNotNull();
        Set<String> unqualified = core.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(unqualified).containsExactlyInAnyOrderElementsOf(CORE_API);
        assertThat(GRAPH.modules.keySet()).contains("dev.rdpprobe.tls", "dev.rdpprobe.testkit", "dev.rdpprobe.json");
    }

    @Test
    void noInternalPackageIsExportedToEveryone() {
        List<String> wrong = new ArrayList<>();
        GRAPH.modules.values().forEach(m -> m.exports().stream()
                .filter(e -> !e.isQualified() && e.source().contains(".internal"))
                .forEach(e -> wrong.add(m.name() + " exports " + e.source())));
        assertThat(wrong).isEmpty();
    }

    @Test
    void publicSignaturesOfTheApiUseOnlyApiTypes() throws ClassNotFoundException {
        Set<String> api = exportedToEveryone();
        List<String> leaks = new ArrayList<>();
        for (String name : GRAPH.references.keySet()) {
            if (!api.contains(PackageGraph.packageOf(name))) {
                continue;
            }
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            if (!isVisible(type)) {
                continue;
            }
            List<Type> used = new ArrayList<>();
            if (type.getGenericSuperclass() != null) {
                used.add(type.getGenericSuperclass());
            }
            used.addAll(List.of(type.getGenericInterfaces()));
            for (Method m : type.getDeclaredMethods()) {
                if (visible(m.getModifiers()) && !m.isSynthetic()) {
                    addSignature(m, used);
                    used.add(m.getGenericReturnType());
                }
            }
            for (var c : type.getDeclaredConstructors()) {
                if (visible(c.getModifiers()) && !c.isSynthetic()) {
                    addSignature(c, used);
                }
            }
            for (Field f : type.getDeclaredFields()) {
                if (visible(f.getModifiers()) && !f.isSynthetic()) {
                    used.add(f.getGenericType());
                }
            }
            Set<String> ours = new TreeSet<>();
            used.forEach(t -> collect(t, ours));
            ours.stream().filter(u -> !api.contains(PackageGraph.packageOf(u))).forEach(u -> leaks.add(name + " shows " + u));
        }
        assertThat(leaks).as("internal types in the API's public signatures").isEmpty();
    }

    @Test
    void aPublicTypeInAnInternalPackageIsUsedOutsideIt() throws ClassNotFoundException {
        // tests count as users (the fuzz targets and the testkit's tests read internal codecs); their classes are
        // beside the modules' in a reactor build, which is how bin/test runs this
        Assumptions.assumeTrue(GRAPH.allTestClassesFound, "the library modules' test classes are not beside their classes");
        Set<String> api = exportedToEveryone();
        Map<String, Set<String>> usedFrom = new TreeMap<>();
        List.of(GRAPH.references, GRAPH.testReferences).forEach(refs -> refs.forEach((cls, targets) -> targets.forEach(
                t -> usedFrom.computeIfAbsent(PackageGraph.topLevel(t), k -> new TreeSet<>()).add(PackageGraph.packageOf(cls)))));
        List<String> needless = new ArrayList<>();
        for (String name : GRAPH.references.keySet()) {
            String pkg = PackageGraph.packageOf(name);
            if (api.contains(pkg) || name.contains("$") || name.endsWith(".package-info")
                    || LIBRARY.stream().noneMatch(l -> within(pkg, l))) {
                continue;
            }
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            if (!Modifier.isPublic(type.getModifiers())) {
                continue;
            }
            Set<String> users = new TreeSet<>(usedFrom.getOrDefault(name, Set.of()));
            users.remove(pkg);
            if (users.isEmpty()) {
                needless.add(name);
            }
        }
        assertThat(needless).as("public types in internal packages that only their own package uses (make them package-private)")
                .isEmpty();
    }

    @Test
    void publicTypeCountsAreReported() throws ClassNotFoundException {
        Set<String> api = exportedToEveryone();
        Map<String, int[]> perPackage = new TreeMap<>();
        for (String name : GRAPH.references.keySet()) {
            if (name.contains("$") || name.endsWith("package-info") || !name.startsWith(CORE)) {
                continue;
            }
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            int[] counts = perPackage.computeIfAbsent(PackageGraph.packageOf(name), k -> new int[2]);
            counts[0]++;
            if (Modifier.isPublic(type.getModifiers())) {
                counts[1]++;
            }
        }
        int apiPublic = perPackage.entrySet().stream().filter(e -> api.contains(e.getKey())).mapToInt(e -> e.getValue()[1]).sum();
        int all = perPackage.values().stream().mapToInt(c -> c[0]).sum();
        int allPublic = perPackage.values().stream().mapToInt(c -> c[1]).sum();
        System.out.printf("core: %d top-level types, %d public, %d of them in the API%n", all, allPublic, apiPublic);
        perPackage.forEach((p, c) -> System.out.printf("  %-45s %3d types, %3d public%s%n", p, c[0], c[1], api.contains(p) ? " (API)" : ""));
        assertThat(apiPublic).isPositive();
    }

    private static Set<String> exportedToEveryone() {
        Set<String> api = new TreeSet<>();
        GRAPH.modules.values().forEach(m -> m.exports().stream().filter(e -> !e.isQualified()).forEach(e -> api.add(e.source())));
        return api;
    }

    private static boolean within(String pkg, String prefix) {
        return pkg.equals(prefix) || pkg.startsWith(prefix + ".");
    }

    private static boolean isVisible(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            if (!visible(t.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void addSignature(Executable e, List<Type> into) {
        into.addAll(List.of(e.getGenericParameterTypes()));
        into.addAll(List.of(e.getGenericExceptionTypes()));
    }

    private static void collect(Type t, Set<String> into) {
        if (t instanceof Class<?> c) {
            while (c.isArray()) {
                c = c.getComponentType();
            }
            if (c.getName().startsWith("dev.rdpprobe.")) {
                into.add(c.getName());
            }
        } else if (t instanceof ParameterizedType p) {
            collect(p.getRawType(), into);
            for (Type a : p.getActualTypeArguments()) {
                collect(a, into);
            }
        } else if (t instanceof GenericArrayType g) {
            collect(g.getGenericComponentType(), into);
        } else if (t instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) {
                collect(b, into);
            }
            for (Type b : w.getLowerBounds()) {
                collect(b, into);
            }
        }
    }
}
