"""Writes the clinic-risk validation rows the ways users' tools write CSV files, with pandas itself.

Each file in src/test/resources/csv-dialects/ holds the 200 rows of
sample-models/clinic-risk/valid.csv plus a "clinician" column with non-ASCII names (carried
along, not a feature), so scoring any of them must give golden/valid_outputs.csv:
  excel-semicolon-cp1252.csv  European Excel: ';', decimal commas, Windows-1252, CRLF, blank lines at the end
  utf16.csv                   UTF-16 with a byte-order mark (Excel's "Unicode text", pandas encoding="utf-16")
  utf8-bom.csv                UTF-8 with a BOM (pandas encoding="utf-8-sig", Excel's "CSV UTF-8")
  latin1.csv                  Latin-1 without a mark: unreadable as UTF-8, read with --encoding latin-1
  question-mark-missing.csv   empty bmi written as "?" (na_rep="?"), read with --missing ?

Run: /usr/bin/python3 sample-models/build_csv_dialects.py
"""
import os

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "src", "test", "resources", "csv-dialects")
NAMES = ["Dr. Müller", "Dr. Sørensen", "Dr. Ñúñez", "Dr. Dubois-Lefèvre"]


def main():
    os.makedirs(OUT, exist_ok=True)
    df = pd.read_csv(os.path.join(HERE, "clinic-risk", "valid.csv"), keep_default_na=False, na_values=[""])
    df["clinician"] = [NAMES[i % len(NAMES)] for i in range(len(df))]

    path = os.path.join(OUT, "excel-semicolon-cp1252.csv")
    df.to_csv(path, sep=";", decimal=",", encoding="cp1252", index=False, lineterminator="\r\n")
    with open(path, "ab") as f:
        f.write(b"\r\n\r\n")
    df.to_csv(os.path.join(OUT, "utf16.csv"), encoding="utf-16", index=False)
    df.to_csv(os.path.join(OUT, "utf8-bom.csv"), encoding="utf-8-sig", index=False)
    df.to_csv(os.path.join(OUT, "latin1.csv"), encoding="latin-1", index=False)
    df.to_csv(os.path.join(OUT, "question-mark-missing.csv"), na_rep="?", index=False)
    print("wrote", sorted(os.listdir(OUT)))


if __name__ == "__main__":
    main()
