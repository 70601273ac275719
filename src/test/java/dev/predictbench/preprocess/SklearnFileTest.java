package dev.predictbench.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.predictbench.InputException;
import dev.predictbench.preprocess.sklearn.SklearnFile;
import dev.predictbench.preprocess.sklearn.SklearnSteps;
import dev.predictbench.schema.ParsedRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Files written by sample-models/write_sklearn_fixtures.py with Debian's scikit-learn 1.2. */
class SklearnFileTest {

    private static final Path DIR = Path.of("src/test/resources/sklearn");
    private static final List<String> NUMBERS = List.of("height", "weight", "score");

    private static JsonNode expected() throws IOException {
        return new ObjectMapper().readTree(DIR.resolve("expected.json").toFile());
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"standard_p2.pkl", "standard_p3.pkl", "standard_p4.pkl", "standard_p5.pkl",
            "standard.joblib", "standard_zlib.joblib", "standard_gzip.joblib"})
    void standardScalerReadsBitExactFromEveryProtocolAndJoblibFlavour(String name) throws IOException {
        SklearnFile.Estimator scaler = SklearnFile.read(DIR.resolve(name));
        assertEquals("StandardScaler", scaler.className());
        assertEquals(NUMBERS, SklearnSteps.featureNames(scaler));
        Standardize step = (Standardize) SklearnSteps.toSteps(scaler, NUMBERS).get(0);
        assertArrayEquals(doubles(expected().get("standard").get("mean")), step.mean(), 0.0);
        assertArrayEquals(doubles(expected().get("standard").get("scale")), step.scale(), 0.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"minmax_p4.pkl", "minmax_zlib.joblib"})
    void minMaxScalerKeepsItsFeatureRange(String name) throws IOException {
        MinMax step = (MinMax) SklearnSteps.toSteps(SklearnFile.read(DIR.resolve(name)), List.of("score")).get(0);
        assertArrayEquals(doubles(expected().get("minmax").get("min")), step.min(), 0.0);
        assertArrayEquals(doubles(expected().get("minmax").get("max")), step.max(), 0.0);
        assertEquals(-1, step.rangeLow());
        assertEquals(1, step.rangeHigh());
    }

    @ParameterizedTest
    @ValueSource(strings = {"onehot_p4.pkl", "onehot.joblib"})
    void oneHotEncoderKeepsTrainingOrderAndTransformsLikeScikitLearn(String name) throws IOException {
        JsonNode want = expected().get("onehot");
        List<String> columns = List.of("colour", "size");
        List<PreprocessStep> steps = SklearnSteps.toSteps(SklearnFile.read(DIR.resolve(name)), columns);
        assertEquals(List.of("red", "green", "blue"), ((OneHot) steps.get(0)).categories());
        assertEquals(List.of("1", "2", "3"), ((OneHot) steps.get(1)).categories());
        assertTrue(((OneHot) steps.get(0)).ignoreUnknown());

        var features = List.of(new dev.predictbench.schema.Feature("colour",
                        dev.predictbench.schema.FeatureType.CATEGORY, null, null, List.of(), null),
                new dev.predictbench.schema.Feature("size", dev.predictbench.schema.FeatureType.CATEGORY, null, null,
                        List.of(), null));
        Preprocessor preprocessor = Preprocessor.compile(features,
                List.of(new SklearnStep(name, columns, "OneHotEncoder", steps, java.util.Map.of())));
        ParsedRow row = ParsedRow.forFeatures(2);
        row.texts()[0] = "green";
        row.texts()[1] = "2";
        float[] out = new float[preprocessor.width()];
        preprocessor.transform(row, out, 0);
        double[] expectedRow = doubles(want.get("transform_of_green_2"));
        for (int i = 0; i < out.length; i++) {
            assertEquals(expectedRow[i], out[i], 0.0);
        }
    }

    @Test
    void aPickleNamingOsSystemIsRefusedWithoutRunningIt() {
        InputException error = assertThrows(InputException.class, () -> SklearnFile.read(DIR.resolve("hostile.pkl")));
        assertTrue(error.getMessage().contains("os.system"), error.getMessage());
        assertTrue(error.getMessage().contains("refused"), error.getMessage());
    }

    @Test
    void columnsThatDoNotMatchTheFittedNamesAreRefused() {
        SklearnFile.Estimator scaler = SklearnFile.read(DIR.resolve("standard_p4.pkl"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SklearnSteps.toSteps(scaler, List.of("weight", "height", "score")));
        assertTrue(error.getMessage().contains("[height, weight, score] in that order"), error.getMessage());
    }

    @Test
    void truncatedAndForeignFilesGetOneClearLine(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(DIR.resolve("standard_p4.pkl"));
        Path truncated = dir.resolve("truncated.pkl");
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        Path text = dir.resolve("notes.pkl");
        Files.writeString(text, "these are not the scaler you are looking for");
        List<String> messages = new ArrayList<>();
        for (Path file : List.of(truncated, text, dir.resolve("absent.pkl"))) {
            messages.add(assertThrows(InputException.class, () -> SklearnFile.read(file)).getMessage());
        }
        for (String message : messages) {
            assertTrue(message.startsWith(dir.toString()), message);
            assertEquals(1, message.lines().count(), message);
        }
    }
}
