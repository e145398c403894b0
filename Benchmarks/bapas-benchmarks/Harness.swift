import _SDKSupport

/// One measured case: wall-clock times of repeated runs after a warm-up.
struct Measurement {
  let name: String
  let rows: Int
  let times: [Double]  // seconds, sorted
  var bytes: Int? = nil
  var baselineMedian: Double? = nil

  var median: Double { times[times.count / 2] }
  var minimum: Double { times[0] }
  var maximum: Double { times[times.count - 1] }
  var throughput: Double { Double(rows) / median }
}

/// Times `body` `runs` times after `warmup` untimed runs; set-up stays outside the timed block.
func measure(_ name: String, rows: Int, runs: Int, warmup: Int, _ body: () -> Void) -> Measurement {
  for _ in 0..<warmup { body() }
  var times: [Double] = []
  let clock = ContinuousClock()
  for _ in 0..<runs {
    let t = clock.measure { body() }
    times.append(Double(t.components.seconds) + Double(t.components.attoseconds) * 1e-18)
  }
  return Measurement(name: name, rows: rows, times: times.sorted())
}

/// Keeps a value alive so the optimiser cannot remove the work that produced it.
@inline(never)
func blackHole<T>(_ value: T) {
  withExtendedLifetime(value) {}
}

/// The bytes of a number with fixed decimals, for the table.
func fixed(_ value: Double, _ decimals: Int) -> String {
  var scale = 1.0
  for _ in 0..<decimals { scale *= 10 }
  let rounded = (value * scale).rounded() / scale
  var text = "\(rounded)"
  if let dot = text.firstIndex(of: ".") {
    let have = text.distance(from: dot, to: text.endIndex) - 1
    if have < decimals { text += String(repeating: "0", count: decimals - have) }
  } else if decimals > 0 {
    text += "." + String(repeating: "0", count: decimals)
  }
  return text
}

func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
  if text.count >= width { return text }
  let fill = String(repeating: " ", count: width - text.count)
  return right ? fill + text : text + fill
}

/// Peak resident set size of this process so far, in MiB.
func peakRSSMiB() -> Double {
  Double(Platform.peakResidentBytes) / 1_048_576
}

/// A deterministic generator (SplitMix64) for the benchmark data.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Writes a line to standard error.
func printError(_ text: String) {
  var line = text + "\n"
  line.withUTF8 { u in _ = u.baseAddress.map { Platform.writeAll(2, $0, u.count) } }
}
