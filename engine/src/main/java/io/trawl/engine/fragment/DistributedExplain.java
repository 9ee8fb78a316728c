package io.trawl.engine.fragment;

import io.trawl.engine.execution.LocalExecutionPlanner;
import io.trawl.engine.execution.PartitionSource;
import io.trawl.engine.execution.RemoteScans;
import io.trawl.engine.plan.PlanNode;
import io.trawl.engine.plan.PlanPrinter;
import io.trawl.engine.plan.TableScanNode;
import io.trawl.engine.scan.ByteMeter;
import io.trawl.engine.scan.ScanProvider;
import io.trawl.engine.scan.ScanSplit;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * EXPLAIN (TYPE DISTRIBUTED): the coordinator's fragment with each scan fragment cut out as a remote source,
 * then every scan fragment with the tasks it would run as, from the table's real splits (the listing and
 * Parquet footers are read; nobody is billed for them now, the next query that uses them is), their count and
 * input bytes per task.
 *
 * @param workers the remote workers scans would run on; empty for this process's scan threads
 */
public record DistributedExplain(ScanProvider scanProvider, PartitionSource partitions, Optional<RemoteWorkers> workers, int scanThreads)
{
    public DistributedExplain
    {
        requireNonNull(scanProvider, "scanProvider is null");
        requireNonNull(partitions, "partitions is null");
        requireNonNull(workers, "workers is null");
    }

    public String explain(PlanNode plan)
    {
        Map<PlanNode, Integer> fragmentIds = new IdentityHashMap<>();
        List<PlanNode> fragments = new ArrayList<>();
        collectFragments(plan, fragmentIds, fragments);
        StringBuilder text = new StringBuilder("Fragment 0 [COORDINATOR]\n");
        text.append(indent(PlanPrinter.print(plan, node -> Optional.ofNullable(fragmentIds.get(node)).map(id -> "RemoteSource[fragment " + id + "]"))));
        String runtime = workers.map(remote -> "remote workers (" + remote.runner().getClass().getSimpleName() + ", " + remote.runner().parallelism() + " at once)")
                .orElse("in-process scan threads (" + scanThreads + ")");
        for (int i = 0; i < fragments.size(); i++) {
            PlanNode fragment = LocalExecutionPlanner.remoteFragment(fragments.get(i)).orElse(fragments.get(i));
            TableScanNode scan = LocalExecutionPlanner.fragmentScan(fragment);
            List<ScanSplit> splits = partitions.planSplits(scanProvider, scan.table(), scan.domain(), ByteMeter.NONE);
            List<List<ScanSplit>> tasks = workers
                    .map(remote -> TaskSizing.group(splits, remote.targetTaskBytes(), remote.runner().parallelism(), RemoteScans.DEFAULT_MAX_TASKS_PER_SCAN))
                    .orElseGet(() -> splits.stream().map(List::of).toList());
            LongSummaryStatistics perTask = tasks.stream().mapToLong(DistributedExplain::inputBytes).summaryStatistics();
            text.append("\nFragment ").append(i + 1).append(" [SCAN ").append(scan.table().qualifiedName()).append("] on ").append(runtime).append('\n')
                    .append("    tasks: ").append(tasks.size()).append(", splits: ").append(splits.size()).append(", input bytes: ").append(inputBytes(splits));
            if (!tasks.isEmpty()) {
                text.append(" (per task: min ").append(perTask.getMin()).append(", avg ").append(Math.round(perTask.getAverage())).append(", max ").append(perTask.getMax()).append(')');
            }
            text.append('\n').append(indent(PlanPrinter.print(fragment)));
        }
        return text.toString();
    }

    /** The nodes whose subtrees run as scan tasks, in plan order, numbered from 1. */
    private static void collectFragments(PlanNode node, Map<PlanNode, Integer> ids, List<PlanNode> fragments)
    {
        if (LocalExecutionPlanner.remoteFragment(node).isPresent() || LocalExecutionPlanner.isScanChain(node)) {
            fragments.add(node);
            ids.put(node, fragments.size());
            return;
        }
        node.sources().forEach(source -> collectFragments(source, ids, fragments));
    }

    private static long inputBytes(List<ScanSplit> splits)
    {
        return splits.stream().mapToLong(ScanSplit::length).sum();
    }

    private static String indent(String text)
    {
        return text.lines().map(line -> "    " + line).collect(Collectors.joining("\n", "", "\n"));
    }
}
