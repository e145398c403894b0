import AssessmentEngine

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Seeded mutations of seed inputs, aimed at what broke before: line ends (CR, LF CR), quotes, byte
/// order marks, separators, huge and negative numbers, control characters, repetition and
/// truncation. `package`: used by `bapas-fuzz`.
package struct FuzzMutator {
  package var random: FuzzRandom
  /// Inputs are kept below this size so that one input's work stays bounded.
  package static let maximumInputBytes = 1 << 16

  package init(seed: UInt64) { random = FuzzRandom(seed: seed) }

  static let interestingBytes: [UInt8] = [
    0x22, 0x2C, 0x0D, 0x0A, 0x3B, 0x09, 0x20, 0x00, 0x1B, 0xFF, 0xEF, 0x2D, 0x30, 0x39, 0x7B, 0x7D, 0x5B, 0x5D, 0x3A,
    0x5C,
  ]
  static let interestingTexts: [String] = [
    "\"", "\"\"", "\r", "\n\r", "\r\n", "\u{FEFF}", ";", "9223372036854775807", "-9223372036854775808", "1e19", "1e999",
    "-0",
    "NaN", "NA", "\u{1B}[2J", "\\u0000", "\\ud800", "{", "[", "}", "]", "null", "true", "\"a\":1,\"a\":2", "0.5",
    "999999999999999999999",
    ",,,,,,,,", "\"x\ny\"", "é", "\u{202E}",
  ]

  /// One to four mutations of `seed` (or a splice with `other`).
  package mutating func mutate(_ seed: [UInt8], other: [UInt8]) -> [UInt8] {
    var b = seed
    for _ in 0...random.below(4) { b = mutateOnce(b, other: other) }
    if b.count > Self.maximumInputBytes { b.removeLast(b.count - Self.maximumInputBytes) }
    return b
  }

  private mutating func position(_ b: [UInt8]) -> Int { random.below(b.count + 1) }

  private mutating func mutateOnce(_ input: [UInt8], other: [UInt8]) -> [UInt8] {
    var b = input
    switch random.below(14) {
    case 0 where !b.isEmpty:  // flip a bit
      let i = random.below(b.count)
      b[i] ^= UInt8(1 << random.below(8))
    case 1:  // insert an interesting byte
      b.insert(Self.interestingBytes[random.below(Self.interestingBytes.count)], at: position(b))
    case 2:  // insert an interesting text
      b.insert(
        contentsOf: Array(Self.interestingTexts[random.below(Self.interestingTexts.count)].utf8), at: position(b))
    case 3 where !b.isEmpty:  // delete a range
      let i = random.below(b.count)
      b.removeSubrange(i..<Swift.min(b.count, i + 1 + random.below(16)))
    case 4 where !b.isEmpty:  // duplicate a range
      let i = random.below(b.count)
      let piece = Array(b[i..<Swift.min(b.count, i + 1 + random.below(64))])
      b.insert(contentsOf: piece, at: position(b))
    case 5:  // change every line end
      let ending: [UInt8] = [[0x0D], [0x0D, 0x0A], [0x0A, 0x0D], [0x0A]][random.below(4)]
      var out: [UInt8] = []
      var i = 0
      while i < b.count {
        if b[i] == 0x0D || b[i] == 0x0A {
          out.append(contentsOf: ending)
          if i + 1 < b.count, b[i] == 0x0D, b[i + 1] == 0x0A { i += 1 }
        } else {
          out.append(b[i])
        }
        i += 1
      }
      b = out
    case 6:  // a byte-order mark (UTF-8, or UTF-16 which is not UTF-8)
      b.insert(
        contentsOf: random.chance(3) ? [0xFF, 0xFE] : [0xEF, 0xBB, 0xBF], at: random.chance(4) ? position(b) : 0)
    case 7 where !b.isEmpty:  // quote a field: wrap a run without separators in quotes
      var i = random.below(b.count)
      while i > 0, b[i - 1] != 0x2C, b[i - 1] != 0x0A { i -= 1 }
      var j = i
      while j < b.count, b[j] != 0x2C, b[j] != 0x0A, b[j] != 0x0D { j += 1 }
      b.insert(0x22, at: j)
      b.insert(0x22, at: i)
    case 8 where !b.isEmpty:  // truncate
      b.removeLast(random.below(b.count))
    case 9:  // splice with another seed
      let cut = position(b)
      let from = random.below(other.count + 1)
      b = Array(b[..<cut]) + Array(other[from...])
    case 10 where !b.isEmpty:  // repeat one line many times
      let i = random.below(b.count)
      var s = i
      var e = i
      while s > 0, b[s - 1] != 0x0A { s -= 1 }
      while e < b.count, b[e] != 0x0A { e += 1 }
      let line = Array(b[s..<Swift.min(b.count, e + 1)])
      for _ in 0..<(1 + random.below(200)) { b.insert(contentsOf: line, at: s) }
    case 11 where !b.isEmpty:  // replace a number with an extreme one
      let i = random.below(b.count)
      if b[i] >= 0x30 && b[i] <= 0x39 {
        var e = i
        while e < b.count, b[e] >= 0x30, b[e] <= 0x39 { e += 1 }
        b.replaceSubrange(
          i..<e,
          with: Array(["9223372036854775807", "-1", "1e19", "4294967296", "255", "256", "1000"][random.below(7)].utf8))
      }
    case 12:  // separators: commas become semicolons (or tabs)
      let to: UInt8 = random.chance(2) ? 0x3B : 0x09
      for i in b.indices where b[i] == 0x2C && random.chance(2) { b[i] = to }
    default:  // replace a byte with an interesting one
      if !b.isEmpty { b[random.below(b.count)] = Self.interestingBytes[random.below(Self.interestingBytes.count)] }
    }
    return b
  }

  // MARK: Command lines

  static let interestingValues = [
    "0", "-1", "1", "2", "0.5", "1e19", "1e300", "-1e300", "9223372036854775807", "-9223372036854775808", "nan", "inf",
    "-inf", "",
    " ", "1e-320", "7", "100000", "100001", "NA", "3", "\u{1B}[31m", "Goal=item4,item6", "X=", "=a", "X=a,,b", "X=-a,a",
    "Total=0.85",
    "functional=1,2", "dysfunctional=3,0", "rendah=0.1,tinggi=2", "@DIR/seed-in.csv", "@DIR/out.csv", "-", "--", "@DIR",
    "/nonexistent/x.csv",
  ]

  /// Command lines of every subcommand over the harness's seed files (`@DIR/seed-…`).
  package static let commandSeeds: [[String]] = [
    ["score", "@DIR/seed-in.csv", "--instrument", "wai-sr", "--id-column", "respondent", "--output", "@DIR/out.csv"],
    [
      "score", "@DIR/seed-in.csv", "--scale", "Goal=item4,item6,-item8,item11", "--min", "1", "--max", "5", "--prorate",
      "2", "--format", "json",
    ],
    ["reliability", "@DIR/seed-in.csv", "--instrument", "wai-sr", "--use", "impute-mean", "--format", "json"],
    [
      "change", "@DIR/seed-in.csv", "@DIR/seed-post.csv", "--id-column", "respondent", "--instrument", "wai-sr",
      "--reliability", "Total=0.85", "--sd", "Total=6.2", "--metric", "sum",
    ],
    [
      "alliance", "@DIR/seed-alliance.csv", "--instrument", "wai-sr", "--id-column", "client", "--session-column",
      "session", "--rater-column", "rater", "--decline-sessions", "3", "--early", "2",
    ],
    ["risk", "@DIR/seed-risk.csv", "--instrument", "rnr8", "--plan", "--format", "csv"],
    [
      "validate-risk", "@DIR/seed-validation.csv", "--band-column", "band", "--expected-rates",
      "rendah=0.1,sedang=0.3,tinggi=0.6", "--confidence", "0.9",
    ],
    ["assertive", "report", "@DIR/seed-group.json", "--language", "en", "--format", "json"],
    ["instruments"],
  ]

  /// A mutated command line.
  package mutating func mutate(arguments: [String], options: [String]) -> [String] {
    var a = arguments
    for _ in 0...random.below(3) {
      switch random.below(5) {
      case 0 where a.count > 1:
        a[1 + random.below(a.count - 1)] = Self.interestingValues[random.below(Self.interestingValues.count)]
      case 1:
        a.insert("--" + options[random.below(options.count)], at: 1 + random.below(a.count))
      case 2:
        a.insert(Self.interestingValues[random.below(Self.interestingValues.count)], at: 1 + random.below(a.count))
      case 3 where a.count > 1:
        a.remove(at: 1 + random.below(a.count - 1))
      default:
        let option = options[random.below(options.count)]
        a += [
          "--" + option + (random.chance(2) ? "=" : ""),
          Self.interestingValues[random.below(Self.interestingValues.count)],
        ]
        if a[a.count - 2].hasSuffix("=") {
          let value = a.removeLast()
          a[a.count - 1] += value
        }
      }
    }
    return a
  }

  /// Every option name of every subcommand.
  package static var optionNames: [String] {
    var names = Set<String>()
    for command in BapasCommandLine.subcommands { for o in command.spec.options { names.insert(o.name) } }
    return names.sorted()
  }
}
