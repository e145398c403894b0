import AssessmentEngine
import BapasCLI
import _SDKSupport

// bapas-benchmarks: bulk scoring, CSV parsing, the reliability pass and the CLI path on generated data.
// Run in release mode:  swift run -c release bapas-benchmarks [--rows N] [--runs R] [--json]

var rows = 1_000_000
var runs = 11
var json = false
var only: String? = nil
var arguments = Array(CommandLine.arguments.dropFirst())
while !arguments.isEmpty {
  let a = arguments.removeFirst()
  switch a {
  case "--rows": rows = Int(arguments.isEmpty ? "" : arguments.removeFirst()) ?? rows
  case "--runs": runs = max(7, Int(arguments.isEmpty ? "" : arguments.removeFirst()) ?? runs)
  case "--only": only = arguments.isEmpty ? nil : arguments.removeFirst()
  case "--json": json = true
  case "-h", "--help":
    print("usage: bapas-benchmarks [--rows N (default 1000000)] [--runs R (≥ 7, default 11)] [--only NAME] [--json]")
    Platform.exitProcess(0)
  default:
    printError("bapas-benchmarks: unknown argument '\(a)'")
    Platform.exitProcess(64)
  }
}
#if DEBUG
  printError("warning: a debug build; run with `swift run -c release bapas-benchmarks` for real figures.")
#endif

let cases = BenchmarkCases(rows: rows, runs: runs)
var results: [Measurement] = []
for c in cases.all where only == nil || c.name.contains(only!) {
  if !json { printError("running \(c.name)…") }
  results.append(contentsOf: c.run())
}

if json {
  var out =
    "{\"rows\":\(rows),\"runs\":\(runs),\"threads\":\(cases.threads),\"peakRSSMiB\":\(fixed(peakRSSMiB(), 1)),\"cases\":["
  out += results.map { m in
    var fields = [
      "\"name\":\"\(m.name)\"", "\"rows\":\(m.rows)", "\"medianMs\":\(m.median * 1e3)", "\"minMs\":\(m.minimum * 1e3)",
      "\"maxMs\":\(m.maximum * 1e3)", "\"respondentsPerSecond\":\(m.throughput)",
    ]
    if let b = m.bytes { fields.append("\"gigabytesPerSecond\":\(Double(b) / m.median / 1e9)") }
    if let base = m.baselineMedian {
      fields.append("\"baselineMedianMs\":\(base * 1e3)")
      fields.append("\"speedupOverBaseline\":\(base / m.median)")
    }
    return "{" + fields.joined(separator: ",") + "}"
  }.joined(separator: ",")
  out += "]}"
  print(out)
} else {
  print("bapas-benchmarks: \(rows) rows, \(runs) runs after warm-up, \(cases.threads) threads")
  print(
    pad("case", 46) + pad("median ms", 11, right: true) + pad("min ms", 10, right: true)
      + pad("max ms", 10, right: true)
      + pad("resp/s", 14, right: true) + pad("vs naive", 10, right: true) + pad("GB/s", 8, right: true))
  for m in results {
    var line =
      pad(m.name, 46) + pad(fixed(m.median * 1e3, 3), 11, right: true) + pad(fixed(m.minimum * 1e3, 3), 10, right: true)
      + pad(fixed(m.maximum * 1e3, 3), 10, right: true) + pad(fixed(m.throughput / 1e6, 1) + " M", 14, right: true)
    line += pad(m.baselineMedian.map { fixed($0 / m.median, 1) + "×" } ?? "", 10, right: true)
    line += pad(m.bytes.map { fixed(Double($0) / m.median / 1e9, 2) } ?? "", 8, right: true)
    print(line)
  }
  print("peak RSS \(fixed(peakRSSMiB(), 1)) MiB")
}
