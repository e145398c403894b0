import AssessmentEngine

/// The declared shape of one subcommand's command line: its options and positional arguments.
///
/// The parser is ours (the package has no dependencies); it follows swift-argument-parser's
/// conventions: `--name value` and `--name=value`, `--` ends options, unknown options are named
/// with a "Did you mean" suggestion, and a usage error exits with 64 (`EX_USAGE`).
struct CommandSpec: Sendable {
  /// One `--option`.
  struct Option: Sendable {
    var name: String
    /// The placeholder shown in help, e.g. `<file>`; `nil` for a flag that takes no value.
    var valueName: String?
    var help: String
    var repeatable: Bool = false
    var defaultText: String? = nil
  }

  /// One positional argument.
  struct Positional: Sendable {
    var name: String
    var help: String
    var repeatable: Bool = false
    var optional: Bool = false
  }

  var name: String
  var abstract: String
  var discussion: String = ""
  var positionals: [Positional] = []
  var options: [Option] = []

  /// The help text printed by `--help`.
  var helpText: String {
    var out = "OVERVIEW: \(abstract)\n\nUSAGE: \(usageLine)\n"
    if !discussion.isEmpty { out += "\n\(discussion)\n" }
    if !positionals.isEmpty {
      out += "\nARGUMENTS:\n"
      for p in positionals { out += pad("  <\(p.name)>", p.help) }
    }
    out += "\nOPTIONS:\n"
    for o in options {
      var left = "  --\(o.name)"
      if let v = o.valueName { left += " <\(v)>" }
      var help = o.help
      if let d = o.defaultText { help += " (default: \(d))" }
      out += pad(left, help)
    }
    out += pad("  --redact", "Keep id values and cell text out of messages (line, column and kind stay).")
    out += pad("  -h, --help", "Show help information.")
    out += examplesText
    return out
  }

  var usageLine: String {
    var parts = ["bapas", name]
    for p in positionals {
      var s = "<\(p.name)>"
      if p.repeatable { s += " ..." }
      parts.append(p.optional ? "[\(s)]" : s)
    }
    parts.append("[<options>]")
    return parts.joined(separator: " ")
  }

  private func pad(_ left: String, _ right: String) -> String {
    let width = 30
    if left.count >= width - 1 { return left + "\n" + String(repeating: " ", count: width) + right + "\n" }
    return left + String(repeating: " ", count: width - left.count) + right + "\n"
  }
}

/// A command line after parsing: option values by name, flags, and positional arguments.
struct ParsedArguments: Sendable {
  var positionals: [String] = []
  var values: [String: [String]] = [:]
  var flags: Set<String> = []
  var helpRequested = false

  /// The last value given for `name`, or `nil`.
  func value(_ name: String) -> String? { values[name]?.last }
  /// Every value given for a repeatable option, in order.
  func all(_ name: String) -> [String] { values[name] ?? [] }
  /// Whether a valueless flag was given.
  func flag(_ name: String) -> Bool { flags.contains(name) }

  /// The value of `name` parsed as an integer, or a usage error naming the option and the value.
  func int(_ name: String) throws(UsageError) -> Int? {
    guard let text = value(name) else { return nil }
    guard let v = Int(text) else { throw .invalidValue(option: name, value: text, expected: "an integer") }
    return v
  }

  /// The largest count a session-count option takes (`--early`, `--decline-sessions`, …): far more
  /// sessions than any series has, and small enough that no arithmetic on it can overflow.
  static let maximumCount = 100_000

  /// The value of `name` as a count of at most ``maximumCount``, or a usage error.
  func count(_ name: String) throws(UsageError) -> Int? {
    guard let text = value(name) else { return nil }
    guard let v = Int(text), v <= Self.maximumCount else {
      throw .invalidValue(option: name, value: text, expected: "a whole number up to \(Self.maximumCount)")
    }
    return v
  }

  /// The value of `name` parsed as a number, or a usage error naming the option and the value.
  func double(_ name: String) throws(UsageError) -> Double? {
    guard let text = value(name) else { return nil }
    guard let v = Double(text), v.isFinite else { throw .invalidValue(option: name, value: text, expected: "a number") }
    return v
  }

  /// The value of `name` when it must be one of `choices`.
  func choice(_ name: String, _ choices: [String]) throws(UsageError) -> String? {
    guard let text = value(name) else { return nil }
    guard choices.contains(text) else {
      throw .invalidValue(
        option: name, value: text, expected: "one of " + choices.map { "'\($0)'" }.joined(separator: ", "))
    }
    return text
  }
}

/// A mistake on the command line: what is wrong and the names involved. Exit status 64
/// (`EX_USAGE`). Written through ``CLIError`` and its renderer (``CLIError/init(_:usage:)``).
enum UsageError: Error, Equatable, Sendable, CustomStringConvertible {
  case unknownOption(String, suggestion: String?)
  case missingValue(option: String, valueName: String)
  case unexpectedValue(option: String)
  case invalidValue(option: String, value: String, expected: String, suggestion: String? = nil)
  case missingArgument(String)
  case unexpectedArgument(String)
  case missingOption(String)
  case conflictingOptions(String, String)
  case unknownSubcommand(String, suggestion: String?)
  /// A non-repeatable option given twice.
  case repeatedOption(String)
  /// Options that are well-formed but cannot be used as given: the options (without dashes), why,
  /// and the nearest valid name when the value names something that is not there.
  case optionMisuse(options: [String], why: String, suggestion: String? = nil)

