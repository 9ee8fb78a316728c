package io.trawl.trino.billing;

import io.trawl.billing.ledger.UsageLedger;
import io.trawl.scan.usage.ObjectStoreLedgerStorage;
import io.trawl.trino.PlanningBytes;
import io.trawl.trino.TrawlConfig;
import io.trawl.trino.TrawlLake;
import io.trino.spi.eventlistener.EventListener;
import io.trino.spi.eventlistener.EventListenerFactory;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * {@code event-listener.name=trawl} in {@code etc/event-listener.properties} on the coordinator, with the same
 * {@code trawl.*} and {@code billing.*} properties as the catalog (the ledger lives at {@code trawl.meta-location}
 * or {@code trawl.home}; {@code trawl.catalogs} names the catalogs whose reads are billed).
 */
public final class UsageEventListenerFactory
        implements EventListenerFactory
{
    public static final String NAME = "trawl";

    private final PlanningBytes planningBytes;

    public UsageEventListenerFactory(PlanningBytes planningBytes)
    {
        this.planningBytes = requireNonNull(planningBytes, "planningBytes is null");
    }

    @Override
    public String getName()
    {
        return NAME;
    }

    @Override
    public EventListener create(Map<String, String> config, EventListenerContext context)
    {
        TrawlConfig trawlConfig = new TrawlConfig(config);
        TrawlLake lake = TrawlLake.open(trawlConfig);
        UsageLedger ledger = new UsageLedger(new ObjectStoreLedgerStorage(lake.store(), lake.metaLocation()));
        planningBytes.startKeeping();
        return new UsageEventListener(ledger, trawlConfig.billing(), trawlConfig.workGroup(), trawlConfig.governedCatalogs(), planningBytes);
    }
}
