package io.trawl.billing.ledger;

import static java.util.Objects.requireNonNull;

/** What happened when a usage record was written. */
public sealed interface LedgerWrite
{
    UsageRecord record();

    /** The record is now in the ledger; this write put it there. */
    record Recorded(UsageRecord record)
            implements LedgerWrite
    {
        public Recorded
        {
            requireNonNull(record, "record is null");
        }
    }

    /** The same record was already in the ledger (a retry, a duplicate result, a restart): nothing written, billed once. */
    record AlreadyRecorded(UsageRecord record)
            implements LedgerWrite
    {
        public AlreadyRecorded
        {
            requireNonNull(record, "record is null");
        }
    }

    /**
     * The ledger already holds a different record for this query id; {@code refused} was not written and
     * {@code existing} is unchanged. A bug or an id collision upstream: report it, never overwrite a bill.
     */
    record Conflict(UsageRecord existing, UsageRecord refused)
            implements LedgerWrite
    {
        public Conflict
        {
            requireNonNull(existing, "existing is null");
            requireNonNull(refused, "refused is null");
        }

        @Override
        public UsageRecord record()
        {
            return existing;
        }

        public String message()
        {
            return "Usage record for query %s already exists and differs: ledger has %s, refused %s".formatted(existing.queryId(), existing, refused);
        }
    }
}
