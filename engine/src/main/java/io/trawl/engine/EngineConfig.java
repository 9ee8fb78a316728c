package io.trawl.engine;

/**
 * Engine settings. Defaults make the embedded mode work with nothing set.
 *
 * @param memoryLimitBytes how much memory one query's operators (hash tables, sort buffers) may hold
 * before the query fails with EXCEEDED_MEMORY_LIMIT
 * @param scanThreads how many splits are read in parallel
 */
public record EngineConfig(long memoryLimitBytes, int scanThreads)
{
    public static EngineConfig defaults()
    {
        long maxHeap = Runtime.getRuntime().maxMemory();
        return new EngineConfig((long) (maxHeap * 0.7), Math.max(1, Runtime.getRuntime().availableProcessors()));
    }
}
