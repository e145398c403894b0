#!/usr/bin/env python3
"""Writes Documentation/Schemas/methods/<method>.schema.json: for each JSON-RPC method, the params
(`$defs/params`) and the result (`$defs/result`), JSON Schema draft 2020-12. The schemas are kept here
as Python data so that shared parts (instrument selection, response data, problems) are written once;
run from the repository root: python3 Documentation/Schemas/make-method-schemas.py"""
import json, os

BASE = "https://schemas.pemasyarakatan.invalid/"
D = "2020-12"
here = os.path.join(os.getcwd(), "Documentation", "Schemas", "methods")
PROBLEM = {"$ref": BASE + "rpc.schema.json#/$defs/problem"}
PROBLEMS = {"type": "array", "items": PROBLEM}
INSTRUMENT_DEF = {"$ref": BASE + "documents/instrument-definition.schema.json"}
RISK_DEF = {"$ref": BASE + "documents/risk-definition.schema.json"}
CASE_FILE = {"$ref": BASE + "documents/case-file.schema.json"}
num_or_null = {"type": ["number", "null"]}
date = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
date_or_null = {"anyOf": [date, {"type": "null"}]}
strings = {"type": "array", "items": {"type": "string"}}
obj = {"type": "object"}

# Instrument selection and data, shared by score, reliability, change and alliance.series.
selection = {
  "instrument": {"description": "A built-in questionnaire id (instruments.list) or a definition object.",
                 "oneOf": [{"type": "string"}, INSTRUMENT_DEF]},
  "scales": {"description": "psych-style keys: scale name → item ids, '-' before a reverse-keyed item (with min and max).",
             "type": "object", "minProperties": 1, "additionalProperties": {"type": "array", "minItems": 1, "items": {"type": "string"}}},
  "min": {"type": "integer"}, "max": {"type": "integer"},
}
row = {"type": "object", "additionalProperties": {"type": ["number", "string", "boolean", "null"]}}
data = {
  "csv": {"type": "string", "description": "CSV text with a header naming the item columns (RFC 4180)."},
  "rows": {"type": "array", "description": "One object per respondent: item id → whole number or null (missing).", "items": row},
}
data_options = {
  "idColumn": {"type": "string"}, "missing": strings, "outOfRange": {"enum": ["reject", "missing"]},
}
policy = {"impute": {"enum": ["none", "mean", "median"]},
          "prorate": {"type": "number", "exclusiveMinimum": 0, "description": "A count ≥ 1 or a fraction < 1."}}
one_instrument = [{"required": ["instrument"]}, {"required": ["scales", "min", "max"]}]
one_data = [{"required": ["csv"]}, {"required": ["rows"]}]

def params(props, required=(), extra=None):
  s = {"type": "object", "properties": props, "additionalProperties": False}
  if required: s["required"] = list(required)
  if extra: s.update(extra)
  return s

def result(props, required=None, additional=False):
  s = {"type": "object", "properties": props, "required": list(required if required is not None else props.keys())}
  if not additional: s["additionalProperties"] = False
  return s

score_cell = {"type": "object", "properties": {"sum": num_or_null, "mean": num_or_null, "missing": {"type": "integer", "minimum": 0},
              "absence": {"type": "string"}}, "required": ["sum", "mean", "missing"], "additionalProperties": False}
blocker = {"type": "object", "properties": {"what": {"type": "string"}, "why": {"type": "string"}, "detail": obj}, "required": ["what", "why"]}
eligibility = {"anyOf": [{"type": "null"}, result({
  "eligible": {"type": "boolean"}, "earliestDate": date, "expiry": date, "programmeEnd": date, "goodBehaviourSince": date_or_null,
  "blockers": {"type": "array", "items": blocker}, "source": {"type": "object", "required": ["citation", "effectiveFrom"]}})]}
duration = {"type": "object", "properties": {"years": {"type": "integer"}, "months": {"type": "integer"}, "days": {"type": "integer"}}, "additionalProperties": False}
record_problem = {"type": "object", "required": ["what", "why"]}

