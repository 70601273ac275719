#!/usr/bin/python3
"""Writes what PredictBench's tokenizer must reproduce of Python's text rules.

Run from the repository root with Debian's python3 (3.11, Unicode 14) and scikit-learn 1.2:
    /usr/bin/python3 sample-models/write_python_text_fixtures.py

src/main/resources/dev/predictbench/preprocess/python-combining.txt
    code points with unicodedata.combining(c) != 0 (strip_accents='unicode' drops them)
src/test/resources/python-text/
  classes.json    per Python re class (\\w, \\s, \\d) the code point ranges it matches, and
                  str.lower() of every code point it changes
  analyzers.json  per vectorizer setting, the tokens scikit-learn's build_analyzer() gives for a
                  few hundred texts in many scripts (Turkish, Greek final sigma, German sharp s,
                  Cyrillic, CJK, Arabic, Devanagari, Thai, emoji, superscripts, combining marks)
"""
import json
import os
import random
import re
import unicodedata

from sklearn.feature_extraction.text import CountVectorizer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "src", "test", "resources", "python-text")
COMBINING = os.path.join(ROOT, "src", "main", "resources", "dev", "predictbench", "preprocess",
                         "python-combining.txt")

PIECES = [
    # Turkish dotted and dotless i
    "İstanbul", "IŞIK", "ılık", "Ağaç", "DİYARBAKIR", "iı",
    # Greek, final sigma in and out of context
    "ΟΔΟΣ", "Σοφία", "ΣΑΣ", "Σ", "ΑΣ'Α", "ὈΔΥΣΣΕΎΣ", "ἈΘΗΝᾶ",
    # German
    "Straße", "STRASSE", "ẞ", "Übermaß", "Maße",
    # Cyrillic
    "Москва", "ЁЖИК", "ёлка", "Київ", "Ґанок",
    # CJK, kana, Hangul
    "東京都", "漢字かな交じり文", "カタカナ", "한국어", "ｶﾀｶﾅ", "一二三",
    # Arabic, Persian (ZWNJ), Hebrew
    "العربية", "٣٤٥", "۱۲۳", "می\u200cخواهم", "עִבְרִית", "שלום",
    # Devanagari, Thai (vowel signs are marks: not word characters in Python)
    "हिन्दी", "नमस्ते", "ภาษาไทย", "สวัสดี",
    # emoji, flags, ZWJ sequences, skin tones
    "👍🏽", "🇫🇷", "👨\u200d👩\u200d👧", "❤️", "😀ok", "ok😀",
    # superscripts, subscripts, fractions, circled and Roman numbers
    "m²", "x³", "CO₂", "H₂O", "½", "①②", "Ⅻ", "ⅷ", "10⁻³",
    # combining accents, precomposed and not
    "cafe\u0301", "café", "n\u0303o", "São", "Zoë", "e\u0301e\u0301", "A\u030a", "Å",
    # fullwidth, ligatures, math letters, Deseret (outside the BMP)
    "ＡＢＣ１２３", "ﬁne", "ﬀ", "𝐀𝐁𝐂", "𝟙𝟚", "𐐀𐐁", "𐐨",
    # connector punctuation, underscores, apostrophes, hyphens, numbers
    "a‿b", "＿x", "snake_case", "__init__", "don't", "l'été", "co-operate", "3.14", "1,000", "42", "x",
    "e-mail", "U.S.A.", "#hashtag", "@user", "C++", "naïve", "RÉSUMÉ", "Ærø", "Øresund", "Łódź",
]
SEPARATORS = [" ", " ", " ", "  ", "\t", "\n", "\u00a0", "\u3000", "\u2028", "\u2009", "\x1c", ", ", ". ", "-",
              "'", "_", "/", "", "\u0301"]
