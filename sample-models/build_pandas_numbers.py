"""Writes src/test/resources/numbers/pandas-cells.csv: how pandas.read_csv (default C engine,
default float_precision, default na_values) reads each candidate cell in a column that is
otherwise numeric. PandasNumbersTest checks that PredictBench reads every cell the same way.

Run with Debian's python3 (pandas 1.5): python3 sample-models/build_pandas_numbers.py
Columns: cell_hex (the cell's UTF-8 bytes in hex), shown (repr, for people), kind (number,
missing or text), high (float.hex of the default parser's value), round_trip (float.hex of
float_precision='round_trip', which is correctly rounded).
"""
import csv
import io
import itertools
import os

import pandas as pd

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "numbers", "pandas-cells.csv")

cells = []
signs = ["", "+", "-"]
bodies = ["0", "00", "007", "1", "12", "1.", ".5", "1.5", "5.", ".", "0.0", "1e5", "1E5", "1e+5", "1e-5", "1e",
          "e5", "1.5e3", ".5e1", "5.e1", "1e05", "1e+", "1e-", "1.5E-3", "0x10", "0x1p3", "1_000", "inf",
          "Infinity", "nan", "NaN", "infinity", "INF", "iNf", "INFINITY", "infinit", "infinityy", "in", "nan(1)",
          "1.5.5", "1..5", "1e5.5", "1e5e5"]
for s, b in itertools.product(signs, bodies):
    cells.append(s + b)
for b, suffix in itertools.product(["1", "2.5", "1e3", ".5"], ["f", "F", "d", "D", "L", "l", "%", "x", "e0"]):
    cells.append(b + suffix)
space = [" ", "  ", "\t", "\u00a0", "\u2003", "\u3000", "\x0b", "\x0c"]
for w in space:
    for b in ["1.5", "-2", "inf", "NA", "nan", ""]:
        cells.append(w + b)
        cells.append(b + w)
        cells.append(w + b + w)
cells += ["1 000", "1 5", "- 1", "+ 1", "1,5", "1,000", "1.000,5", "1'000", "1\u202f000", "10%", "$5", "5$",
          "\u0663", "\u0661\u0662", "\u0663.\u0665", "1\u066b5", "\uff11\uff12", "\uff11.\uff15", "\u00b2", "\u00bd",
          "\U0001d7cf", "\u0967", "\u2212" + "1", "1\u2009000",
          "1e400", "-1e400", "1e-400", "-1e-400", "1e308", "1.8e308", "1.7976931348623157e308",
          "1.7976931348623159e308", "1.797693134862316e308", "4.9e-324", "5e-324", "2.4703282292062328e-324",
          "2.4703282292062327e-324", "2.2250738585072011e-308", "2.2250738585072014e-308", "1e-320",
          "0.1", "0.2", "0.3", "0.30000000000000004", "9007199254740993", "9007199254740992",
          "123456789012345678901234567890", "12345678901234567890", "18446744073709551616",
          "9223372036854775807", "9223372036854775808", "-9223372036854775809",
          "0." + "0" * 30 + "1", "1" + "0" * 40, "1" * 100, "0." + "3" * 100, "3." + "1" * 400,
          "1" + "0" * 400, "1e1000000", "1e-1000000", "1e" + "9" * 30, "0e" + "9" * 30,
          "2.2250738585072012e-308", "1.00000000000000011102230246251565404236316680908203125",
          "1.000000000000000111022302462515654042363166809082031250001", "8.98846567431158e307",
          "0.000001", "1234.5678", "-0.0", "+0.0", "-0", "1E-7", "6.02214076E23", "3.14159265358979323846",
          "NA", "N/A", "n/a", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND",
          "1.#QNAN", "<NA>", "NULL", "None", "null", "Nan", "NAN", "nA", "none", "NONE", "Null", "na", "N.A.",
          "", "-", "+", "e", "E", "true", "True", "false", "1/2", "0b101", "0o17", "1j", "1+2j", "--1", "+-1",
          "1-", "1+", ".e1", "1.e", "1.e+2", "01.5", "00.5", "-.5", "+.5", "-5.", "1e5 ", " 1e5", "1 e5",
          "1e 5", "1. 5", "1\x00", "\ufeff1", "1\u200b", "\u200b1", "\u00a0", "0x1.8p1", "0X10", "1p3",
          "1.5e3f", "1.5e3d", "Infinityf", "NaNd", "1e-5d", "0.5F", "100D"]
seen = set()
unique = []
for c in cells:
    if c not in seen and "\n" not in c and "\r" not in c:
        seen.add(c)
        unique.append(c)


def read(cell, precision):
    text = io.StringIO()
    writer = csv.writer(text, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(["x"])
    writer.writerow(["1.5"])
    writer.writerow([cell])
    writer.writerow(["2"])
    frame = pd.read_csv(io.StringIO(text.getvalue()), float_precision=precision)
    column = frame["x"]
    if column.dtype.kind != "f":
        return "text", ""
    value = column.iloc[1]
    if value != value:
        return "missing", ""
    return "number", float(value).hex()


with open(OUT, "w", newline="", encoding="utf-8") as out:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["cell_hex", "shown", "kind", "high", "round_trip"])
    for cell in unique:
        kind, high = read(cell, None)
        kind2, round_trip = read(cell, "round_trip")
        if kind2 != kind:
            round_trip = kind2
        writer.writerow([cell.encode("utf-8").hex(), ascii(cell), kind, high, round_trip])
print(len(unique), "cells written to", os.path.normpath(OUT))
