#!/usr/bin/env python3
"""A host that talks to `bapas serve --stdio`: one JSON request per line in, one response line out.
Scores a response CSV and compares with R psych, sends garbage between requests (the server answers
with errors and stays up) and checks that the server exits 0 at the end of input.

  python3 Examples/Embedding/stdio_host.py .build/debug/bapas data.csv r_scores.csv
"""
import csv
import json
import subprocess
import sys

# BEGIN SNIPPET python-stdio
server = subprocess.Popen([sys.argv[1], "serve", "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)


def exchange(line: bytes):
    """Sends one line and reads one response line (a notification would get none: don't wait)."""
    server.stdin.write(line + b"\n")
    server.stdin.flush()
    return json.loads(server.stdout.readline())
# END SNIPPET python-stdio


with open(sys.argv[2], encoding="utf-8") as f:
    data = f.read()
keys = {"Goal": ["item4", "item6", "item8", "item11"], "Task": ["item1", "item2", "item10", "item12"],
        "Bond": ["item3", "item5", "item7", "item9"], "Total": [f"item{i}" for i in range(1, 13)]}
score = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "score",
                    "params": {"scales": keys, "min": 1, "max": 5, "impute": "none", "csv": data}}).encode()

assert exchange(b"{broken")["error"]["code"] == -32700
assert exchange(b"\xff\xfe")["error"]["code"] == -32700
response = exchange(score)
assert exchange(b'{"jsonrpc":"2.0","id":2,"method":"nope"}')["error"]["code"] == -32601
server.stdin.write(b'{"jsonrpc":"2.0","method":"sdk.version"}\n')  # a notification: no response line
batch = exchange(b'[{"jsonrpc":"2.0","id":3,"method":"sdk.version"},{"jsonrpc":"2.0","id":4,"method":"instruments.list"}]')
assert [r["id"] for r in batch] == [3, 4]
server.stdin.close()
assert server.stdout.read() == b"", "nothing after the last response"
assert server.wait() == 0, "the server exits 0 at the end of input"
print("stdio server: errors answered, batch in order, exit 0 at EOF")

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from compare_with_r import compare  # noqa: E402

with open(sys.argv[3], encoding="utf-8") as f:
    problem = compare(response, list(csv.DictReader(f)))
if problem:
    sys.exit("mismatch: " + problem)
