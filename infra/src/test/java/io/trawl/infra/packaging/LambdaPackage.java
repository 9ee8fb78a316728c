package io.trawl.infra.packaging;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static java.util.Objects.requireNonNull;

/**
 * A Lambda deployment zip as the Java runtimes load it: the jars under {@code lib/} on the class path. The class
 * loader's parent is the platform class loader, so a handler resolves only against what the zip holds (and the JDK),
 * never against the test's own class path.
 */
public final class LambdaPackage
        implements AutoCloseable
{
    private static final String CONTEXT = "com.amazonaws.services.lambda.runtime.Context";
    private static final String REQUEST_HANDLER = "com.amazonaws.services.lambda.runtime.RequestHandler";
    private static final String REQUEST_STREAM_HANDLER = "com.amazonaws.services.lambda.runtime.RequestStreamHandler";

    private final Path zip;
    private final Path libraries;
    private final URLClassLoader loader;

    private LambdaPackage(Path zip, Path libraries, URLClassLoader loader)
    {
        this.zip = requireNonNull(zip, "zip is null");
        this.libraries = requireNonNull(libraries, "libraries is null");
        this.loader = requireNonNull(loader, "loader is null");
    }

    /** Unpacks the zip's {@code lib/*.jar} into a temporary directory and opens a class loader over them. */
    public static LambdaPackage open(Path zip)
    {
        try {
            Path libraries = Files.createTempDirectory("trawl-lambda-package-");
            List<URL> jars = new ArrayList<>();
            try (ZipFile archive = new ZipFile(zip.toFile())) {
                for (ZipEntry entry : archive.stream().toList()) {
                    if (entry.isDirectory() || !entry.getName().startsWith("lib/") || !entry.getName().endsWith(".jar") || entry.getName().indexOf('/', 4) >= 0) {
                        continue;
                    }
                    Path jar = libraries.resolve(entry.getName().substring("lib/".length()));
                    try (InputStream in = archive.getInputStream(entry)) {
                        Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
                    }
                    jars.add(url(jar));
                }
            }
            return new LambdaPackage(zip, libraries, new URLClassLoader(jars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader()));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + zip, e);
        }
    }

    public int jarCount()
    {
        return loader.getURLs().length;
    }

    /**
     * What is wrong with {@code handler} ({@code package.Class::method}, as the template's {@code Handler} says) in
     * this package: empty when the class is in the zip, public and concrete, has a public no-argument constructor, and
     * implements {@code RequestStreamHandler} or {@code RequestHandler} with a public method of that name taking the
     * handler interface's parameters.
     */
    public Optional<String> handlerProblem(String handler)
    {
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        String methodName = handler.contains("::") ? handler.substring(handler.indexOf("::") + 2) : "handleRequest";
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        }
        catch (ClassNotFoundException | LinkageError e) {
            return Optional.of("%s: class %s is not in %s (%s)".formatted(handler, className, zip.getFileName(), e));
        }
        if (type.getClassLoader() != loader) {
            return Optional.of("%s: %s was loaded by %s, not from the zip".formatted(handler, className, type.getClassLoader()));
        }
        if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
            return Optional.of("%s: %s is not a public concrete class".formatted(handler, className));
        }
        try {
            if (!Modifier.isPublic(type.getConstructor().getModifiers())) {
                return Optional.of("%s: the no-argument constructor is not public".formatted(handler));
            }
            Class<?> context = loader.loadClass(CONTEXT);
            if (loader.loadClass(REQUEST_STREAM_HANDLER).isAssignableFrom(type)) {
                type.getMethod(methodName, InputStream.class, OutputStream.class, context);
                return Optional.empty();
            }
            if (loader.loadClass(REQUEST_HANDLER).isAssignableFrom(type)) {
                boolean found = Arrays.stream(type.getMethods())
                        .anyMatch(method -> isRequestHandlerMethod(method, methodName, context));
                return found ? Optional.empty() : Optional.of("%s: no public %s(event, Context)".formatted(handler, methodName));
            }
            return Optional.of("%s: %s implements neither RequestHandler nor RequestStreamHandler".formatted(handler, className));
        }
        catch (NoSuchMethodException e) {
            return Optional.of("%s: %s".formatted(handler, e.getMessage() == null ? "no such constructor or method" : "no public " + e.getMessage()));
        }
        catch (ClassNotFoundException | LinkageError e) {
            return Optional.of("%s: the zip lacks a class the handler needs: %s".formatted(handler, e));
        }
    }

    /**
     * Every class of Trawl's own jars in the zip, loaded and with its fields, methods and constructors resolved: what
     * fails here (a class the zip lacks) would fail on Lambda the first time that code runs. Empty when all link.
     */
    public List<String> trawlLinkProblems()
    {
        List<String> problems = new ArrayList<>();
        for (URL jar : loader.getURLs()) {
            if (!jar.getPath().substring(jar.getPath().lastIndexOf('/') + 1).startsWith("trawl-")) {
                continue;
            }
            try (ZipFile archive = new ZipFile(Path.of(jar.getPath()).toFile())) {
                for (ZipEntry entry : archive.stream().toList()) {
                    String name = entry.getName();
                    if (!name.endsWith(".class") || name.endsWith("module-info.class") || name.endsWith("package-info.class")) {
                        continue;
                    }
                    String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                    try {
                        Class<?> type = Class.forName(className, false, loader);
                        type.getDeclaredFields();
                        type.getDeclaredMethods();
                        type.getDeclaredConstructors();
                    }
                    catch (ClassNotFoundException | LinkageError e) {
                        problems.add("%s: %s".formatted(className, e));
                    }
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot read " + jar, e);
            }
        }
        return problems;
    }

    /** A new instance of a handler class from the zip, as the runtime makes it (its public no-argument constructor). */
    public Object newHandler(String className)
            throws ReflectiveOperationException
    {
        return Class.forName(className, true, loader).getConstructor().newInstance();
    }

    /** Invokes a {@code RequestStreamHandler} from the zip with {@code payload} and no Context; returns what it wrote. */
    public byte[] invokeStreamHandler(Object handler, byte[] payload)
            throws ReflectiveOperationException
    {
        Method method = handler.getClass().getMethod("handleRequest", InputStream.class, OutputStream.class, loader.loadClass(CONTEXT));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        method.invoke(handler, new ByteArrayInputStream(payload), out, null);
        return out.toByteArray();
    }

    private static boolean isRequestHandlerMethod(Method method, String name, Class<?> context)
    {
        return method.getName().equals(name)
                && !method.isBridge()
                && method.getParameterCount() == 2
                && method.getParameterTypes()[1] == context;
    }

    private static URL url(Path jar)
    {
        try {
            return jar.toUri().toURL();
        }
        catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close()
            throws IOException
    {
        loader.close();
        try (Stream<Path> files = Files.walk(libraries)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
