#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Encodes any `Encodable` library type into a ``JSONOut`` tree, so that the protocol writes the
/// SDK's documented Codable forms without Foundation's `JSONEncoder`, which throws on NaN: a number
/// that is not finite becomes `null`. Object keys are sorted (dictionaries have no order, and sorted
/// keys make responses stable for tests and diffs). `Date` is written as ISO 8601 text in UTC.
enum JSONTree {
  static func encode<T: Encodable>(_ value: T) throws -> JSONOut {
    let root = TreeNode()
    try TreeEncoderImpl(node: root, codingPath: []).encodeValue(value)
    return root.finish()
  }
}

/// A node being filled by a container.
private final class TreeNode {
  enum Content {
    case empty
    case value(JSONOut)
    case keyed([String: TreeNode])
    case unkeyed([TreeNode])
  }
  var content: Content = .empty

  func keyedChild(_ key: String) -> TreeNode {
    var members: [String: TreeNode]
    if case .keyed(let m) = content { members = m } else { members = [:] }
    let child = TreeNode()
    members[key] = child
    content = .keyed(members)
    return child
  }

  func appendChild() -> TreeNode {
    var elements: [TreeNode]
    if case .unkeyed(let e) = content { elements = e } else { elements = [] }
    let child = TreeNode()
    elements.append(child)
    content = .unkeyed(elements)
    return child
  }

  func ensureKeyed() { if case .keyed = content {} else { content = .keyed([:]) } }
  func ensureUnkeyed() { if case .unkeyed = content {} else { content = .unkeyed([]) } }

  var count: Int {
    if case .unkeyed(let e) = content { return e.count }
    return 0
  }

  func finish() -> JSONOut {
    switch content {
    case .empty: return .object([])
    case .value(let v): return v
    case .keyed(let m): return .object(m.keys.sorted().map { ($0, m[$0]?.finish() ?? .null) })
    case .unkeyed(let e): return .array(e.map { $0.finish() })
    }
  }
}

private struct TreeEncoderImpl: Encoder {
  let node: TreeNode
  var codingPath: [any CodingKey]
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    node.ensureKeyed()
    return KeyedEncodingContainer(KeyedTree<Key>(node: node, codingPath: codingPath))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    node.ensureUnkeyed()
    return UnkeyedTree(node: node, codingPath: codingPath)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer { SingleTree(node: node, codingPath: codingPath) }

  /// Encodes with the special cases a JSON encoder makes.
  func encodeValue<T: Encodable>(_ value: T) throws {
    if let date = value as? Date {
      node.content = .value(.string(isoText(date)))
    } else if let data = value as? Data {
      node.content = .value(.string(data.base64EncodedString()))
    } else if let url = value as? URL {
      node.content = .value(.string(url.absoluteString))
    } else {
      try value.encode(to: self)
    }
  }

  private func isoText(_ date: Date) -> String {
    // Whole seconds in UTC, computed from the epoch so that no formatter or time zone is involved.
    let seconds = Int(date.timeIntervalSince1970.rounded(.down))
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let rest = seconds - days * 86_400
    // Civil from days (Howard Hinnant's algorithm).
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    let year = String(y)
    return
      "\(String(repeating: "0", count: max(0, 4 - year.count)))\(year)-\(two(m))-\(two(d))T\(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60))Z"
  }
}

private struct KeyedTree<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let node: TreeNode
  var codingPath: [any CodingKey]

  func put(_ value: JSONOut, _ key: Key) { node.keyedChild(key.stringValue).content = .value(value) }

  mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
  mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
  mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
  mutating func encode(_ value: Double, forKey key: Key) throws { put(.number(value), key) }
  mutating func encode(_ value: Float, forKey key: Key) throws { put(.number(Double(value)), key) }
  mutating func encode(_ value: Int, forKey key: Key) throws { put(.int(value), key) }
  mutating func encode(_ value: Int8, forKey key: Key) throws { put(.int(Int(value)), key) }
  mutating func encode(_ value: Int16, forKey key: Key) throws { put(.int(Int(value)), key) }
  mutating func encode(_ value: Int32, forKey key: Key) throws { put(.int(Int(value)), key) }
  mutating func encode(_ value: Int64, forKey key: Key) throws { put(.int(Int(value)), key) }
  mutating func encode(_ value: UInt, forKey key: Key) throws { put(.number(Double(value)), key) }
  mutating func encode(_ value: UInt8, forKey key: Key) throws { put(.int(Int(value)), key) }
  mutating func encode(_ value: UInt16, forKey key: Key) throws { put(.int(Int(value)), key) }
  mutating func encode(_ value: UInt32, forKey key: Key) throws { put(.int(Int(value)), key) }
  mutating func encode(_ value: UInt64, forKey key: Key) throws { put(.number(Double(value)), key) }
  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    let child = node.keyedChild(key.stringValue)
    try TreeEncoderImpl(node: child, codingPath: codingPath + [key]).encodeValue(value)
  }
  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
    -> KeyedEncodingContainer<NestedKey>
  {
    let child = node.keyedChild(key.stringValue)
    child.ensureKeyed()
    return KeyedEncodingContainer(KeyedTree<NestedKey>(node: child, codingPath: codingPath + [key]))
  }
  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    let child = node.keyedChild(key.stringValue)
    child.ensureUnkeyed()
    return UnkeyedTree(node: child, codingPath: codingPath + [key])
  }
  mutating func superEncoder() -> any Encoder {
    TreeEncoderImpl(node: node.keyedChild("super"), codingPath: codingPath)
  }
  mutating func superEncoder(forKey key: Key) -> any Encoder {
    TreeEncoderImpl(node: node.keyedChild(key.stringValue), codingPath: codingPath + [key])
  }
}

