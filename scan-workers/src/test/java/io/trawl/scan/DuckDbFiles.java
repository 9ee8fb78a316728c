package io.trawl.scan;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** DuckDB as an independent writer of test files: {@code COPY (query) TO file (options)}. */
final class DuckDbFiles
{
    private DuckDbFiles() {}

    static void copy(String query, Path target, String options)
    {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("COPY (%s) TO '%s' (%s)".formatted(query, target.toAbsolutePath().toString().replace("'", "''"), options));
        }
        catch (SQLException e) {
            throw new AssertionError("DuckDB could not write " + target + ": " + e.getMessage(), e);
        }
    }
}
