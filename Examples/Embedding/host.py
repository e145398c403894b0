#!/usr/bin/env python3
"""A Python host of the Pemasyarakatan SDK through ctypes: scores a response CSV with `score`,
compares with R psych, checks that four threads calling at once agree and that garbage gets
JSON-RPC errors.

  python3 Examples/Embedding/host.py .build/debug/libPemasyarakatanC.so data.csv r_scores.csv
"""
import ctypes
import csv
import json
import sys
from concurrent.futures import ThreadPoolExecutor

# BEGIN SNIPPET python-ctypes
sdk = ctypes.CDLL(sys.argv[1])
sdk.pema_call.argtypes = [ctypes.c_char_p]
sdk.pema_call.restype = ctypes.c_void_p  # a pointer we must hand back to pema_free
sdk.pema_free.argtypes = [ctypes.c_void_p]
sdk.pema_version.restype = ctypes.c_char_p


def call(request: bytes) -> str:
    """One JSON-RPC exchange; ctypes releases the GIL during the call."""
    pointer = sdk.pema_call(request)
    try:
        return ctypes.string_at(pointer).decode("utf-8")
    finally:
        sdk.pema_free(pointer)


def rpc(method: str, **params):
    response = json.loads(call(json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).encode()))
    if "error" in response:
        raise RuntimeError(response["error"]["data"]["why"])
    return response["result"]
# END SNIPPET python-ctypes


print("SDK", sdk.pema_version().decode())
with open(sys.argv[2], encoding="utf-8") as f:
    data = f.read()
keys = {"Goal": ["item4", "item6", "item8", "item11"], "Task": ["item1", "item2", "item10", "item12"],
        "Bond": ["item3", "item5", "item7", "item9"], "Total": [f"item{i}" for i in range(1, 13)]}
request = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "score",
                      "params": {"scales": keys, "min": 1, "max": 5, "impute": "none", "csv": data}}).encode()
response = call(request)

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from compare_with_r import compare  # noqa: E402

with open(sys.argv[3], encoding="utf-8") as f:
    problem = compare(json.loads(response), list(csv.DictReader(f)))
if problem:
    sys.exit("mismatch: " + problem)

with ThreadPoolExecutor(max_workers=4) as pool:
    answers = list(pool.map(call, [request] * 4))
assert all(a == response for a in answers), "threads disagree"
print("4 threads agree")

for garbage, code in [(b"", -32700), (b"\xff", -32700), (b"[" * 100000, -32700), (b"[]", -32600),
                      (b'{"jsonrpc":"2.0","id":1,"method":"nope"}', -32601),
                      (b'{"jsonrpc":"2.0","id":1,"method":"score","params":{"csv":1}}', -32602)]:
    assert json.loads(call(garbage))["error"]["code"] == code, garbage[:40]
print("garbage gets JSON-RPC errors")

dates = rpc("calendar.integration", sentence={"countingStart": "2023-01-10", "length": {"years": 3}}, asOf="2025-01-01")
print("PB from", dates["parole"]["earliestDate"])
