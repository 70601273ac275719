#!/usr/bin/python3
"""Writes the fixtures that keep every scikit-learn parameter read or refused.

Run from the repository root with Debian's scikit-learn 1.2:
    /usr/bin/python3 sample-models/write_sklearn_parameter_fixtures.py
(a set-valued attribute such as stop_words_ may be pickled in another order: same content)

src/test/resources/sklearn/params/ gets
  get_params.json  per class the importer supports, sorted(Cls().get_params(deep=False)):
                   SklearnParametersTest fails when the Java reader handles none of them
                   (read, reflected in a fitted attribute it reads, without effect on
                   transform, or checked to be at its default)
  <case>.pkl       fitted objects with non-default parameters (pickle protocol 4)
  cases.json       per case: the columns and their kinds, and either the rows with the
                   transform scikit-learn computes ("equal", within 1e-6) or the fragments
                   the refusal must name (step, class, parameter, value)
"""
import json
import os
import pickle

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.decomposition import PCA, TruncatedSVD
from sklearn.feature_selection import SelectFromModel
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import (MaxAbsScaler, MinMaxScaler, Normalizer, OneHotEncoder, OrdinalEncoder,
                                   PolynomialFeatures, RobustScaler, StandardScaler)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "src", "test", "resources", "sklearn", "params")

SUPPORTED = {
    "Pipeline": lambda: Pipeline([("scale", StandardScaler())]),
    "ColumnTransformer": lambda: ColumnTransformer([]),
    "SimpleImputer": SimpleImputer,
    "StandardScaler": StandardScaler,
    "MinMaxScaler": MinMaxScaler,
    "RobustScaler": RobustScaler,
    "MaxAbsScaler": MaxAbsScaler,
    "OneHotEncoder": OneHotEncoder,
    "OrdinalEncoder": OrdinalEncoder,
    "CountVectorizer": CountVectorizer,
    "TfidfVectorizer": TfidfVectorizer,
}

WORDS = ["cough", "fever", "chest", "pain", "the", "night", "Mild", "severe", "sleep", "and", "café", "naïve", "Élan"]
KINDS = {"age": "number", "income": "number", "children": "number", "colour": "category", "notes": "text"}


def frame(n=40, seed=5):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "age": rng.normal(45, 15, n).round(1),
        "income": rng.lognormal(10, 0.5, n).round(2),
        "children": rng.integers(0, 4, n).astype(float),
        "colour": rng.choice(["red", "green", "blue", "grey"], n, p=[0.4, 0.3, 0.25, 0.05]),
        "notes": [" ".join(rng.choice(WORDS, rng.integers(1, 8))) for _ in range(n)],
    })


def dense(x):
    return x.toarray() if hasattr(x, "toarray") else np.asarray(x)


def rows(df, columns):
    return [{c: (float(v) if KINDS[c] == "number" else str(v)) for c, v in zip(columns, r)}
            for r in df[columns].itertuples(index=False)]


