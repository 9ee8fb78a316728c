package io.trawl.trino;

import io.trawl.trino.access.TrawlAccessControlFactory;
import io.trawl.trino.billing.UsageEventListenerFactory;
import io.trino.spi.Plugin;
import io.trino.spi.connector.ConnectorFactory;
import io.trino.spi.eventlistener.EventListenerFactory;
import io.trino.spi.security.SystemAccessControlFactory;

import java.util.List;

/**
 * Trawl on a Trino cluster: the {@code trawl} connector (the lake through Trawl's catalog and readers), the
 * {@code trawl} event listener (one usage-ledger record per billed query) and the {@code trawl} system access
 * control (Trawl's grants and row filters).
 *
 * <pre>
 *  coordinator: TrawlMetadata ─ CatalogStore          TrawlSplitManager ─ planSplits ─▶ TrawlSplit (+ footer)
 *                                                        └ footer bytes ─▶ PlanningBytes ─┐
 *  workers:     TrawlPageSource ─ createPageSource ─ completed bytes ─▶ physical input ─┴▶ UsageEventListener ─▶ ledger
 * </pre>
 */
public final class TrawlPlugin
        implements Plugin
{
    // one per Trino process: the coordinator's connector adds to it while planning, its listener takes from it
    private final PlanningBytes planningBytes = new PlanningBytes();

    @Override
    public Iterable<ConnectorFactory> getConnectorFactories()
    {
        return List.of(new TrawlConnectorFactory(planningBytes));
    }

    @Override
    public Iterable<EventListenerFactory> getEventListenerFactories()
    {
        return List.of(new UsageEventListenerFactory(planningBytes));
    }

    @Override
    public Iterable<SystemAccessControlFactory> getSystemAccessControlFactories()
    {
        return List.of(new TrawlAccessControlFactory());
    }
}