methods = {
  "sdk.version": (params({}), result({"sdk": {"type": "string"}, "protocol": {"type": "string"}, "jsonrpc": {"const": "2.0"}, "methods": strings})),
  "instruments.list": (params({}), result({"instruments": {"type": "array", "items": {"type": "object", "required": ["id", "kind", "version", "name", "items"],
      "properties": {"id": {"type": "string"}, "kind": {"enum": ["questionnaire", "risk"]}, "version": {"type": "string"}, "items": {"type": "integer"},
                     "scales": strings, "citation": {"type": "string"}, "licence": {"type": "string"}, "status": {"type": "string"}}}}})),
  "instruments.get": (params({"id": {"type": "string"}}, ["id"]),
      {"oneOf": [result({"kind": {"const": "questionnaire"}, "definition": INSTRUMENT_DEF}), result({"kind": {"const": "risk"}, "definition": RISK_DEF})]}),
  "instruments.validate": (params({"definition": obj, "kind": {"enum": ["questionnaire", "risk"]}}, ["definition"]),
      result({"valid": {"type": "boolean"}, "kind": {"enum": ["questionnaire", "risk"]}, "problems": PROBLEMS})),
  "score": (params({**selection, **data, **data_options, **policy}, extra={"allOf": [{"oneOf": one_instrument}, {"oneOf": one_data}]}),
      result({"scores": {"type": "array", "items": result({"id": {"type": ["string", "null"]}, "scales": {"type": "object", "additionalProperties": score_cell}})},
              "problems": PROBLEMS, "policy": {"enum": ["none", "mean", "median", "prorate"]}, "policySummary": {"type": "string"},
              "instrument": {"type": "string"}, "rowsRead": {"type": "integer"}, "rowsScored": {"type": "integer"}, "rowsRejected": {"type": "integer"}})),
  "reliability": (params({**selection, **data, "missing": strings, "outOfRange": data_options["outOfRange"],
                          "use": {"enum": ["pairwise", "complete", "impute-mean", "impute-median"]}, "ciRows": {"enum": ["all", "complete"]}},
                         extra={"allOf": [{"oneOf": one_instrument}, {"oneOf": one_data}]}),
      result({"instrument": {"type": "string"}, "rowsRead": {"type": "integer"}, "rowsAnalysed": {"type": "integer"}, "rowsRejected": {"type": "integer"},
              "missingData": {"enum": ["pairwise", "listwise", "imputeMean", "imputeMedian"]},
              "scales": {"type": "object", "additionalProperties": {"oneOf": [
                  {"type": "object", "required": ["alpha", "standardizedAlpha", "omegaTotal", "items", "itemOrder"]},
                  result({"error": {"type": "object", "required": ["what", "why"]}})]}},
              "problems": PROBLEMS})),
  "change": (params({**selection, **data_options, **policy,
                     "pre": params(data, extra={"oneOf": one_data}), "post": params(data, extra={"oneOf": one_data}),
                     "reliability": {"oneOf": [{"type": "number"}, {"type": "object", "additionalProperties": {"type": "number"}}]},
                     "sd": {"oneOf": [{"type": "number"}, {"type": "object", "additionalProperties": {"type": "number"}}]},
                     "criterion": {"type": "number", "exclusiveMinimum": 0}, "direction": {"enum": ["higher", "lower"]}, "metric": {"enum": ["sum", "mean"]}},
                    ["pre", "post", "idColumn"], extra={"oneOf": one_instrument}),
      result({"respondents": {"type": "array", "items": result({"id": {"type": "string"}, "scales": {"type": "object", "additionalProperties": result({
                  "pre": num_or_null, "post": num_or_null, "change": num_or_null, "rci": num_or_null,
                  "reliableChange": {"enum": ["improved", "deteriorated", "unchanged", None]}, "reason": {"type": ["string", "null"]}})}})},
              "onlyInPre": strings, "onlyInPost": strings, "criterion": {"type": "number"}, "direction": {"type": "string"},
              "policy": {"type": "string"}, "problems": PROBLEMS,
              "scales": {"type": "array", "items": {"type": "object", "required": ["scale", "metric", "reliability", "sd", "standardErrorOfMeasurement", "reliableChangeThreshold"]}}})),
  "alliance.series": (params({**selection, **data, **data_options, **policy, "sessionColumn": {"type": "string"}, "dateColumn": {"type": "string"},
                              "raterColumn": {"type": "string"}, "rater": {"enum": ["client", "klien", "pk"]}, "formColumn": {"type": "string"},
                              "measure": {"enum": ["goal", "task", "bond", "total"]}, "metric": {"enum": ["sum", "mean", "percent"]},
                              "early": {"type": "integer", "minimum": 1}, "reliability": {"type": "number"}, "sd": {"type": "number", "exclusiveMinimum": 0},
                              "publishedReliability": {"type": "boolean"}, "ruptureSDs": {"type": "number", "exclusiveMinimum": 0},
                              "ruptureSD": {"type": "number", "exclusiveMinimum": 0}, "repairWithin": {"type": "integer", "minimum": 1},
                              "repairFraction": {"type": "number", "exclusiveMinimum": 0, "maximum": 1}, "declineSessions": {"type": "integer", "minimum": 1},
                              "declinePoints": {"type": "number", "minimum": 0}},
                             ["idColumn", "sessionColumn"], extra={"allOf": [{"oneOf": one_instrument}, {"oneOf": one_data}],
                             "description": "The rows form is documented as a document: documents/alliance-rows.schema.json."}),
      result({"instrument": {"type": "string"}, "policy": {"type": "string"}, "reliability": {"type": ["object", "null"]},
              "dyads": {"type": "array", "items": {"type": "object", "required": ["dyad", "options"]}},
              "rowErrors": {"type": "array", "items": record_problem}, "seriesErrors": {"type": "array", "items": record_problem}, "problems": PROBLEMS})),
  "risk.assess": (params({"instrument": {"oneOf": [{"type": "string"}, RISK_DEF]}, "clients": {"$ref": BASE + "documents/risk-clients.schema.json#/$defs/clients"},
                          "plan": {"type": "boolean"}}, ["instrument", "clients"]),
      result({"instrument": result({"id": {"type": "string"}, "version": {"type": "string"}, "status": {"type": "string"}}),
              "results": {"type": "array", "items": result({"client": {"type": "string"}, "responsivity": strings,
                  "assessment": {"type": "object", "required": ["total", "domains"]}, "mappedBands": {"type": "array"}, "plan": {"type": ["object", "null"]}})},
              "problems": PROBLEMS})),
  "risk.validate": (params({"scores": {"type": "array", "items": {"type": "number"}}, "outcomes": {"type": "array", "items": {"type": "boolean"}},
                            "bands": strings, "bandOrder": strings, "expectedRates": {"type": "object", "additionalProperties": {"type": "number", "minimum": 0, "maximum": 1}},
                            "groups": {"type": "object", "additionalProperties": strings}, "confidence": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1}},
                           ["scores", "outcomes"]),
      result({"people": {"type": "integer"}, "confidence": {"type": "number"},
              "auc": {"type": "object", "required": ["auc", "positives", "negatives", "deLong", "hanleyMcNeil"]},
              "bandRates": {"type": ["array", "null"]}, "calibration": {"type": ["object", "null"]},
              "subgroups": {"type": "object", "additionalProperties": {"type": "array"}}})),
  "case.validate": (params({"cases": {"type": "array", "items": obj}}, ["cases"]),
      result({"records": {"type": "array", "items": CASE_FILE}, "errors": PROBLEMS, "rejected": {"type": "array", "items": {"type": "integer"}}})),
  "calendar.integration": (params({"sentence": {"type": "object", "properties": {"countingStart": date, "length": duration, "remission": duration},
                                                "required": ["countingStart", "length"], "additionalProperties": False},
                                   "asOf": date, "lastRemission": duration, "convention": {"enum": ["calendarDays", "thirtyDayMonths"]},
                                   "remission": {"enum": ["reducesSentence", "ignored"]}}, ["sentence", "asOf"]),
      result({"asOf": date, "nominalEnd": date, "expiry": date, "parole": eligibility, "conditionalLeave": eligibility,
              "leaveBeforeRelease": eligibility, "assimilation": eligibility})),
  "compliance.flags": (params({"case": obj, "asOf": date, "policy": {"type": "object", "properties": {"missedReportThreshold": {"type": "integer", "minimum": 1},
                              "missedSessionThreshold": {"type": "integer", "minimum": 1}}, "required": ["missedReportThreshold", "missedSessionThreshold"]}},
                             ["case", "asOf"]),
      result({"caseID": {"type": "string"}, "report": {"type": "object", "required": ["asOf", "periods", "flags"]},
              "overduePeriods": {"type": "array"}, "needingAction": {"type": "array", "items": {"type": "object", "required": ["kind", "raisedOn", "evidence"]}}})),
  "caseload.report": (params({"cases": {"type": "array", "items": obj}, "asOf": date, "officer": {"type": "string"}, "bapas": {"type": "string"},
                              "withinDays": {"type": "integer", "minimum": 0}}, ["cases", "asOf"],
                             extra={"oneOf": [{"required": ["officer"]}, {"required": ["bapas"]}]}),
      result({"asOf": date, "entries": {"type": "array", "items": {"type": "object", "required": ["caseID", "stage", "expectedStage", "reassessmentDue"]}},
              "byStage": {"type": "array"}, "dueReassessments": {"type": "array"}, "overdueReports": strings, "needingAction": strings,
              "stageReviewsDue": strings, "countsByOfficer": {"type": "array"}, "errors": PROBLEMS, "rejected": {"type": "array", "items": {"type": "integer"}}})),
  "assertive.report": (params({"group": {"$ref": BASE + "documents/assertive-group.schema.json"}, "language": {"enum": ["id", "en"]},
                               "format": {"enum": ["json", "markdown"]}}, ["group"]),
      {"oneOf": [result({"report": {"type": "object", "required": ["group", "clients"]}, "problems": {"type": "array", "items": record_problem}}),
                 result({"markdown": {"type": "string"}, "problems": {"type": "array", "items": record_problem}})]}),
}

os.makedirs(here, exist_ok=True)
for name, (p, r) in methods.items():
  schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{BASE}methods/{name}.schema.json",
            "title": f"JSON-RPC method {name}", "$defs": {"params": p, "result": r}}
  with open(os.path.join(here, f"{name}.schema.json"), "w", encoding="utf-8") as f:
    json.dump(schema, f, ensure_ascii=False, indent=1)
    f.write("\n")
print("wrote", len(methods), "method schemas")
