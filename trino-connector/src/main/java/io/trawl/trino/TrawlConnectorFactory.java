package io.trawl.trino;

import io.trino.spi.connector.Connector;
import io.trino.spi.connector.ConnectorContext;
import io.trino.spi.connector.ConnectorFactory;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/** {@code connector.name=trawl} in a catalog file; the file's other properties are {@link TrawlConfig}'s. */
public final class TrawlConnectorFactory
        implements ConnectorFactory
{
    public static final String NAME = "trawl";

    private final PlanningBytes planningBytes;

    public TrawlConnectorFactory(PlanningBytes planningBytes)
    {
        this.planningBytes = requireNonNull(planningBytes, "planningBytes is null");
    }

    @Override
    public String getName()
    {
        return NAME;
    }

    @Override
    public Connector create(String catalogName, Map<String, String> config, ConnectorContext context)
    {
        return new TrawlConnector(TrawlLake.open(new TrawlConfig(config)), planningBytes);
    }
}
