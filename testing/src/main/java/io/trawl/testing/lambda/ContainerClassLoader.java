package io.trawl.testing.lambda;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One container's classes: the deployment package loaded afresh, so statics (an S3 client built once, caches)
 * belong to the container and class initialization runs again in each new one, as in a new Lambda execution
 * environment. The parent is the platform class loader, so nothing of the application class path leaks in
 * (a class missing from the package fails as it would on Lambda); only the Lambda runtime interfaces
 * ({@code com.amazonaws.services.lambda.runtime}) come from the server's loader, as the Java runtime provides
 * them, so the server can call the handler and hand it a {@code Context}.
 */
final class ContainerClassLoader
        extends URLClassLoader
{
    private static final String RUNTIME_PACKAGE = "com.amazonaws.services.lambda.runtime.";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader runtimeLoader;

    ContainerClassLoader(String name, List<URL> classpath, ClassLoader runtimeLoader)
    {
        super(name, classpath.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        this.runtimeLoader = requireNonNull(runtimeLoader, "runtimeLoader is null");
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve)
            throws ClassNotFoundException
    {
        if (name.startsWith(RUNTIME_PACKAGE)) {
            return runtimeLoader.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }
}
