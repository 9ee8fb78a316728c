package io.trawl.scan.reader.text;

/**
 * Counts the fields of one line the way the table's SerDe splits it, for the strict field-count check.
 * LazySimpleSerDe splits on the field delimiter unless it is escaped; OpenCSVSerde also ignores separators
 * inside quotes.
 */
interface FieldCounter
{
    int count(byte[] line, int length);

    static FieldCounter delimited(byte separator, Byte escape)
    {
        return (line, length) -> {
            int fields = 1;
            for (int i = 0; i < length; i++) {
                byte current = line[i];
                if (escape != null && current == escape) {
                    i++;
                }
                else if (current == separator) {
                    fields++;
                }
            }
            return fields;
        };
    }

    static FieldCounter quoted(byte separator, byte quote, byte escape)
    {
        return (line, length) -> {
            int fields = 1;
            boolean quoted = false;
            for (int i = 0; i < length; i++) {
                byte current = line[i];
                if (current == escape && escape != quote) {
                    i++;
                }
                else if (current == quote) {
                    quoted = !quoted;
                }
                else if (current == separator && !quoted) {
                    fields++;
                }
            }
            return fields;
        };
    }
}
