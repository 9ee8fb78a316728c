package io.trawl.testing.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * One execution environment: a class loader holding the function's classes, one thread that runs every
 * invocation in turn (Lambda's Java runtime calls the handler from one thread), and the handler instance
 * created at initialization. Not thread-safe: the function's pool hands it to one invocation at a time.
 */
final class Container
{
    private final LambdaFunction function;
    private final int id;
    private final ContainerClassLoader classLoader;
    private final ExecutorService thread;
    private RequestStreamHandler handler;

    Container(LambdaFunction function, int id)
    {
        this.function = requireNonNull(function, "function is null");
        this.id = id;
        this.classLoader = new ContainerClassLoader("lambda-" + function.name() + "-" + id, function.classpath(), RequestStreamHandler.class.getClassLoader());
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread worker = new Thread(runnable, "lambda-" + function.name() + "-container-" + id);
            worker.setDaemon(true);
            worker.setContextClassLoader(classLoader);
            return worker;
        });
    }

    int id()
    {
        return id;
    }

    /** Loads and initializes the handler class and creates the handler, on the container's thread; returns how long it took. */
    Future<Duration> initialize()
    {
        return thread.submit(() -> {
            long start = System.nanoTime();
            handler = createHandler();
            return Duration.ofNanos(System.nanoTime() - start);
        });
    }

    /**
     * Runs one invocation on the container's thread: the fault's part first (a delay, a hold, or instead of
     * the handler), then the handler with the payload.
     */
    Future<Run> invoke(byte[] payload, Context context, Optional<Fault> fault)
    {
        Callable<Run> invocation = () -> {
            long start = System.nanoTime();
            Optional<Run> faulted = applyFault(fault, start);
            if (faulted.isPresent()) {
                return faulted.get();
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            try {
                handler.handleRequest(new ByteArrayInputStream(payload), output, context);
            }
            catch (Throwable failure) {
                return new Run(Run.Kind.THREW, new byte[0], failure, elapsedSince(start));
            }
            return new Run(Run.Kind.RETURNED, output.toByteArray(), null, elapsedSince(start));
        };
        return thread.submit(invocation);
    }

    /** Stops the container: interrupts what still runs in it, closes the handler if it is AutoCloseable, drops its classes. */
    void discard()
    {
        thread.shutdownNow();
        if (handler instanceof AutoCloseable closeable) {
            // a local convenience, not Lambda behaviour: lets a handler stop threads that would keep its classes alive
            try {
                closeable.close();
            }
            catch (Exception _) {
                // the container is gone either way
            }
        }
        try {
            classLoader.close();
        }
        catch (java.io.IOException _) {
            // the jars stay open until the loader is collected
        }
    }

    boolean awaitStopped(Duration timeout)
            throws InterruptedException
    {
        return thread.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private RequestStreamHandler createHandler()
            throws Exception
    {
        Class<?> handlerClass = Class.forName(function.handlerClassName(), true, classLoader);
        if (!RequestStreamHandler.class.isAssignableFrom(handlerClass)) {
            throw new ClassCastException("%s does not implement %s".formatted(handlerClass.getName(), RequestStreamHandler.class.getName()));
        }
        try {
            Constructor<?> withEnvironment = handlerClass.getConstructor(Map.class);
            return (RequestStreamHandler) newInstance(withEnvironment, function.environment());
        }
        catch (NoSuchMethodException _) {
            return (RequestStreamHandler) newInstance(handlerClass.getConstructor());
        }
    }

    private static Object newInstance(Constructor<?> constructor, Object... arguments)
            throws Exception
    {
        try {
            return constructor.newInstance(arguments);
        }
        catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception exception) {
                throw exception;
            }
            throw e;
        }
    }

    private static Optional<Run> applyFault(Optional<Fault> fault, long start)
            throws InterruptedException
    {
        if (fault.isEmpty()) {
            return Optional.empty();
        }
        switch (fault.get()) {
            case Fault.Crash _ -> {
                return Optional.of(new Run(Run.Kind.CRASHED, new byte[0], null, elapsedSince(start)));
            }
            case Fault.Garbage garbage -> {
                return Optional.of(new Run(Run.Kind.RETURNED_GARBAGE, garbage.payload().getBytes(java.nio.charset.StandardCharsets.UTF_8), null, elapsedSince(start)));
            }
            case Fault.Hang _ -> {
                // until the timeout interrupts the container
                new CountDownLatch(1).await();
                throw new IllegalStateException("unreachable");
            }
            case Fault.Delay delay -> Thread.sleep(delay.delay());
            case Fault.HoldUntil hold -> hold.release().await();
            case Fault.Throttle _ -> throw new IllegalStateException("a throttled invocation reaches no container");
        }
        return Optional.empty();
    }

    private static Duration elapsedSince(long startNanos)
    {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** What happened inside the container. */
    record Run(Kind kind, byte[] output, Throwable failure, Duration duration)
    {
        enum Kind { RETURNED, RETURNED_GARBAGE, THREW, CRASHED }
    }
}
