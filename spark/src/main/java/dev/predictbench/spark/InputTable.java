package dev.predictbench.spark;

import dev.predictbench.InputException;
import dev.predictbench.data.CsvDialect;
import dev.predictbench.data.CsvSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The job's input as Spark rows. CSV files are read as lines (Spark's text source splits
 * big files across tasks) and each line is cut into cells by the desktop's own CSV reading
 * ({@link dev.predictbench.data.CsvLine}), so cells are exactly what {@code predictbench score}
 * sees; every file's header is checked on the driver first, because a file whose columns
 * come in another order would otherwise feed values to the wrong features. Parquet keeps
 * its typed columns.
 *
 * @param rows CSV: a {@code line} and a {@code file} column; Parquet: the file's own columns
 * @param header the column names the schema is bound to
 * @param csv how the CSV files are written (the resolved delimiter and decimal mark); null for Parquet
 * @param headerLine the CSV header line as written (without a BOM), which each file repeats; null for Parquet
 */
record InputTable(Dataset<Row> rows, List<String> header, Csv csv, String headerLine) {

    /** The CSV dialect as executors need it: plain values, since {@link CsvDialect} holds a Charset. */
    record Csv(char delimiter, boolean decimalComma, List<String> missing) implements Serializable {
        CsvDialect dialect() {
            return new CsvDialect(StandardCharsets.UTF_8, delimiter, decimalComma, new java.util.HashSet<>(missing));
        }
    }

    static final String LINE = "line";
    static final String FILE = "file";
    /** Enough of a file for its header line and the delimiter sniffing of {@link CsvSource}. */
    private static final int HEAD_BYTES = 1 << 16;

    static InputTable read(SparkSession spark, JobOptions options) {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        List<String> files = options.inputFormat().equals("parquet") ? List.of() : inputFiles(options.inputs(), hadoop);
        if (options.parquetInput() || options.inputFormat().equals("auto") && isParquet(files.get(0), hadoop)) {
            Dataset<Row> rows = spark.read().parquet(options.inputs().toArray(String[]::new));
            return new InputTable(rows, Arrays.asList(rows.schema().fieldNames()), null, null);
        }
        Head first = null;
        for (String file : files) {
            Head head = Head.of(file, options, hadoop);
            if (first == null) {
                first = head;
            } else if (!head.header().equals(first.header()) || head.dialect().delimiter() != first.dialect().delimiter()) {
                throw new InputException(file + ": header " + head.header() + " differs from " + files.get(0) + "'s "
                        + first.header() + "; every input file must have the same columns in the same order");
            }
        }
        Dataset<Row> lines = spark.read().text(files.toArray(String[]::new))
                .select(functions.col("value").as(LINE), functions.input_file_name().as(FILE));
        CsvDialect dialect = first.dialect();
        Csv csv = new Csv(dialect.delimiter(), dialect.readsDecimalComma(), List.copyOf(dialect.missing()));
        return new InputTable(lines, first.header(), csv, first.line());
    }

    /** The input columns as the output carries them: a CSV's as text, Parquet's with their types. */
    StructType columns() {
        if (csv == null) {
            return rows.schema();
        }
        StructType columns = new StructType();
        for (String column : header) {
            columns = columns.add(column, DataTypes.StringType);
        }
        return columns;
    }

    /** A Parquet file starts with the magic bytes PAR1 (a folder of Spark's part files has no .parquet name). */
    private static boolean isParquet(String file, Configuration hadoop) {
        Path path = new Path(file);
        try (InputStream in = path.getFileSystem(hadoop).open(path)) {
            return Arrays.equals(in.readNBytes(4), "PAR1".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new InputException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** The input files: globs expanded, folders listed (without Spark's _ and . files). */
    private static List<String> inputFiles(List<String> inputs, Configuration hadoop) {
        List<String> files = new ArrayList<>();
        try {
            for (String input : inputs) {
                Path path = new Path(input);
                FileSystem fs = path.getFileSystem(hadoop);
                FileStatus[] matches = fs.globStatus(path);
                if (matches == null || matches.length == 0) {
                    throw new InputException(input + ": no such file");
                }
                for (FileStatus match : matches) {
                    if (match.isDirectory()) {
                        for (FileStatus child : fs.listStatus(match.getPath())) {
                            String name = child.getPath().getName();
                            if (child.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
                                files.add(child.getPath().toString());
                            }
                        }
                    } else {
                        files.add(match.getPath().toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new InputException(inputs + ": cannot be listed: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new InputException(inputs + ": no input files found");
        }
        files.sort(null);
        return files;
    }

    /** A file's header, read by the desktop's CSV reader from a local copy of the file's first bytes. */
    private record Head(List<String> header, CsvDialect dialect, String line) {

        static Head of(String file, JobOptions options, Configuration hadoop) {
            byte[] bytes;
            Path path = new Path(file);
            try (InputStream in = path.getFileSystem(hadoop).open(path)) {
                bytes = in.readNBytes(HEAD_BYTES);
            } catch (IOException e) {
                throw new InputException(file + ": cannot be read: " + e.getMessage(), e);
            }
            java.nio.file.Path copy = null;
            try {
                copy = Files.createTempFile("predictbench-head", ".csv");
                Files.write(copy, bytes);
                CsvDialect requested = CsvDialect.AUTO.withDelimiter(options.delimiter())
                        .withDecimalComma(options.decimalComma());
                try (CsvSource source = CsvSource.open(copy, requested)) {
                    if (!source.encoding().charset().equals(StandardCharsets.UTF_8)) {
                        throw new InputException(file + ": is " + source.encoding().charset()
                                + "; the Spark job reads UTF-8 CSV (with or without a BOM) or Parquet: convert it"
                                + " first (iconv -f UTF-16 -t UTF-8), or score it with predictbench score");
                    }
                    return new Head(source.header(), source.dialect(), firstLine(bytes, source.encoding().bomBytes()));
                }
            } catch (IOException e) {
                throw new InputException(file + ": cannot be read: " + e.getMessage(), e);
            } catch (InputException e) {
                throw new InputException(e.getMessage().replace(copy.toString(), file), e);
            } finally {
                if (copy != null) {
                    copy.toFile().delete();
                }
            }
        }

        private static String firstLine(byte[] bytes, int bom) {
            int end = bom;
            while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
                end++;
            }
            return new String(bytes, bom, end - bom, StandardCharsets.UTF_8);
        }
    }
}
