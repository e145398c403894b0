#!/usr/bin/env python3
"""More SPSS fixtures from an independent writer (pyreadstat 1.3.8 = ReadStat); run here: python3 make_spss.py.
- strings_utf8.sav: item answers held as STRING labels (Indonesian/English, odd case, some blank), an id with
  accented letters, a very long string (a 596-600 byte note), uncompressed.
- ranges.sav: numeric items with user-missing RANGE 7..9 plus discrete 0 (pyreadstat missing_ranges), bytecode.
- coded0.sav: items coded 0..4 (not the scale's 1..5) whose VALUE LABELS are the anchor labels, zsav.
- wide.zsav: 40 numeric variables x 3000 cases, zlib (several blocks' worth of data is not needed: one block).
expected.json holds what each file must read as (values per case, as pyreadstat reads them)."""
import json, numpy as np, pandas as pd, pyreadstat
rng = np.random.default_rng(1414)
lab_id = ["Tidak pernah", "Jarang", "Kadang-kadang", "Sering", "Selalu"]
lab_en = ["Never", "Rarely", "Sometimes", "Often", "Always"]
expected = {}

# 1. string answers, windows-1252, very long string
n = 30
ids = [f"Klien-{i:02d}-Ärï" if i % 3 == 0 else f"K-{i:03d}" for i in range(n)]
ans = rng.integers(1, 6, size=(n, 3))
def odd(v, i, j):
    s = (lab_en if (i + j) % 4 == 0 else lab_id)[v - 1]
    return [s.upper(), s.lower(), s, " " + s + "  "][(i * 3 + j) % 4]
df = pd.DataFrame({"id": ids})
for j in range(3):
    df[f"s{j+1}"] = [odd(int(ans[i, j]), i, j) if (i + j) % 11 else "" for i in range(n)]
df["note"] = [("catatan panjang " * 40)[: 600 - (i % 5)] for i in range(n)]
pyreadstat.write_sav(df, "strings_utf8.sav", column_labels=["Identitas", "S1", "S2", "S3", "Catatan"])
expected["strings_utf8.sav"] = {"ids": ids, "s": [[int(ans[i, j]) if (i + j) % 11 else None for j in range(3)] for i in range(n)], "note_len": [600 - (i % 5) for i in range(n)]}

# 2. user-missing ranges
m = 40
x = rng.integers(1, 6, size=(m, 4)).astype(float)
codes = np.where(rng.random((m, 4)) < 0.15, rng.choice([0.0, 7.0, 8.0, 9.0], size=(m, 4)), x)
df2 = pd.DataFrame({"klien": [f"R{i}" for i in range(m)]})
for j in range(4): df2[f"q{j+1}"] = codes[:, j]
pyreadstat.write_sav(df2, "ranges.sav", missing_ranges={f"q{j+1}": [{"lo": 7, "hi": 9}, 0] for j in range(4)}, row_compress=True)
expected["ranges.sav"] = {"ids": list(df2.klien), "q": [[None if v in (0, 7, 8, 9) else int(v) for v in row] for row in codes.tolist()]}

# 3. coded 0..4 with value labels = anchor labels
k = 25
c = rng.integers(0, 5, size=(k, 2)).astype(float)
df3 = pd.DataFrame({"klien": [f"C{i}" for i in range(k)], "q1": c[:, 0], "q2": c[:, 1]})
vl = {q: {float(v): lab_id[v] for v in range(5)} for q in ("q1", "q2")}
pyreadstat.write_sav(df3, "coded0.zsav", variable_value_labels=vl, compress=True)
expected["coded0.zsav"] = {"ids": list(df3.klien), "q": [[int(v) + 1 for v in row] for row in c.tolist()]}

# 4. wide zsav
w = rng.integers(1, 6, size=(3000, 40)).astype(float)
w[rng.random(w.shape) < 0.02] = np.nan
df4 = pd.DataFrame(w, columns=[f"v{j+1}" for j in range(40)])
pyreadstat.write_sav(df4, "wide.zsav", compress=True)
expected["wide.zsav"] = {"sum_by_column": [float(np.nansum(w[:, j])) for j in range(40)], "nan_by_column": [int(np.isnan(w[:, j]).sum()) for j in range(40)]}

# read back with pyreadstat (the reference reader) for the record
for f in ["strings_utf8.sav", "ranges.sav", "coded0.zsav", "wide.zsav"]:
    d, meta = pyreadstat.read_sav(f, user_missing=True)
    print(f, d.shape, meta.file_encoding)
json.dump(expected, open("expected.json", "w"), indent=0)
