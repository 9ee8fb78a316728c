package io.trawl.api.report;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A report's destination: placeholders filled from the occurrence in the report's zone, a name of its own per run, and checks. */
class ReportOutputTest
{
    @Test
    void placeholdersAreFilledInTheReportsZone()
    {
        ReportOutput csv = new ReportOutput(ReportOutput.Format.CSV, "s3://lake/reports/sales/{yyyy}/{MM}/{dd}/{HH}{mm}", 30);
        Instant occurrence = Instant.parse("2026-12-31T23:30:00Z");

        assertThat(csv.destination()).as("a folder").isEqualTo("s3://lake/reports/sales/{yyyy}/{MM}/{dd}/{HH}{mm}/");
        assertThat(csv.folderFor(occurrence, ZoneId.of("Europe/Berlin"))).as("already New Year in Berlin")
                .isEqualTo(URI.create("s3://lake/reports/sales/2027/01/01/0030/"));
        assertThat(csv.target("sales", occurrence, ZoneId.of("UTC"))).isEqualTo(URI.create("s3://lake/reports/sales/2026/12/31/2330/sales-20261231T233000Z.csv"));

        ReportOutput parquet = new ReportOutput(ReportOutput.Format.PARQUET, "file:///data/out/{yyyy}-{MM}-{dd}/", 7);
        assertThat(parquet.target("daily", occurrence, ZoneId.of("America/New_York"))).as("UNLOAD's own folder")
                .isEqualTo(URI.create("file:///data/out/2026-12-31/daily-20261231T233000Z/"));
    }

    @Test
    void badDestinationsAndRetentionsAreRefused()
    {
        assertThatThrownBy(() -> new ReportOutput(ReportOutput.Format.CSV, "s3://lake/{YYYY}/", 30))
                .hasMessage("The destination s3://lake/{YYYY}/ has an unknown placeholder {YYYY}; the placeholders are {yyyy}, {MM}, {dd}, {HH} and {mm}");
        assertThatThrownBy(() -> new ReportOutput(ReportOutput.Format.CSV, "s3://lake/{yyyy/", 30)).hasMessageContaining("unclosed placeholder");
        assertThatThrownBy(() -> new ReportOutput(ReportOutput.Format.CSV, "https://example.com/out/", 30))
                .hasMessageContaining("The destination is a folder s3://bucket/prefix/ (or file:///path/ on a local Trawl)");
        assertThatThrownBy(() -> new ReportOutput(ReportOutput.Format.CSV, "s3:///no-bucket/", 30)).hasMessageContaining("The destination is a folder");
        assertThatThrownBy(() -> new ReportOutput(ReportOutput.Format.CSV, "s3://lake/out/", 0)).hasMessage("retentionDays must be at least 1, not 0");
        assertThatThrownBy(() -> ReportOutput.Format.parse("xlsx")).hasMessage("The output format is CSV, PARQUET or JSON, not 'xlsx'");
        assertThat(ReportOutput.Format.parse("parquet")).isEqualTo(ReportOutput.Format.PARQUET);
    }
}
