#!/usr/bin/env python3
"""Writes one JSON-RPC request per method into this folder, built from the SDK's other samples
(Samples/, Documentation/Samples/), so that the requests and the documents they carry never drift
apart. Run from the repository root: python3 Documentation/Samples/rpc/make-samples.py"""
import csv, io, json, os

root = os.getcwd()
here = os.path.join(root, "Documentation", "Samples", "rpc")
def text(p): return open(os.path.join(root, p), encoding="utf-8").read()
def doc(p): return json.loads(text(p))

cases = doc("Documentation/Samples/case/case-files.json")
bad_case = json.loads(json.dumps(cases[1]))
bad_case["id"] = "C-3"
bad_case["contacts"][0]["modality"] = "telepathy"
validation = list(csv.DictReader(io.StringIO(text("Documentation/Samples/risk/validation.csv"))))

requests = {
  "sdk.version": {},
  "instruments.list": {},
  "instruments.get": {"id": "wai-sr"},
  "instruments.validate": {"definition": doc("Documentation/Samples/instrument-example.json")},
  "score": {"instrument": "wai-sr", "csv": text("Samples/wai-sr-bad-rows.csv"), "idColumn": "respondent"},
  "reliability": {"instrument": "wai-sr", "csv": text("Samples/wai-sr-sample.csv")},
  "change": {"instrument": "wai-sr", "idColumn": "respondent", "metric": "sum",
             "pre": {"csv": text("Samples/wai-sr-sample.csv")}, "post": {"csv": text("Samples/wai-sr-post.csv")},
             "reliability": 0.85, "sd": {"Goal": 2.5, "Task": 2.5, "Bond": 2.5, "Total": 6.2}},
  "alliance.series": {"instrument": "wai-sr", "csv": text("Samples/alliance-sessions.csv"), "idColumn": "client",
                      "sessionColumn": "session", "dateColumn": "date", "raterColumn": "rater"},
  "risk.assess": {"instrument": "rnr8", "clients": doc("Documentation/Samples/risk/rnr8-clients.json")["clients"], "plan": True},
  "risk.validate": {"scores": [float(r["score"]) for r in validation], "outcomes": [r["outcome"] == "1" for r in validation],
                    "bands": [r["band"] for r in validation], "bandOrder": ["rendah", "sedang", "tinggi"],
                    "groups": {"gender": [r["gender"] for r in validation]}},
  "case.validate": {"cases": cases + [bad_case]},
  "calendar.integration": {"sentence": {"countingStart": "2023-01-10", "length": {"years": 3}, "remission": {"months": 2}},
                           "asOf": "2025-01-01"},
  "compliance.flags": {"case": cases[0], "asOf": "2025-06-01"},
  "caseload.report": {"cases": cases, "officer": "PK-1", "asOf": "2025-06-01", "withinDays": 365},
  "assertive.report": {"group": doc("Documentation/Samples/assertive/group.json"), "language": "en"},
}
# A second score request: psych-style keys and row objects instead of CSV.
extra = {
  "score-rows": ("score", {"scales": {"Goal": ["item1", "item2"], "Task": ["item3", "-item4"]}, "min": 1, "max": 5,
                           "impute": "none", "idColumn": "id",
                           "rows": [{"id": "K-01", "item1": 4, "item2": 5, "item3": 2, "item4": 1},
                                    {"id": "K-02", "item1": 3, "item2": None, "item3": 4, "item4": 5}]}),
}
for n, (method, params) in list({m: (m, p) for m, p in requests.items()}.items()) + list(extra.items()):
  request = {"jsonrpc": "2.0", "id": 1, "method": method}
  if params: request["params"] = params
  with open(os.path.join(here, n + ".json"), "w", encoding="utf-8") as f:
    json.dump(request, f, ensure_ascii=False, indent=1)
    f.write("\n")
print("wrote", len(requests) + len(extra), "requests")
