package io.trawl.infra.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * One cold start of a Lambda handler, shaped like the java25 runtime's: a fresh JVM whose class path is the deployment
 * zip's {@code lib/*.jar} (plus the runtime's own event serialization and this class), which constructs the handler
 * (Lambda's INIT phase) and invokes it with a payload, then once more warm. Prints one line of {@code key=value}s.
 * Run by {@code infra/coldstart.sh}, which unpacks the zips and sets the function's environment; not a test (timings
 * on a shared build machine assert nothing).
 *
 * <p>A {@code RequestStreamHandler} gets the payload bytes; a {@code RequestHandler} gets the payload read into its
 * event type with the runtime's serializer, and its answer is written back the same way.
 */
public final class ColdStartLauncher
{
    private ColdStartLauncher() {}

    public static void main(String[] args)
            throws Exception
    {
        long atMain = ManagementFactory.getRuntimeMXBean().getUptime();
        if (args.length != 2) {
            System.err.println("usage: ColdStartLauncher HANDLER_CLASS PAYLOAD_FILE");
            System.exit(2);
        }
        byte[] payload = Files.readAllBytes(Path.of(args[1]));
        long constructStart = System.nanoTime();
        Object handler = Class.forName(args[0]).getConstructor().newInstance();
        long constructNanos = System.nanoTime() - constructStart;
        long initMillis = ManagementFactory.getRuntimeMXBean().getUptime();

        long firstStart = System.nanoTime();
        byte[] first = invoke(handler, payload);
        long firstNanos = System.nanoTime() - firstStart;
        long secondStart = System.nanoTime();
        invoke(handler, payload);
        long secondNanos = System.nanoTime() - secondStart;

        String answer = new String(first, 0, Math.min(first.length, 96), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        System.out.printf(Locale.ROOT, "handler=%s jvm_to_main_ms=%d constructor_ms=%d init_ms=%d first_invoke_ms=%d warm_invoke_ms=%d response_bytes=%d response=%s%n",
                handler.getClass().getSimpleName(), atMain, constructNanos / 1_000_000, initMillis, firstNanos / 1_000_000, secondNanos / 1_000_000, first.length, answer);
        System.exit(0);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static byte[] invoke(Object handler, byte[] payload)
            throws Exception
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (handler instanceof RequestStreamHandler streamHandler) {
            streamHandler.handleRequest(new ByteArrayInputStream(payload), out, null);
            return out.toByteArray();
        }
        if (handler instanceof RequestHandler requestHandler) {
            Class<?> eventType = eventType(handler.getClass());
            ClassLoader loader = handler.getClass().getClassLoader();
            Object event = LambdaEventSerializers.serializerFor(eventType, loader).fromJson(new ByteArrayInputStream(payload));
            Object response = requestHandler.handleRequest(event, null);
            PojoSerializer serializer = LambdaEventSerializers.serializerFor(response.getClass(), loader);
            serializer.toJson(response, out);
            return out.toByteArray();
        }
        throw new IllegalArgumentException(handler.getClass() + " is neither a RequestHandler nor a RequestStreamHandler");
    }

    /** The event type of the handler's {@code handleRequest(event, Context)}: the most specific one (not the bridge). */
    private static Class<?> eventType(Class<?> handlerClass)
    {
        return Arrays.stream(handlerClass.getMethods())
                .filter(method -> method.getName().equals("handleRequest") && !method.isBridge() && method.getParameterCount() == 2
                        && method.getParameterTypes()[1] == Context.class && method.getParameterTypes()[0] != Object.class)
                .map(method -> method.getParameterTypes()[0])
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(handlerClass + " has no typed handleRequest(event, Context)"));
    }
}
