package io.trawl.engine.plan;

import io.trino.spi.connector.SortOrder;

public record Ordering(Symbol symbol, SortOrder order) {}