SETTINGS = [
    {},
    {"lowercase": False},
    {"strip_accents": "unicode"},
    {"strip_accents": "ascii"},
    {"strip_accents": "unicode", "lowercase": False},
    {"token_pattern": r"(?u)\b\w+\b"},
    {"token_pattern": r"[^\s,;]+"},
    {"token_pattern": r"\S+", "ngram_range": [1, 3]},
    {"token_pattern": r"\d+(?:[.,]\d+)?"},
    {"token_pattern": r"(?i)\bco\w*", "lowercase": False},
    {"token_pattern": r"(\w+)'?"},
    {"token_pattern": r"\B\w+"},
    {"token_pattern": r"[\w-]+"},
    {"token_pattern": r"[^\W\d_]+"},
    {"token_pattern": r"\w+$"},
    {"token_pattern": r"^\w+|\w+\Z"},
    {"token_pattern": r"(?P<w>\w)(?P=w)\w*"},
    {"token_pattern": r"[\u00c0-\u024f]+|\w{3,}", "lowercase": False},
    {"token_pattern": r"\b\w{2,}\b", "ngram_range": [1, 2], "stop_words": "english"},
    {"token_pattern": r"\b\w+'\w+\b|\w\b"},
    {"token_pattern": r"\b\w*\b"},
    {"token_pattern": r"\b\w?\W\b"},
]


def texts(n=300, seed=22):
    rng = random.Random(seed)
    out = list(PIECES) + [" ".join(PIECES)]
    for _ in range(n - len(out)):
        words = [rng.choice(PIECES) for _ in range(rng.randint(1, 7))]
        text = ""
        for w in words:
            text += w + rng.choice(SEPARATORS)
        out.append(text.strip(" ") if rng.random() < 0.5 else text)
    return out


def ranges(predicate):
    out = []
    for cp in range(0x110000):
        if predicate(chr(cp)):
            if out and out[-1][1] == cp - 1:
                out[-1][1] = cp
            else:
                out.append([cp, cp])
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(COMBINING, "w") as f:
        f.write("# Code points with a non-zero canonical combining class (Python's unicodedata.combining(c) != 0),\n")
        f.write("# Unicode %s, written by sample-models/write_python_text_fixtures.py; start-end in hex.\n"
                % unicodedata.unidata_version)
        for a, b in ranges(unicodedata.combining):
            f.write("%x-%x\n" % (a, b))

    word, space, digit = re.compile(r"\w"), re.compile(r"\s"), re.compile(r"\d")
    lower = {str(cp): chr(cp).lower() for cp in range(0x110000)
             if not 0xD800 <= cp <= 0xDFFF and chr(cp).lower() != chr(cp)}
    assigned = ranges(lambda c: unicodedata.category(c) != "Cn")
    # str.lower()'s Final_Sigma rule reads Case_Ignorable and Cased, which Python does not expose:
    # read them off lower() itself. c + SIGMA ends in a final sigma iff c is cased and not
    # case-ignorable; "A" + c + SIGMA iff c is case-ignorable or cased.
    final = "\u03c2"
    cased_alone = lambda c: (c + "\u03a3").lower().endswith(final)
    ignorable = lambda c: ("A" + c + "\u03a3").lower().endswith(final) and not cased_alone(c)
    with open(os.path.join(OUT, "classes.json"), "w") as f:
        json.dump({"unicode": unicodedata.unidata_version, "assigned": assigned,
                   "w": ranges(lambda c: word.match(c) is not None),
                   "s": ranges(lambda c: space.match(c) is not None),
                   "d": ranges(lambda c: digit.match(c) is not None), "lower": lower,
                   "case_ignorable": ranges(lambda c: not 0xD800 <= ord(c) <= 0xDFFF and ignorable(c)),
                   "cased_not_ignorable": ranges(lambda c: not 0xD800 <= ord(c) <= 0xDFFF and cased_alone(c))}, f)
        f.write("\n")

    docs = texts()
    cases = []
    for setting in SETTINGS:
        kwargs = dict(setting)
        if "ngram_range" in kwargs:
            kwargs["ngram_range"] = tuple(kwargs["ngram_range"])
        analyzer = CountVectorizer(**kwargs).build_analyzer()
        cases.append({"setting": setting, "tokens": [analyzer(d) for d in docs]})
    with open(os.path.join(OUT, "analyzers.json"), "w") as f:
        json.dump({"texts": docs, "cases": cases}, f, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
