import AssessmentEngine
import WorkingAlliance

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Every instrument built into the SDK, as `--instrument NAME` finds them.
let builtInInstruments: InstrumentLibrary = .assessmentEngine + .workingAlliance

/// The options shared by commands that score an instrument: `--instrument NAME|PATH.json` or
/// `--scale NAME=ITEMS… --min N --max N`.
enum InstrumentSelection {
  static let options: [CommandSpec.Option] = [
    .init(
      name: "instrument", valueName: "name-or-path",
      help: "A built-in instrument id (see 'bapas instruments') or a definition JSON file."),
    .init(
      name: "scale", valueName: "key",
      help: "A scale key as in psych, e.g. Goal=item4,item6 or Task=item1,-item3 (reverse-keyed). Repeatable.",
      repeatable: true),
    .init(name: "min", valueName: "n", help: "The lowest response (with --scale)."),
    .init(name: "max", valueName: "n", help: "The highest response (with --scale)."),
  ]

  /// The definition the arguments select.
  static func resolve(_ args: ParsedArguments, spec: CommandSpec) throws(CommandFailure) -> InstrumentDefinition {
    let name = args.value("instrument")
    let keys = args.all("scale")
    if name != nil, !keys.isEmpty { throw .usage(.conflictingOptions("--instrument", "--scale"), spec) }
    if let name {
      if args.value("min") != nil || args.value("max") != nil {
        throw .usage(
          .optionMisuse(
            options: ["min", "max"],
            why: "'--min' and '--max' go with '--scale'; an instrument's definition gives its own scale."), spec)
      }
      if let builtIn = builtInInstruments.definition(id: name) { return builtIn }
      guard name.hasSuffix(".json") || name.contains("/") else {
        throw .usage(
          .invalidValue(
            option: "instrument", value: name,
            expected:
              "a built-in id (\(builtInInstruments.ids.joined(separator: ", "))) or a path to a .json definition.",
            suggestion: didYouMean(name, among: builtInInstruments.ids)), spec)
      }
      let bytes: [UInt8]
      switch ChunkedFile.open(name) {
      case .failure(let error): throw .failed(.unreadable(error))
      case .success(let file):
        defer { file.close() }
        do { bytes = try file.readAll() } catch { throw .failed(.unreadable(name, error)) }
      }
      do {
        return try InstrumentDefinition(jsonData: Data(bytes))
      } catch {
        throw .failed(error.issues.map { CLIError($0, file: name) })
      }
    }
    guard !keys.isEmpty else {
      throw .usage(.missingOption("'--instrument <name-or-path>' or at least one '--scale <key>'"), spec)
    }
    var parsed: [QuickKey] = []
    for key in keys {
      do { parsed.append(try QuickKey(parsing: key)) } catch {
        throw .usage(
          .invalidValue(option: "scale", value: key, expected: "NAME=ITEM,ITEM,… (\(error.description))"), spec)
      }
    }
    let min: Int?
    let max: Int?
    do {
      min = try args.int("min")
      max = try args.int("max")
    } catch { throw .usage(error, spec) }
    guard let min else { throw .usage(.missingOption("'--min <n>' (the lowest response) with '--scale'"), spec) }
    guard let max else { throw .usage(.missingOption("'--max <n>' (the highest response) with '--scale'"), spec) }
    guard min < max else {
      throw .usage(
        .optionMisuse(options: ["min", "max"], why: "'--min' (\(min)) must be less than '--max' (\(max))."), spec)
    }
    guard ResponseScale(min: min, max: max).packedWidth != nil else {
      throw .usage(
        .optionMisuse(
          options: ["min", "max"],
          why:
            "The scale \(min)…\(max) given by '--min' and '--max' is wider than \(ResponseScale.maximumWidth + 1) values or reaches beyond ±\(ResponseScale.maximumMagnitude) (the most a response file can hold)."
        ), spec)
    }
    do {
      return try InstrumentDefinition.quick(parsed, min: min, max: max)
    } catch {
      throw .failed(
        error.issues.map { issue in
          CLIError(.invalidDefinition, .init(option: "scale"), why: "--scale: \(issue)")
        })
    }
  }
}

extension ParsedArguments {
  /// The files a command reads: its positional arguments and an `--instrument`, `--key-file` or
  /// `--map-file` given as a path. An `--output` naming one of them is refused.
  var inputFiles: [String] {
    positionals + [value("instrument"), value("key-file"), value("map-file")].compactMap { $0 }
  }

  /// The `--missing` tokens (comma-separated; default `NA`), which every response-reading command takes.
  var missingTokens: [String] {
    value("missing").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) } ?? ["NA"]
  }

  /// Warnings for `--missing` tokens that are answers on the scale: a cell holding one is read as
  /// missing, which silently drops a valid answer unless the user meant it.
  func missingTokenWarnings(scale: ResponseScale) -> [CLIError] {
    missingTokens.compactMap { token in
      let trimmed = token.trimmingWhitespace()
      let number = Int(trimmed) ?? Double(trimmed).flatMap { $0 == $0.rounded() && abs($0) < 1e15 ? Int($0) : nil }
      guard let number, scale.contains(number) else { return nil }
      return .warning(
        .init(option: "missing"),
        "the --missing token \(quotedForMessage(token)) is an answer on the response scale \(scale.min)…\(scale.max): every cell holding it is read as missing, not as the answer \(number)."
      )
    }
  }
}
