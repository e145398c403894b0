#!/usr/bin/env python3
"""make_pseudonym_vectors.py: the expected research-export pseudonyms, computed independently of the SDK
with Python's own hmac and hashlib (Python 3 standard library).

Reads cases_shared.json and research-test.key (the key is the file's bytes, exactly as stored), writes
pseudonym_vectors.csv: caseID,pseudonym where pseudonym = lowercase hex HMAC-SHA256(key, UTF-8 client id).
Run from this directory: python3 make_pseudonym_vectors.py"""
import csv, hashlib, hmac, json

key = open("research-test.key", "rb").read()
cases = json.load(open("cases_shared.json", encoding="utf-8"))
with open("pseudonym_vectors.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["caseID", "pseudonym"])
    for c in cases:
        w.writerow([c["id"], hmac.new(key, c["client"]["id"].encode("utf-8"), hashlib.sha256).hexdigest()])