def main():
    os.makedirs(OUT, exist_ok=True)
    params = {name: sorted(make().get_params(deep=False)) for name, make in SUPPORTED.items()}
    with open(os.path.join(OUT, "get_params.json"), "w") as f:
        json.dump(params, f, indent=1, sort_keys=True)
        f.write("\n")

    df = frame()
    probe = frame(8, seed=11)
    probe.loc[0, "colour"] = "purple"          # unknown: ignored as all zeros where handle_unknown allows
    probe.loc[1, "age"] = 300.0                # outside the fitted range: clip matters
    probe.loc[2, "notes"] = "chest pain and the night cough cough"
    cases = []
    accented = probe.assign(notes=["café crème", "cafe\u0301 naïve", "ÉLAN vital", "Ærø Ōsaka", "ﬁne straße",
                                   "m² CO₂", "İstanbul cough", "chest pain"])

    def equal(name, estimator, columns, probe_frame=None, fit_frame=None):
        one_d = isinstance(estimator, CountVectorizer)   # a vectorizer reads one column of text
        fit = df if fit_frame is None else fit_frame
        estimator.fit(fit[columns[0]] if one_d else fit[columns])
        x = probe if probe_frame is None else probe_frame
        out = dense(estimator.transform(x[columns[0]] if one_d else x[columns]))
        save(name, estimator)
        cases.append({"name": name, "file": name + ".pkl", "columns": columns,
                      "kinds": [KINDS[c] for c in columns], "rows": rows(x, columns),
                      "transform": out.tolist()})

    def refused(name, estimator, columns, fragments, fit_frame=None, after_fit=None, absent=()):
        fit = (df if fit_frame is None else fit_frame)[columns]
        y = (df["age"] > 45).to_numpy()
        estimator.fit(fit[columns[0]] if isinstance(estimator, CountVectorizer) else fit, y)
        if after_fit:
            after_fit(estimator)
        save(name, estimator)
        cases.append({"name": name, "file": name + ".pkl", "columns": columns,
                      "kinds": [KINDS[c] for c in columns], "refused": fragments, "absent": list(absent)})

    # transformer_weights: every branch's output times its weight, passthrough remainder included.
    equal("ct_transformer_weights", ColumnTransformer([
        ("num", StandardScaler(), ["age", "income"]),
        ("cat", OneHotEncoder(handle_unknown="ignore"), ["colour"]),
        ("text", TfidfVectorizer(), "notes"),
    ], remainder="passthrough", transformer_weights={"num": 2.0, "cat": 0.5, "text": 1.5, "remainder": 3}),
        ["age", "income", "colour", "notes", "children"])
    # A weighted branch that is itself a Pipeline (imputer then scaler), next to an unweighted one.
    equal("ct_weights_pipeline_branch", ColumnTransformer([
        ("num", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", MinMaxScaler())]), ["age"]),
        ("plain", StandardScaler(), ["income"]),
    ], transformer_weights={"num": -0.25}), ["age", "income"])
    # Scalers and an encoder away from their defaults.
    equal("scalers_non_default", ColumnTransformer([
        ("std", StandardScaler(with_mean=False), ["age"]),
        ("robust", RobustScaler(with_centering=False, quantile_range=(10.0, 90.0), unit_variance=True),
         ["income"]),
        ("minmax", MinMaxScaler(feature_range=(-2, 3), clip=True), ["children"]),
        ("onehot", OneHotEncoder(drop="first", handle_unknown="infrequent_if_exist", sparse_output=False,
                                dtype=np.float32), ["colour"]),
        ("maxabs", MaxAbsScaler(), ["age"]),
    ], sparse_threshold=0.0, verbose_feature_names_out=False), ["age", "income", "children", "colour"])
    # A span under 10 machine epsilons counts as 1 (_handle_zeros_in_scale), not as itself.
    equal("minmax_near_constant", MinMaxScaler(), ["children", "age"],
          fit_frame=df.assign(children=np.where(df.index % 2 == 0, 1.0, 1.0 + 2 ** -52)))
    equal("tfidf_non_default", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, norm="l1", smooth_idf=False,
                                               lowercase=False, stop_words=["the", "and"], max_features=25,
                                               min_df=2), ["notes"])
    equal("count_strip_accents", ColumnTransformer([("text", CountVectorizer(strip_accents="ascii"), "notes")]),
          ["notes"], probe_frame=accented)
    equal("tfidf_strip_accents_unicode", TfidfVectorizer(strip_accents="unicode", ngram_range=(1, 2)), ["notes"],
          probe_frame=accented)
    equal("count_binary_trigrams", CountVectorizer(ngram_range=(2, 3), binary=True, dtype=np.float32, max_df=0.9),
          ["notes"])

    # Parameters PredictBench does not implement: refused, naming step, class, parameter and value.
    refused("onehot_min_frequency", ColumnTransformer([("cat", OneHotEncoder(min_frequency=3), ["colour"])]),
            ["colour"], ['branch "cat"', "OneHotEncoder", "min_frequency=3"])
    refused("onehot_max_categories", Pipeline([("encode", OneHotEncoder(max_categories=2))]),
            ["colour"], ['step "encode"', "OneHotEncoder", "max_categories=2"])
    refused("imputer_add_indicator", Pipeline([("impute", SimpleImputer(add_indicator=True)),
                                              ("scale", StandardScaler())]),
            ["age"], ['step "impute"', "SimpleImputer", "add_indicator=True"],
            fit_frame=df.assign(age=df["age"].mask(df.index % 7 == 0)))
    refused("imputer_missing_minus_one", ColumnTransformer([("num", SimpleImputer(missing_values=-1.0),
                                                             ["age"])]),
            ["age"], ['branch "num"', "SimpleImputer", "missing_values=-1.0"])
    refused("tfidf_norm_max", ColumnTransformer([("text", TfidfVectorizer(), "notes")]),
            ["notes"], ['branch "text"', "TfidfTransformer", "norm='max'"],
            after_fit=lambda ct: setattr(ct.named_transformers_["text"]._tfidf, "norm", "max"))
    refused("tfidf_char_wb", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3)),
            ["notes"], ["TfidfVectorizer", "analyzer='char_wb'"])
    refused("count_input_filename", CountVectorizer(), ["notes"], ["CountVectorizer", "input='filename'"],
            after_fit=lambda v: v.set_params(input="filename"))
    refused("count_dtype_int8", CountVectorizer(dtype=np.int8), ["notes"], ["CountVectorizer", "dtype=numpy.int8"])
    refused("ordinal_missing_as_category",
            ColumnTransformer([("ord", OrdinalEncoder(encoded_missing_value=-1), ["colour"])]),
            ["colour"], ['branch "ord"', "OrdinalEncoder", "encoded_missing_value=-1"],
            fit_frame=df.assign(colour=df["colour"].mask(df.index % 5 == 0)))

    refused("ordinal_dtype_int8", Pipeline([("encode", OrdinalEncoder(dtype=np.int8))]), ["colour"],
            ['step "encode"', "OrdinalEncoder", "dtype=numpy.int8"])
    refused("minmax_range_changed_after_fit", MinMaxScaler(), ["age"], ["MinMaxScaler", "feature_range=(-1, 1)"],
            after_fit=lambda m: m.set_params(feature_range=(-1, 1)))

    # Advice must never lead to a wrong number: a transformer PredictBench does not implement is
    # never called a model, and slicing it off (pipeline[:-1]) is never suggested.
    not_a_model = ["pipeline[:-1]", "a model rather", "estimator"]
    refused("pipeline_ends_in_normalizer", Pipeline([("scale", StandardScaler()), ("norm", Normalizer())]),
            ["age", "income"], ['step "norm"', "Normalizer", "a transformer PredictBench does not implement",
                                "cannot be imported"], absent=not_a_model)
    refused("pipeline_ends_in_pca", Pipeline([("impute", SimpleImputer()), ("pca", PCA(n_components=1))]),
            ["age", "income"], ['step "pca"', "PCA", "a transformer PredictBench does not implement"],
            absent=not_a_model)
    refused("pipeline_ends_in_select_from_model",
            Pipeline([("scale", StandardScaler()), ("select", SelectFromModel(LogisticRegression()))]),
            ["age", "income"], ['step "select"', "SelectFromModel", "a transformer PredictBench does not implement"],
            absent=not_a_model)
    refused("ct_polynomial_branch", ColumnTransformer([("poly", PolynomialFeatures(2), ["age", "income"])]),
            ["age", "income"], ['branch "poly"', "PolynomialFeatures", "a transformer PredictBench does not"
                                " implement"], absent=not_a_model)
    refused("pipeline_ends_in_truncated_svd", Pipeline([("scale", StandardScaler()),
                                                        ("svd", TruncatedSVD(n_components=1, random_state=0))]),
            ["age", "income"], ['step "svd"', "TruncatedSVD", "a transformer PredictBench does not implement"],
            absent=not_a_model)
    # A step that predicts is an estimator; the steps before it may be what the model was trained on.
    refused("pipeline_ends_in_logistic_regression",
            Pipeline([("scale", StandardScaler()), ("model", LogisticRegression())]),
            ["age", "income"], ['step "model"', "LogisticRegression", "an estimator (it predicts)",
                                "pipeline[:-1]"], absent=["a model rather"])

    with open(os.path.join(OUT, "cases.json"), "w") as f:
        json.dump(cases, f, indent=1)
        f.write("\n")
    native_ngrams(df, probe)


