package dev.predictbench.preprocess.sklearn;

import java.util.List;
import java.util.Set;

/**
 * Tells a scikit-learn estimator that predicts (a classifier or regressor: it has predict or
 * predict_proba) from a transformer, by its class and module, since a pickle holds no methods.
 * Only of the first may a message say "estimator" and advise saving the steps before it: a
 * transformer left out of a pipeline (a Normalizer, PCA, SelectFromModel...) would feed the
 * model different numbers.
 */
final class Predictors {

    /** Modules whose classes predict, but for the transformers listed in {@link #TRANSFORMERS}. */
    private static final List<String> MODULES = List.of("sklearn.linear_model.", "sklearn.ensemble.",
            "sklearn.tree.", "sklearn.svm.", "sklearn.neighbors.", "sklearn.naive_bayes.", "sklearn.neural_network.",
            "sklearn.gaussian_process.", "sklearn.kernel_ridge.", "sklearn.dummy.", "sklearn.calibration.",
            "sklearn.multiclass.", "sklearn.multioutput.", "sklearn.semi_supervised.",
            "sklearn.discriminant_analysis.", "sklearn.isotonic.");
    /** Transformers in those modules. */
    private static final Set<String> TRANSFORMERS = Set.of("RandomTreesEmbedding", "KNeighborsTransformer",
            "RadiusNeighborsTransformer", "NearestNeighbors", "NeighborhoodComponentsAnalysis", "BernoulliRBM");
    /** Searches and wrappers whose fitted estimator decides. */
    private static final List<String> WRAPPED = List.of("best_estimator_", "estimator_", "estimator");

    private Predictors() {
    }

    static boolean predicts(SklearnFile.Estimator estimator) {
        String name = estimator.className();
        String module = estimator.qualifiedName();
        if (name.endsWith("Classifier") || name.endsWith("Regressor") || name.endsWith("SVC")
                || name.endsWith("SVR")) {
            return true;
        }
        if (module.startsWith("sklearn.model_selection.")) {   // GridSearchCV and the like
            for (String attribute : WRAPPED) {
                SklearnFile.Estimator inner = SklearnSteps.estimatorOrNull(estimator.get(attribute));
                if (inner != null) {
                    return predicts(inner);
                }
            }
            return false;
        }
        return MODULES.stream().anyMatch(module::startsWith) && !TRANSFORMERS.contains(name);
    }
}
