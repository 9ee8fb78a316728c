package io.trawl.cli;

import io.trawl.api.rest.RestShapes;
import io.trawl.billing.ByteUnit;
import io.trawl.billing.Charge;
import io.trawl.billing.PricingPolicy;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How the API's answers read in {@code trawl query}: the charge from its billing fields, and the progress line. */
class RemoteStatementsTest
{
    @Test
    void theChargeIsWhatTheApiBilledInTheUnitItsMegabytesAreIn()
    {
        PricingPolicy binary = PricingPolicy.defaults();
        Charge charge = RemoteStatements.charge(query(10_900_000, new RestShapes.Billing(11L << 20, binary.cost(10_900_000), "USD")));
        assertThat(charge.bytesScanned()).isEqualTo(10_900_000);
        assertThat(charge.billedBytes()).isEqualTo(11L << 20);
        assertThat(charge.cost()).isEqualTo(binary.cost(10_900_000));
        assertThat(charge.policy().unit()).as("whole binary megabytes").isEqualTo(ByteUnit.BINARY);
        assertThat(charge.policy().pricePerTerabyte()).as("the price the cost implies").isEqualByComparingTo(binary.pricePerTerabyte());
        assertThat(charge.displayCost()).isEqualTo(binary.display(binary.cost(10_900_000)));

        PricingPolicy decimal = new PricingPolicy(new BigDecimal("7.50"), "EUR", ByteUnit.DECIMAL);
        Charge decimalCharge = RemoteStatements.charge(query(10_900_000, new RestShapes.Billing(11_000_000, decimal.cost(10_900_000), "EUR")));
        assertThat(decimalCharge.policy().unit()).as("whole decimal megabytes").isEqualTo(ByteUnit.DECIMAL);
        assertThat(decimalCharge.policy().pricePerTerabyte()).isEqualByComparingTo(decimal.pricePerTerabyte());
        assertThat(decimalCharge.displayCost()).isEqualTo(decimal.display(decimal.cost(10_900_000))).endsWith(" EUR");
    }

    @Test
    void aStatementWithoutBillingIsFree()
    {
        Charge charge = RemoteStatements.charge(query(0, null));

        assertThat(charge.billable()).isFalse();
        assertThat(charge.displayCost()).isEqualTo("$0.00");
    }

    @Test
    void progressLineShowsStateSplitsBytesAndCostAndIsClearedAfter()
    {
        StringWriter err = new StringWriter();
        ProgressLine line = ProgressLine.on(new PrintWriter(err));

        line.show("QUEUED", new RestShapes.Progress(2048, 0, 0, new BigDecimal("0.0000476837"), "USD"));
        line.show("RUNNING", new RestShapes.Progress(1_288_490_189, 12, 40, new BigDecimal("0.0061035156"), "USD"));
        line.show("SUCCEEDED", null);
        line.clear();

        String first = "QUEUED   0/0 splits  2.00 KB scanned  est. $0.000048";
        String second = "RUNNING  12/40 splits  1.20 GB scanned  est. $0.01";
        assertThat(err.toString()).as("each line over the one before, blanks over what is left of a longer one")
                .isEqualTo("\r" + first + "\r" + second + " ".repeat(first.length() - second.length()) + "\r" + " ".repeat(second.length()) + "\r");
    }

    private static RestShapes.Query query(long bytesScanned, RestShapes.Billing billing)
    {
        return new RestShapes.Query("id", "SUCCEEDED", null, null, "DML", "SELECT 1", "primary", "default", "alice", "2026-01-01T00:00:00Z",
                "2026-01-01T00:00:01Z", "file:///results/id.csv", null, new RestShapes.Statistics(bytesScanned, 0, 1, 1, 0, 0, false), null, billing, Map.of());
    }
}