def native_ngrams(df, probe):
    """bag_of_words ops with the vocabulary, idf and ngram_range scikit-learn learned, and its transforms."""
    texts = list(df["notes"]) + ["chest pain at night", "Chest  pain, chest pain!", "pain", ""]
    probes = list(probe["notes"]) + ["chest pain chest pain", "CHEST PAIN and fever", "no known words", "",
                                     "fever fever fever night sleep severe cough"]
    out = []
    for name, vectorizer in [("count_unigrams_bigrams", CountVectorizer(ngram_range=(1, 2))),
                             ("tfidf_unigrams_bigrams", TfidfVectorizer(ngram_range=(1, 2))),
                             ("tfidf_bigrams_trigrams", TfidfVectorizer(ngram_range=(2, 3), lowercase=False)),
                             ("count_binary_bigrams_only", CountVectorizer(ngram_range=(2, 2), binary=True))]:
        vectorizer.fit(texts)
        vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
        op = {"op": "bag_of_words", "column": "notes", "vocabulary": vocabulary,
              "ngram_range": list(vectorizer.ngram_range), "lowercase": vectorizer.lowercase,
              "binary": vectorizer.binary}
        if isinstance(vectorizer, TfidfVectorizer):
            op["idf"] = vectorizer.idf_.tolist()
        out.append({"name": name, "op": op, "texts": probes,
                    "transform": dense(vectorizer.transform(probes)).tolist()})
    with open(os.path.join(OUT, "bag_of_words_ngrams.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


def save(name, estimator):
    with open(os.path.join(OUT, name + ".pkl"), "wb") as f:
        pickle.dump(estimator, f, protocol=4)


if __name__ == "__main__":
    main()
