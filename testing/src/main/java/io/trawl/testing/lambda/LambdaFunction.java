package io.trawl.testing.lambda;

import java.net.URL;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A function registered with {@link LocalLambdaServer}: what AWS calls its configuration.
 *
 * @param name the function name (Lambda's rule: 1-64 of letters, digits, {@code -} and {@code _})
 * @param handlerClassName a class implementing {@code com.amazonaws.services.lambda.runtime.RequestStreamHandler},
 * with a public constructor taking {@code Map<String, String>} (the environment) or a public no-argument one
 * @param classpath the deployment package: every class the handler needs, loaded afresh in each container
 * @param environment the function's environment variables, given to the handler's {@code Map} constructor
 * @param memoryMb reported by {@code Context.getMemoryLimitInMB()}; not enforced (containers share this JVM's heap)
 * @param timeout how long one invocation may run before Lambda answers {@code Sandbox.Timedout}
 * @param reservedConcurrency at most this many containers run at once; one more invocation is throttled (429)
 * @param initTimeout how long a cold container's initialization (class loading, static initializers, handler
 * constructor) may take; Lambda's is 10 seconds
 * @param qualifiers versions and aliases that may be invoked besides {@code $LATEST}, each mapped to the
 * version reported in {@code X-Amz-Executed-Version}
 */
public record LambdaFunction(
        String name,
        String handlerClassName,
        List<URL> classpath,
        Map<String, String> environment,
        int memoryMb,
        Duration timeout,
        int reservedConcurrency,
        Duration initTimeout,
        Map<String, String> qualifiers)
{
    public static final String LATEST = "$LATEST";
    /** Lambda's defaults for a new function: 128 MB, 3 seconds. */
    public static final int DEFAULT_MEMORY_MB = 128;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    /** The default account-level concurrency limit, which an unreserved function can use up to. */
    public static final int DEFAULT_CONCURRENCY = 1000;
    public static final Duration DEFAULT_INIT_TIMEOUT = Duration.ofSeconds(10);

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    public LambdaFunction
    {
        requireNonNull(name, "name is null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a Lambda function name (1-64 letters, digits, - or _): " + name);
        }
        requireNonNull(handlerClassName, "handlerClassName is null");
        classpath = List.copyOf(requireNonNull(classpath, "classpath is null"));
        environment = Map.copyOf(requireNonNull(environment, "environment is null"));
        if (memoryMb < 128 || memoryMb > 10_240) {
            throw new IllegalArgumentException("memoryMb must be 128..10240 as in Lambda: " + memoryMb);
        }
        requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(15)) > 0) {
            throw new IllegalArgumentException("timeout must be positive and at most 15 minutes: " + timeout);
        }
        if (reservedConcurrency < 1) {
            throw new IllegalArgumentException("reservedConcurrency must be at least 1: " + reservedConcurrency);
        }
        requireNonNull(initTimeout, "initTimeout is null");
        if (initTimeout.isNegative() || initTimeout.isZero()) {
            throw new IllegalArgumentException("initTimeout must be positive: " + initTimeout);
        }
        qualifiers = Map.copyOf(requireNonNull(qualifiers, "qualifiers is null"));
    }

    /** A function with Lambda's defaults and this JVM's classpath as its deployment package. */
    public static Builder builder(String name, String handlerClassName)
    {
        return new Builder(name, handlerClassName);
    }

    /** The version an invocation with this qualifier runs, or null when the function has no such version or alias. */
    String executedVersion(String qualifier)
    {
        if (qualifier == null || qualifier.equals(LATEST)) {
            return LATEST;
        }
        return qualifiers.get(qualifier);
    }

    public static final class Builder
    {
        private final String name;
        private final String handlerClassName;
        private List<URL> classpath;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private int memoryMb = DEFAULT_MEMORY_MB;
        private Duration timeout = DEFAULT_TIMEOUT;
        private int reservedConcurrency = DEFAULT_CONCURRENCY;
        private Duration initTimeout = DEFAULT_INIT_TIMEOUT;
        private final Map<String, String> qualifiers = new LinkedHashMap<>();

        private Builder(String name, String handlerClassName)
        {
            this.name = requireNonNull(name, "name is null");
            this.handlerClassName = requireNonNull(handlerClassName, "handlerClassName is null");
        }

        /** The deployment package; by default this JVM's classpath (manifest {@code Class-Path} entries included). */
        public Builder classpath(List<URL> urls)
        {
            this.classpath = List.copyOf(urls);
            return this;
        }

        public Builder environment(Map<String, String> variables)
        {
            environment.putAll(variables);
            return this;
        }

        public Builder environment(String variable, String value)
        {
            environment.put(variable, value);
            return this;
        }

        public Builder memoryMb(int megabytes)
        {
            this.memoryMb = megabytes;
            return this;
        }

        public Builder timeout(Duration duration)
        {
            this.timeout = duration;
            return this;
        }

        public Builder reservedConcurrency(int containers)
        {
            this.reservedConcurrency = containers;
            return this;
        }

        public Builder initTimeout(Duration duration)
        {
            this.initTimeout = duration;
            return this;
        }

        /** A published version or an alias, e.g. {@code qualifier("live", "3")} or {@code qualifier("3", "3")}. */
        public Builder qualifier(String qualifier, String executedVersion)
        {
            qualifiers.put(qualifier, executedVersion);
            return this;
        }

        public LambdaFunction build()
        {
            List<URL> packageUrls = classpath != null ? classpath : JvmClasspath.urls();
            return new LambdaFunction(name, handlerClassName, packageUrls, environment, memoryMb, timeout, reservedConcurrency, initTimeout, qualifiers);
        }
    }
}
