package dev.predictbench.preprocess;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * One step of a bundle's preprocessing: turns some validated columns into a block
 * of floats. Blocks are concatenated in step order into the model input, like
 * scikit-learn's ColumnTransformer.
 */
public sealed interface PreprocessStep
        permits Standardize, MinMax, OneHot, Ordinal, Passthrough, BagOfWords, SklearnStep {

    /** The op's name in bundle.json. */
    String op();

    /** The feature columns this step reads. */
    List<String> columns();

    /** How many floats this step adds to each row's model input. */
    int width();

    /** Binds the step to feature positions; {@code featureIndex} maps a column name to its index. */
    CompiledStep compile(ToIntFunction<String> featureIndex);

    /** A one-line description of the fitted parameters, for the model inspector. */
    String describe();
}
