package dev.rdpprobe.architecture;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The classes of rdp-probe's modules as built (a target/classes directory in the reactor, or a jar),
 * the package dependency graph between them, and each module's descriptor.
 */
final class PackageGraph {

    /** Binary class name → the rdp-probe classes it refers to. */
    final Map<String, Set<String>> references = new TreeMap<>();
    /** Package → the packages its classes refer to (itself excluded). */
    final Map<String, Set<String>> packages = new TreeMap<>();
    /** Module name → descriptor, for modules that have a module-info. */
    final Map<String, ModuleDescriptor> modules = new TreeMap<>();
    /** Binary class name → the rdp-probe classes it refers to, for the modules' test classes (users only). */
    final Map<String, Set<String>> testReferences = new TreeMap<>();
    /** Whether every anchor's test classes were found (they are in a reactor build, not from a local repository). */
    boolean allTestClassesFound = true;

    /** Reads the code source (directory or jar) of each anchor class. */
    static PackageGraph of(Class<?>... anchors) {
        PackageGraph graph = new PackageGraph();
        for (Class<?> anchor : anchors) {
            try {
                Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
                graph.read(location, graph.references);
                // in the reactor, a module's classes are target/classes or (once packaged) target/NAME.jar;
                // its tests beside them in target/test-classes count as users of its types
                Path tests = location.resolveSibling("test-classes");
                if (Files.isDirectory(tests)) {
                    graph.read(tests, graph.testReferences);
                } else {
                    graph.allTestClassesFound = false;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        graph.references.forEach((cls, refs) -> {
            String from = packageOf(cls);
            Set<String> to = graph.packages.computeIfAbsent(from, k -> new TreeSet<>());
            refs.stream().map(PackageGraph::packageOf).filter(p -> !p.equals(from)).forEach(to::add);
        });
        return graph;
    }

    private void read(Path location, Map<String, Set<String>> into) throws IOException {
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                    add(location.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file), into);
                }
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                for (var entry : (Iterable<java.util.jar.JarEntry>) jar.stream()::iterator) {
                    if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            add(entry.getName(), in.readAllBytes(), into);
                        }
                    }
                }
            }
        }
    }

    private void add(String path, byte[] bytes, Map<String, Set<String>> into) throws IOException {
        if (path.equals("module-info.class")) {
            if (into != references) {
                return;
            }
            ModuleDescriptor descriptor = ModuleDescriptor.read(java.nio.ByteBuffer.wrap(bytes));
            modules.put(descriptor.name(), descriptor);
            return;
        }
        String name = path.substring(0, path.length() - ".class".length()).replace('/', '.');
        Set<String> refs = new TreeSet<>(ClassFileReferences.of(bytes));
        refs.remove(name);
        into.put(name, refs);
    }

    static String packageOf(String binaryName) {
        int dot = binaryName.lastIndexOf('.');
        return dot < 0 ? "" : binaryName.substring(0, dot);
    }

    static String topLevel(String binaryName) {
        int dollar = binaryName.indexOf('$');
        return dollar < 0 ? binaryName : binaryName.substring(0, dollar);
    }

    /** A cycle through {@code start}, as a list of packages beginning and ending with it, if there is one. */
    Optional<List<String>> cycleThrough(String start) {
        Map<String, String> cameFrom = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(packages.getOrDefault(start, Set.of()));
        packages.getOrDefault(start, Set.of()).forEach(p -> cameFrom.put(p, start));
        while (!queue.isEmpty()) {
            String at = queue.poll();
            if (at.equals(start)) {
                List<String> path = new ArrayList<>();
                String step = start;
                do {
                    path.add(0, step);
                    step = cameFrom.get(step);
                } while (!step.equals(start));
                path.add(0, start);
                return Optional.of(path);
            }
            for (String next : packages.getOrDefault(at, Set.of())) {
                if (!cameFrom.containsKey(next)) {
                    cameFrom.put(next, at);
                    queue.add(next);
                }
            }
        }
        return Optional.empty();
    }
}
