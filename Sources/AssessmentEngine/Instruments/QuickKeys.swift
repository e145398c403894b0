import _SDKSupport

/// A scale written the way researchers key scales in R psych: `Goal=item4,item6,item8,item11`, with a
/// leading `-` on a reverse-keyed item (`Task=item1,-item3`).
public struct QuickKey: Sendable, Hashable {
  /// The scale it describes.
  public var scale: ScaleDefinition

  /// Parses `NAME=ITEM,ITEM,…`.
  ///
  /// - Throws: ``QuickKeyError`` naming the text and what is wrong with it.
  public init(parsing text: String) throws(QuickKeyError) {
    guard let eq = text.firstIndex(of: "=") else { throw QuickKeyError(text: text, reason: .missingEquals) }
    let name = text[..<eq].trimmingWhitespace()
    guard !name.isEmpty else { throw QuickKeyError(text: text, reason: .missingName) }
    let list = text[text.index(after: eq)...]
    var items: [String] = []
    var reversed: [String] = []
    var seen = Set<String>()  // a set, not items.contains: keys with thousands of items stay linear
    for raw in list.split(separator: ",", omittingEmptySubsequences: false) {
      var item = raw.trimmingWhitespace()
      var isReversed = false
      if item.hasPrefix("-") {
        isReversed = true
        item = String(item.dropFirst()).trimmingWhitespace()
      } else if item.hasPrefix("+") {
        item = String(item.dropFirst()).trimmingWhitespace()
      }
      guard !item.isEmpty else { throw QuickKeyError(text: text, reason: .emptyItem) }
      guard seen.insert(item).inserted else { throw QuickKeyError(text: text, reason: .duplicateItem(item)) }
      items.append(item)
      if isReversed { reversed.append(item) }
    }
    scale = ScaleDefinition(id: name, items: items, reversed: reversed, score: .mean)
  }
}

/// A quick key that cannot be read.
public struct QuickKeyError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
  /// What is wrong.
  public enum Reason: Sendable, Hashable, Codable {
    /// No `=` between the scale name and its items.
    case missingEquals
    /// Nothing before the `=`.
    case missingName
    /// An empty entry in the item list (`a,,b` or a trailing comma).
    case emptyItem
    /// The same item twice in one scale.
    case duplicateItem(String)
  }

  /// The key as given.
  public var text: String
  /// What is wrong.
  public var reason: Reason

  /// Creates the error.
  public init(text: String, reason: Reason) {
    self.text = text
    self.reason = reason
  }

  /// A sentence naming the key and the problem.
  public var description: String {
    let why: String
    switch reason {
    case .missingEquals: why = "expected NAME=ITEM,ITEM,… (no '=' found)"
    case .missingName: why = "the scale has no name before '='"
    case .emptyItem: why = "an item name is empty (check for ',,' or a trailing comma)"
    case .duplicateItem(let item): why = "the item \(quotedForMessage(item)) is listed twice"
    }
    return "The scale key \(quotedForMessage(text)) is invalid: \(why)."
  }
}

extension InstrumentDefinition {
  /// A definition made from quick keys, as `psych::scoreItems(keys, min =, max =)` takes them.
  ///
  /// The items are the keys' items in order of first appearance; the response scale is `min…max`
  /// (reverse keying is `min + max − x`, as with psych's `min`/`max` arguments).
  ///
  /// - Throws: ``InstrumentDefinitionError`` when the keys do not form a valid definition (for
  ///   instance `min ≥ max`, or two scales with one name).
  public static func quick(
    _ keys: [QuickKey], min: Int, max: Int, missingData: MissingDataPolicy? = nil
  ) throws(InstrumentDefinitionError) -> InstrumentDefinition {
    var items: [ItemDefinition] = []
    var seen = Set<String>()
    for key in keys {
      for item in key.scale.items where seen.insert(item).inserted { items.append(ItemDefinition(id: item)) }
    }
    return try InstrumentDefinition(
      id: "quick-keys", version: "1",
      name: LocalizedText(id: "Kunci skala dari baris perintah", en: "Scale keys from the command line"),
      citation: Citation(
        source: "Scale keys supplied by the user", year: 0, licence: "The user's own keys; no instrument is implied."),
      responseScale: ResponseScale(min: min, max: max), items: items, scales: keys.map(\.scale),
      missingData: missingData)
  }
}

extension StringProtocol {
  /// The text without leading and trailing white space (shared by every module's cell and key
  /// parsing; `package` so that it is not public API).
  package func trimmingWhitespace() -> String {
    var s = Substring(self)
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return String(s)
  }
}