  /// The sentence without the suggestion.
  var reason: String {
    switch self {
    case .unknownOption(let name, _):
      "Unknown option \(quotedForMessage(name))."
    case .missingValue(let option, let valueName):
      "Missing value for '--\(option) <\(valueName)>'."
    case .unexpectedValue(let option):
      "The flag '--\(option)' does not take a value."
    case .invalidValue(let option, let value, let expected, _):
      "The value \(quotedForMessage(value)) is invalid for '--\(option)': expected \(expected)."
    case .missingArgument(let name):
      "Missing expected argument '<\(name)>'."
    case .unexpectedArgument(let arg):
      "Unexpected argument \(quotedForMessage(arg))."
    case .missingOption(let text):
      "Missing \(text)."
    case .conflictingOptions(let a, let b):
      "The options '\(a)' and '\(b)' cannot be used together."
    case .unknownSubcommand(let name, _):
      "Unknown subcommand \(quotedForMessage(name))."
    case .repeatedOption(let name):
      "The option '--\(name)' was given more than once."
    case .optionMisuse(_, let why, _):
      why
    }
  }

  /// What, where and the suggestion, as ``CLIError`` holds them.
  var facts: (code: CLIError.Code, location: CLIError.Location, suggestion: String?) {
    switch self {
    case .unknownOption(let name, let suggestion):
      (.unknownOption, .init(option: String(name.drop(while: { $0 == "-" }))), suggestion)
    case .missingValue(let option, _): (.missingValue, .init(option: option), nil)
    case .unexpectedValue(let option): (.unexpectedValue, .init(option: option), nil)
    case .invalidValue(let option, _, _, let suggestion): (.invalidValue, .init(option: option), suggestion)
    case .missingArgument(let name): (.missingArgument, .init(item: name), nil)
    case .unexpectedArgument(let arg): (.unexpectedArgument, .init(item: arg), nil)
    case .missingOption: (.missingOption, .init(), nil)
    case .conflictingOptions(let a, let b):
      (
        .conflictingOptions,
        .init(option: [a, b].map { String($0.drop(while: { $0 == "-" })) }.joined(separator: " ")), nil
      )
    case .unknownSubcommand(let name, let suggestion): (.unknownSubcommand, .init(item: name), suggestion)
    case .repeatedOption(let name): (.repeatedOption, .init(option: name), nil)
    case .optionMisuse(let options, _, let suggestion):
      (.optionMisuse, .init(option: options.joined(separator: " ")), suggestion)
    }
  }

  /// The message as `bapas` prints it after `Error: ` (the reason and any suggestion).
  var description: String { CLIErrorRenderer.sentence(CLIError(self, usage: nil)) }
}

extension CommandSpec {
  /// Parses `arguments` (without the subcommand name) against this specification.
  func parse(_ arguments: [String]) throws(UsageError) -> ParsedArguments {
    var result = ParsedArguments()
    var index = 0
    var onlyPositionals = false
    while index < arguments.count {
      let arg = arguments[index]
      index += 1
      if onlyPositionals || !arg.hasPrefix("-") || arg == "-" {
        result.positionals.append(arg)
        continue
      }
      if arg == "--" {
        onlyPositionals = true
        continue
      }
      if arg == "-h" || arg == "--help" {
        result.helpRequested = true
        continue
      }
      guard arg.hasPrefix("--") else {
        throw .unknownOption(arg, suggestion: suggest(String(arg.drop(while: { $0 == "-" }))))
      }
      var name = String(arg.dropFirst(2))
      var inline: String? = nil
      if let eq = name.firstIndex(of: "=") {
        inline = String(name[name.index(after: eq)...])
        name = String(name[..<eq])
      }
      guard let option = options.first(where: { $0.name == name }) else {
        throw .unknownOption("--" + name, suggestion: suggest(name))
      }
      if let valueName = option.valueName {
        let value: String
        if let inline {
          value = inline
        } else {
          guard index < arguments.count else { throw .missingValue(option: name, valueName: valueName) }
          value = arguments[index]
          index += 1
        }
        if !option.repeatable, result.values[name] != nil {
          throw .repeatedOption(name)
        }
        result.values[name, default: []].append(value)
      } else {
        if inline != nil { throw .unexpectedValue(option: name) }
        result.flags.insert(name)
      }
    }
    if result.helpRequested { return result }
    let required = positionals.filter { !$0.optional }
    if result.positionals.count < required.count {
      throw .missingArgument(required[result.positionals.count].name)
    }
    if !(positionals.last?.repeatable ?? false), result.positionals.count > positionals.count {
      throw .unexpectedArgument(result.positionals[positionals.count])
    }
    return result
  }

  private func suggest(_ name: String) -> String? {
    didYouMean(name, among: options.map(\.name)).map { "--" + $0 }
  }
}
