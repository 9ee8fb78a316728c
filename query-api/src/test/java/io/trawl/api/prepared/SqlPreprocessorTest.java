package io.trawl.api.prepared;

import io.trawl.api.prepared.SqlPreprocessor.Done;
import io.trawl.api.prepared.SqlPreprocessor.Run;
import io.trawl.catalog.lake.FileCatalogDocuments;
import io.trawl.error.ErrorCode;
import io.trawl.error.TrawlException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlPreprocessorTest
{
    private static final Instant NOW = Instant.parse("2026-12-01T10:15:30Z");

    @TempDir
    Path meta;

    private PreparedStatementStore statements;
    private SqlPreprocessor preprocessor;

    @BeforeEach
    void setUp()
    {
        statements = new PreparedStatementStore(new FileCatalogDocuments(meta), Clock.fixed(NOW, ZoneOffset.UTC));
        preprocessor = new SqlPreprocessor(statements);
    }

    @Test
    void statementWithoutParametersIsReturnedAsWritten()
    {
        String sql = "SELECT  a -- why\nFROM t /* keep */ WHERE b = 'x'";
        assertThat(preprocessor.preprocess(sql, List.of(), "primary")).isEqualTo(new Run(sql));
    }

    @Test
    void hiveDdlPassesThroughWithoutBeingParsed()
    {
        String sql = "CREATE EXTERNAL TABLE t (a int) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION 's3://bucket/t/'";
        assertThat(preprocessor.preprocess(sql, List.of(), "primary")).isEqualTo(new Run(sql));
    }

    @Test
    void questionMarksInStringsAndCommentsAreNotParameters()
    {
        String sql = "SELECT 'why?' AS q, \"col?\" -- really?\nFROM t /* ? */ WHERE a = ?";
        assertThat(preprocessor.preprocess(sql, List.of("42"), "primary"))
                .isEqualTo(new Run("SELECT 'why?' AS q, \"col?\" -- really?\nFROM t /* ? */ WHERE a = 42"));
    }

    @Test
    void parametersOnSeveralLinesAreReplacedWhereTheyStand()
    {
        String sql = """
                SELECT *
                FROM orders
                WHERE status = ?
                  AND "\u00e9t\u00e9" = '\ud83d\ude00' AND day >= ?
                LIMIT 10""";
        assertThat(preprocessor.preprocess(sql, List.of("'open'", "DATE '2024-01-01'"), "primary"))
                .isEqualTo(new Run("""
                        SELECT *
                        FROM orders
                        WHERE status = 'open'
                          AND "\u00e9t\u00e9" = '\ud83d\ude00' AND day >= DATE '2024-01-01'
                        LIMIT 10"""));
    }

    @Test
    void windowsLineEndingsKeepTheirCarriageReturns()
    {
        String sql = "SELECT *\r\nFROM t\r\nWHERE a = ? AND b = ?";
        assertThat(preprocessor.preprocess(sql, List.of("1", "2"), "primary"))
                .isEqualTo(new Run("SELECT *\r\nFROM t\r\nWHERE a = 1 AND b = 2"));
    }

    @Test
    void executionParametersAreBoundAsAthenaBindsThem()
    {
        String sql = "SELECT ?, ?, ?, ?, ?, ?, ?, ? * 2";
        List<String> values = List.of("'abc'", "42", "DATE '2024-01-01'", "abc", "it's", "NULL", "t.x", "1 + 1");
        assertThat(preprocessor.preprocess(sql, values, "primary"))
                .as("expressions without column references stand for themselves; anything else is a string")
                .isEqualTo(new Run("SELECT 'abc', 42, DATE '2024-01-01', 'abc', 'it''s', NULL, 't.x', (1 + 1) * 2"));
    }

    @Test
    void castsAndFunctionCallsAreExpressionsNotColumnReferences()
    {
        assertThat(preprocessor.preprocess("SELECT ?, ?", List.of("CAST('1' AS integer)", "lower('ABC')"), "primary"))
                .isEqualTo(new Run("SELECT CAST('1' AS integer), lower('ABC')"));
    }

    @Test
    void tooFewExecutionParametersIsTrinosCountError()
    {
        assertThatThrownBy(() -> preprocessor.preprocess("SELECT * FROM t WHERE a = ? AND b = ?", List.of("1"), "primary"))
                .isInstanceOfSatisfying(TrawlException.class, error -> assertThat(error.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("Incorrect number of parameters: expected 2 but found 1");
    }

    @Test
    void tooManyExecutionParametersIsTrinosCountError()
    {
        assertThatThrownBy(() -> preprocessor.preprocess("SELECT ?", List.of("1", "2"), "primary"))
                .hasMessage("Incorrect number of parameters: expected 1 but found 2");
    }

    @Test
    void parametersForSqlWithoutPlaceholdersAreRefused()
    {
        assertThatThrownBy(() -> preprocessor.preprocess("SELECT 'a?b' FROM t", List.of("1"), "primary"))
                .isInstanceOfSatisfying(TrawlException.class, error -> assertThat(error.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("Incorrect number of parameters: expected 0 but found 1");
    }

    @Test
    void placeholdersWithoutParametersAreRefused()
    {
        assertThatThrownBy(() -> preprocessor.preprocess("SELECT * FROM t WHERE a = ?", List.of(), "primary"))
                .hasMessage("Incorrect number of parameters: expected 1 but found 0");
    }

    @Test
    void parametersForSqlThatDoesNotParseAreASyntaxError()
    {
        assertThatThrownBy(() -> preprocessor.preprocess("SELECT FROM WHERE ?", List.of("1"), "primary"))
                .isInstanceOfSatisfying(TrawlException.class, error -> assertThat(error.errorCode()).isEqualTo(ErrorCode.SYNTAX_ERROR))
                .hasMessageStartingWith("line 1:");
    }

    @Test
    void prepareStoresTheStatementTextAsWritten()
    {
        String sql = "PREPARE my_select FROM\nSELECT *\n  FROM orders -- the big one\n  WHERE year = ? AND region = ?;";
        assertThat(preprocessor.preprocess(sql, List.of(), "analysts")).isInstanceOf(Done.class);
        assertThat(statements.find("analysts", "my_select")).contains(new PreparedStatement(
                "analysts", "my_select", "SELECT *\n  FROM orders -- the big one\n  WHERE year = ? AND region = ?", Optional.empty(), NOW));
        assertThat(statements.find("primary", "my_select")).as("statements belong to their work group").isEmpty();
    }

    @Test
    void prepareOverwritesAStatementOfTheSameName()
    {
        preprocessor.preprocess("PREPARE s FROM SELECT 1", List.of(), "primary");
        preprocessor.preprocess("PREPARE s FROM SELECT ?", List.of(), "primary");
        assertThat(statements.find("primary", "s")).map(PreparedStatement::queryStatement).contains("SELECT ?");
    }

    @Test
    void executeUsingBindsLiteralsOfSeveralTypes()
    {
        preprocessor.preprocess("PREPARE q FROM SELECT * FROM t WHERE s = ? AND n = ? AND d = ? AND x = ? AND ts < ?", List.of(), "primary");
        assertThat(preprocessor.preprocess("EXECUTE q USING 'usa', 346078, DATE '2024-01-01', 1.5E0, TIMESTAMP '2024-01-01 10:00:00'", List.of(), "primary"))
                .isEqualTo(new Run("SELECT * FROM t WHERE s = 'usa' AND n = 346078 AND d = DATE '2024-01-01' AND x = 1.5E0 AND ts < TIMESTAMP '2024-01-01 10:00:00'"));
    }

    @Test
    void executeWithoutUsingTakesTheExecutionParameters()
    {
        preprocessor.preprocess("PREPARE q FROM SELECT ? + ?", List.of(), "primary");
        assertThat(preprocessor.preprocess("EXECUTE q", List.of("1", "2"), "primary")).isEqualTo(new Run("SELECT 1 + 2"));
    }

    @Test
    void executeUsingPlaceholdersTakeTheExecutionParameters()
    {
        preprocessor.preprocess("PREPARE q FROM SELECT ?, ?", List.of(), "primary");
        assertThat(preprocessor.preprocess("EXECUTE q USING ?, 'fixed'", List.of("'given'"), "primary")).isEqualTo(new Run("SELECT 'given', 'fixed'"));
    }

    @Test
    void executeOfAStatementWithoutParameters()
    {
        preprocessor.preprocess("PREPARE q FROM SELECT name FROM nation", List.of(), "primary");
        assertThat(preprocessor.preprocess("EXECUTE q", List.of(), "primary")).isEqualTo(new Run("SELECT name FROM nation"));
    }

    @Test
    void executeWithTheWrongNumberOfValuesIsTrinosCountError()
    {
        preprocessor.preprocess("PREPARE q FROM SELECT * FROM t WHERE a = ? AND b = ?", List.of(), "primary");
        assertThatThrownBy(() -> preprocessor.preprocess("EXECUTE q USING 1", List.of(), "primary"))
                .hasMessage("Incorrect number of parameters: expected 2 but found 1");
        assertThatThrownBy(() -> preprocessor.preprocess("EXECUTE q USING 1, 2", List.of("3"), "primary"))
                .as("values in USING and execution parameters with no ? in USING")
                .hasMessage("Incorrect number of parameters: expected 0 but found 1");
    }

    @Test
    void executeOfAnUnknownStatementNamesIt()
    {
        assertThatThrownBy(() -> preprocessor.preprocess("EXECUTE nosuch USING 1", List.of(), "primary"))
                .isInstanceOfSatisfying(TrawlException.class, error -> assertThat(error.errorCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("Prepared statement not found: nosuch");
    }

    @Test
    void executeFindsAStatementPreparedInAnotherCase()
    {
        statements.create(new PreparedStatement("primary", "MyQuery", "SELECT ?", Optional.empty(), NOW));
        assertThat(preprocessor.preprocess("EXECUTE myquery USING 7", List.of(), "primary")).isEqualTo(new Run("SELECT 7"));
    }

    @Test
    void executeLooksOnlyInItsWorkGroup()
    {
        preprocessor.preprocess("PREPARE q FROM SELECT 1", List.of(), "analysts");
        assertThatThrownBy(() -> preprocessor.preprocess("EXECUTE q", List.of(), "primary"))
                .hasMessage("Prepared statement not found: q");
    }

    @Test
    void deallocateDeletesTheStatement()
    {
        preprocessor.preprocess("PREPARE q FROM SELECT 1", List.of(), "primary");
        assertThat(preprocessor.preprocess("DEALLOCATE PREPARE q", List.of(), "primary")).isInstanceOf(Done.class);
        assertThat(statements.find("primary", "q")).isEmpty();
        assertThatThrownBy(() -> preprocessor.preprocess("DEALLOCATE PREPARE q", List.of(), "primary"))
                .hasMessage("Prepared statement not found: q");
    }

    @Test
    void executeImmediateBindsItsUsingValues()
    {
        assertThat(preprocessor.preprocess("EXECUTE IMMEDIATE 'SELECT * FROM t WHERE s = ? AND note = ''why?''' USING 'x'", List.of(), "primary"))
                .isEqualTo(new Run("SELECT * FROM t WHERE s = 'x' AND note = 'why?'"));
    }

    @Test
    void leadingCommentsDoNotHideAPrepare()
    {
        assertThat(preprocessor.preprocess("-- make it\n/* now */ PREPARE q FROM SELECT 1", List.of(), "primary")).isInstanceOf(Done.class);
        assertThat(statements.find("primary", "q")).map(PreparedStatement::queryStatement).contains("SELECT 1");
    }
}
