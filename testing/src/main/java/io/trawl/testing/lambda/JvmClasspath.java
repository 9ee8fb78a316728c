package io.trawl.testing.lambda;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * This JVM's application classpath as URLs. Surefire (and other launchers) start the JVM with a single
 * "manifest-only" jar whose {@code Class-Path} attribute lists the real entries, so the manifest's entries are
 * followed, as the JVM's own application class loader does.
 */
final class JvmClasspath
{
    private static volatile List<URL> urls;

    private JvmClasspath() {}

    static List<URL> urls()
    {
        List<URL> known = urls;
        if (known == null) {
            known = List.copyOf(resolve(System.getProperty("java.class.path", "")));
            urls = known;
        }
        return known;
    }

    private static Set<URL> resolve(String classPath)
    {
        Set<URL> result = new LinkedHashSet<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                addWithManifestEntries(Path.of(entry).toAbsolutePath().toUri(), result);
            }
        }
        return result;
    }

    private static void addWithManifestEntries(URI location, Set<URL> result)
    {
        try {
            if (!result.add(location.toURL())) {
                return;
            }
        }
        catch (MalformedURLException e) {
            throw new IllegalStateException("classpath entry is not a URL: " + location, e);
        }
        if (!"file".equals(location.getScheme())) {
            return;
        }
        Path path = Path.of(location);
        if (!Files.isRegularFile(path) || !path.getFileName().toString().endsWith(".jar")) {
            return;
        }
        for (URI entry : manifestClassPath(path)) {
            addWithManifestEntries(entry, result);
        }
    }

    private static List<URI> manifestClassPath(Path jar)
    {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath == null || classPath.isBlank()) {
                return List.of();
            }
            List<URI> entries = new ArrayList<>();
            for (String entry : classPath.trim().split("\\s+")) {
                // entries are (encoded) URLs, absolute or relative to the jar's own location
                entries.add(jar.toUri().resolve(new URI(entry)).normalize());
            }
            return entries;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + jar, e);
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException("bad Class-Path entry in " + jar, e);
        }
    }
}
