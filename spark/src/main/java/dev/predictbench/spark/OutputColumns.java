package dev.predictbench.spark;

import dev.predictbench.scoring.OutputLayout;
import dev.predictbench.scoring.ScoredRow;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns scoring adds, as {@link OutputLayout} names and fills them for the scored CSV.
 * In CSV output every cell is the very text {@code predictbench score} writes; in Parquet the
 * numbers are float32 columns holding the value that text reads back as, and the class label,
 * status and errors stay text.
 */
final class OutputColumns implements Serializable {

    private final boolean text;
    private final boolean regression;

    OutputColumns(boolean text, boolean regression) {
        this.text = text;
        this.regression = regression;
    }

    /** The input columns (as read) followed by the layout's columns. */
    StructType schema(StructType input, OutputLayout layout) {
        StructType schema = input;
        for (String column : layout.columns()) {
            schema = schema.add(new StructField(column, type(column), true, org.apache.spark.sql.types.Metadata.empty()));
        }
        return schema;
    }

    private DataType type(String column) {
        return text || isText(column) ? DataTypes.StringType : DataTypes.FloatType;
    }

    private boolean isText(String column) {
        return column.equals("status") || column.equals("errors") || column.equals("prediction") && !regression;
    }

    /** Fills {@code values} from {@code at} on with the row's output cells. */
    void fill(ScoredRow row, OutputLayout layout, List<String> columns, Object[] values, int at) {
        for (int i = 0; i < columns.size(); i++) {
            String cell = layout.cell(row, i);
            values[at + i] = text || isText(columns.get(i)) ? cell : cell.isEmpty() ? null : Float.parseFloat(cell);
        }
    }
}
