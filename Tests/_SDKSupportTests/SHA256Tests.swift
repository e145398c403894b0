import Testing

@testable import _SDKSupport

/// SHA-256 against the example messages of FIPS 180-4 (NIST "Examples with Intermediate Values",
/// SHA256.pdf, and the one-million-'a' message of FIPS 180-2 Appendix B.3), and HMAC-SHA256 against
/// every test case of RFC 4231 §4.2–4.8.
@Suite("SHA-256 and HMAC-SHA256")
struct SHA256Tests {
  @Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    // 448 bits: the message fills exactly 56 bytes, so the length goes into a second padding block.
    (
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
    // 896 bits (FIPS 180-4 gives it for SHA-512; NIST's SHA-256 example set lists its SHA-256 digest too).
    (
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
    ),
  ])
  func fipsExampleMessages(message: String, digest: String) {
    #expect(SHA256.hex(Array(message.utf8)) == digest)
  }

  @Test func oneMillionA() {
    #expect(
      SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000))
        == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  /// Feeding the message in pieces of any size gives the same digest as one call (block boundaries
  /// at 55, 56, 63, 64 and 65 bytes are where padding bugs hide).
  @Test(arguments: [1, 3, 55, 56, 63, 64, 65, 127])
  func incrementalUpdatesAgree(piece: Int) {
    let message = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7) }
    var h = SHA256()
    var i = 0
    while i < message.count {
      h.update(message[i..<min(message.count, i + piece)])
      i += piece
    }
    #expect(hexString(h.finalize()) == SHA256.hex(message))
  }

  static func bytes(_ hex: String) -> [UInt8] {
    var out: [UInt8] = []
    var it = Array(hex.utf8).makeIterator()
    while let a = it.next(), let b = it.next() {
      func v(_ c: UInt8) -> UInt8 { c <= 0x39 ? c - 0x30 : c - 0x61 + 10 }
      out.append(v(a) << 4 | v(b))
    }
    return out
  }

  /// RFC 4231 test cases 1–7 (case 5's code is truncated to 128 bits in the RFC).
  @Test(arguments: [
    (
      1, [UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
      "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
    ),
    (
      2, Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    ),
    (
      3, [UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
      "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"
    ),
    (
      4, (1...25).map { UInt8($0) }, [UInt8](repeating: 0xcd, count: 50),
      "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"
    ),
    (5, [UInt8](repeating: 0x0c, count: 20), Array("Test With Truncation".utf8), "a3b6167473100ee06e0c796c2955552b"),
    (
      6, [UInt8](repeating: 0xaa, count: 131), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
    ),
    (
      7, [UInt8](repeating: 0xaa, count: 131),
      Array(
        "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."
          .utf8),
      "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"
    ),
  ])
  func rfc4231(testCase: Int, key: [UInt8], data: [UInt8], expected: String) {
    let code = HMACSHA256.hex(key: key, message: data)
    #expect(code.hasPrefix(expected), "RFC 4231 test case \(testCase)")
    #expect(code.count == 64)
  }
}
