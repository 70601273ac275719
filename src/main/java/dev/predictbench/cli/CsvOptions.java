package dev.predictbench.cli;

import dev.predictbench.data.CsvDialect;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** How the input CSV is written, for commands that read one: --encoding, --delimiter, --decimal-comma, --missing. */
final class CsvOptions {

    @Option(names = "--encoding", paramLabel = "NAME",
            description = "the file's encoding: utf-8, utf-16, latin-1, cp1252, ... (default: a byte-order mark"
                    + " decides, else utf-8)")
    String encoding;

    @Option(names = "--delimiter", paramLabel = "CHAR",
            description = "the cell delimiter: , ; tab | (default: found from the header line)")
    String delimiter;

    @Option(names = "--decimal-comma", negatable = true,
            description = "read 1,5 as 1.5 (default: on exactly when the delimiter is ';', as European Excel"
                    + " writes); --no-decimal-comma turns it off")
    Boolean decimalComma;

    @Option(names = "--missing", paramLabel = "MARKER,MARKER,...", split = ",", hideParamSyntax = true,
            description = "the cells that mean a missing value, besides the empty cell (default: pandas' markers"
                    + " NA, NaN, null, N/A, None, ...)")
    List<String> missing;

    CsvDialect dialect() {
        CsvDialect dialect = CsvDialect.AUTO.withDecimalComma(decimalComma);
        if (encoding != null) {
            dialect = dialect.withEncoding(CsvDialect.encodingNamed(encoding));
        }
        if (delimiter != null) {
            dialect = dialect.withDelimiter(CsvDialect.delimiterNamed(delimiter));
        }
        if (missing != null) {
            dialect = dialect.withMissing(missing.stream().map(String::strip).collect(Collectors.toSet()));
        }
        return dialect;
    }
}