private struct IndexKey: CodingKey {
  var stringValue: String
  var intValue: Int?
  init(_ i: Int) {
    stringValue = String(i)
    intValue = i
  }
  init?(stringValue: String) {
    self.stringValue = stringValue
    intValue = Int(stringValue)
  }
  init?(intValue: Int) { self.init(intValue) }
}

private struct UnkeyedTree: UnkeyedEncodingContainer {
  let node: TreeNode
  var codingPath: [any CodingKey]
  var count: Int { node.count }

  func put(_ value: JSONOut) { node.appendChild().content = .value(value) }

  mutating func encodeNil() throws { put(.null) }
  mutating func encode(_ value: Bool) throws { put(.bool(value)) }
  mutating func encode(_ value: String) throws { put(.string(value)) }
  mutating func encode(_ value: Double) throws { put(.number(value)) }
  mutating func encode(_ value: Float) throws { put(.number(Double(value))) }
  mutating func encode(_ value: Int) throws { put(.int(value)) }
  mutating func encode(_ value: Int64) throws { put(.int(Int(value))) }
  mutating func encode(_ value: UInt8) throws { put(.int(Int(value))) }
  mutating func encode(_ value: UInt16) throws { put(.int(Int(value))) }
  mutating func encode<T: Encodable>(_ value: T) throws {
    let child = node.appendChild()
    try TreeEncoderImpl(node: child, codingPath: codingPath + [IndexKey(count - 1)]).encodeValue(value)
  }
  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<
    NestedKey
  > {
    let child = node.appendChild()
    child.ensureKeyed()
    return KeyedEncodingContainer(KeyedTree<NestedKey>(node: child, codingPath: codingPath + [IndexKey(count - 1)]))
  }
  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    let child = node.appendChild()
    child.ensureUnkeyed()
    return UnkeyedTree(node: child, codingPath: codingPath + [IndexKey(count - 1)])
  }
  mutating func superEncoder() -> any Encoder { TreeEncoderImpl(node: node.appendChild(), codingPath: codingPath) }
}

private struct SingleTree: SingleValueEncodingContainer {
  let node: TreeNode
  var codingPath: [any CodingKey]

  func put(_ value: JSONOut) { node.content = .value(value) }

  mutating func encodeNil() throws { put(.null) }
  mutating func encode(_ value: Bool) throws { put(.bool(value)) }
  mutating func encode(_ value: String) throws { put(.string(value)) }
  mutating func encode(_ value: Double) throws { put(.number(value)) }
  mutating func encode(_ value: Float) throws { put(.number(Double(value))) }
  mutating func encode(_ value: Int) throws { put(.int(value)) }
  mutating func encode(_ value: Int8) throws { put(.int(Int(value))) }
  mutating func encode(_ value: Int16) throws { put(.int(Int(value))) }
  mutating func encode(_ value: Int32) throws { put(.int(Int(value))) }
  mutating func encode(_ value: Int64) throws { put(.int(Int(value))) }
  mutating func encode(_ value: UInt) throws { put(.number(Double(value))) }
  mutating func encode(_ value: UInt8) throws { put(.int(Int(value))) }
  mutating func encode(_ value: UInt16) throws { put(.int(Int(value))) }
  mutating func encode(_ value: UInt32) throws { put(.int(Int(value))) }
  mutating func encode(_ value: UInt64) throws { put(.number(Double(value))) }
  mutating func encode<T: Encodable>(_ value: T) throws {
    try TreeEncoderImpl(node: node, codingPath: codingPath).encodeValue(value)
  }
}
