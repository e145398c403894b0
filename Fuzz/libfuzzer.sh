#!/usr/bin/env bash
# Coverage-guided fuzzing of the AssessmentEngine readers with libFuzzer (swiftc -sanitize=fuzzer,
# checked with Swift 6.3.1 on Linux). Builds AssessmentEngine's sources and Fuzz/LibFuzzerEntry.swift
# into one binary and runs it on the seed corpus; crashes are written to .build/libfuzzer/.
# Usage: Fuzz/libfuzzer.sh [libFuzzer options, e.g. -max_total_time=600 -jobs=2]
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build/libfuzzer
mkdir -p "$out/corpus"
cp Tests/BapasCLITests/FuzzCorpus/*/* "$out/corpus/" 2>/dev/null || true
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name AssessmentEngine -package-name pemasyarakatan \
  $(find Sources/AssessmentEngine -name '*.swift') Fuzz/LibFuzzerEntry.swift -o "$out/fuzz-readers"
cd "$out"
exec ./fuzz-readers -artifact_prefix=./ -max_len=65536 -timeout=10 "$@" corpus
