#!/usr/bin/env python3
"""Validates every sample and every dispatcher output against the JSON Schemas (draft 2020-12) in
Documentation/Schemas/. Needs `pip install jsonschema` (4.18 or later). Run from the repository root:

  python3 Documentation/Schemas/check-schemas.py [path/to/libPemasyarakatanC.so]

Without the library only the schemas and the sample documents and requests are checked; with it,
every sample request is sent through pema_call and the response is checked against the envelope and
the method's result schema, as are the definitions of every built-in instrument and the error
responses to malformed input.
"""
import csv
import ctypes
import glob
import json
import os
import sys

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

ROOT = os.getcwd()
BASE = "https://schemas.pemasyarakatan.invalid/"
failures = []
checked = 0


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


schemas = {}
for path in glob.glob("Documentation/Schemas/**/*.json", recursive=True):
    schema = load(path)
    Draft202012Validator.check_schema(schema)
    schemas[schema["$id"]] = schema
registry = Registry().with_resources((i, Resource.from_contents(s)) for i, s in schemas.items())


def validate(instance, ref, what):
    global checked
    validator = Draft202012Validator({"$ref": ref}, registry=registry)
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    checked += 1
    for e in errors[:5]:
        failures.append(f"{what}: {'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message[:300]}")


def method_schema(method, part):
    return f"{BASE}methods/{method}.schema.json#/$defs/{part}"


# Sample documents.
for path in ["Documentation/Samples/instrument-example.json", "Documentation/Samples/wai-s-draft.json"]:
    validate(load(path), BASE + "documents/instrument-definition.schema.json", path)
validate(load("Documentation/Samples/assertive/group.json"), BASE + "documents/assertive-group.schema.json", "assertive/group.json")
validate(load("Documentation/Samples/risk/rnr8-clients.json"), BASE + "documents/risk-clients.schema.json", "risk/rnr8-clients.json")
for i, case in enumerate(load("Documentation/Samples/case/case-files.json")):
    validate(case, BASE + "documents/case-file.schema.json", f"case/case-files.json[{i}]")
with open("Samples/alliance-sessions.csv", encoding="utf-8") as f:
    rows = [{k: (int(v) if v.isdigit() and (k.startswith("item") or k == "session") else v or None) for k, v in r.items()} for r in csv.DictReader(f)]
validate(rows, BASE + "documents/alliance-rows.schema.json", "Samples/alliance-sessions.csv as rows")

# Sample requests: the envelope and the method's params.
requests = {}
for path in sorted(glob.glob("Documentation/Samples/rpc/*.json")):
    request = load(path)
    requests[path] = request
    validate(request, BASE + "rpc.schema.json", path)
    validate(request.get("params", {}), method_schema(request["method"], "params"), path + " params")

# Dispatcher outputs, through the C ABI.
if len(sys.argv) > 1:
    sdk = ctypes.CDLL(sys.argv[1])
    sdk.pema_call.argtypes = [ctypes.c_char_p]
    sdk.pema_call.restype = ctypes.c_void_p
    sdk.pema_free.argtypes = [ctypes.c_void_p]

    def call(text):
        pointer = sdk.pema_call(text if isinstance(text, bytes) else text.encode("utf-8"))
        try:
            return json.loads(ctypes.string_at(pointer).decode("utf-8"))
        finally:
            sdk.pema_free(pointer)

    for path, request in requests.items():
        response = call(json.dumps(request))
        validate(response, BASE + "rpc.schema.json#/$defs/response", path + " response")
        if "result" in response:
            validate(response["result"], method_schema(request["method"], "result"), path + " result")
        else:
            failures.append(f"{path}: error response {response['error']['data']['why']}")
    listing = call('{"jsonrpc":"2.0","id":1,"method":"instruments.list"}')["result"]["instruments"]
    for entry in listing:
        got = call(json.dumps({"jsonrpc": "2.0", "id": 1, "method": "instruments.get", "params": {"id": entry["id"]}}))
        validate(got["result"], method_schema("instruments.get", "result"), f"instruments.get {entry['id']}")
    for garbage in [b"", b"\xff", b"[" * 1000, b"[]", b"[1]", b'{"jsonrpc":"2.0","id":1,"method":"nope"}',
                    b'{"jsonrpc":"2.0","id":1,"method":"score","params":{"instrument":"wai-sr","csv":"a\\n1"}}',
                    b'{"jsonrpc":"2.0","id":1,"method":"score","params":{"csv":3}}']:
        validate(call(garbage), BASE + "rpc.schema.json#/$defs/responses", f"error response to {garbage[:30]!r}")

for f in failures:
    print("schema check failed:", f)
print(f"{checked} documents checked against {len(schemas)} schemas; {len(failures)} failures")
sys.exit(1 if failures else 0)
