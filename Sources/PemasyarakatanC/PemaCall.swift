import PemasyarakatanRPC

// The C ABI of the SDK: three functions, declared in include/pemasyarakatan.h (read it for the
// ownership and threading contract). Everything else goes through the JSON-RPC protocol, so the ABI
// never changes when a method is added.

/// One dispatcher for the process; it holds no mutable state, so every thread may use it at once.
private let dispatcher = RPCDispatcher()

/// The SDK version as a C string that lives as long as the process.
nonisolated(unsafe) private let versionText: UnsafeMutablePointer<CChar> = copyToC(Array(RPCDispatcher.sdkVersion.utf8))

/// The response to a NULL request (built once).
private let nullRequestResponse = Array(
  #"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error","data":{"what":"parse","where":{"offset":0},"why":"the request pointer is NULL.","problems":[{"what":"parse","where":{"offset":0},"why":"the request pointer is NULL."}]}}}"#
    .utf8)

/// A NUL-terminated copy of `bytes`, allocated with Swift's allocator (release it with `pema_free`).
private func copyToC(_ bytes: [UInt8]) -> UnsafeMutablePointer<CChar> {
  let out = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
  bytes.withUnsafeBufferPointer { b in
    if let base = b.baseAddress {
      UnsafeMutableRawPointer(out).copyMemory(from: base, byteCount: b.count)
    }
  }
  out[bytes.count] = 0
  return out
}

// swift-format-ignore: AlwaysUseLowerCamelCase
// (a C ABI symbol, named in C style)
/// Answers one JSON-RPC request (or batch) given as a NUL-terminated UTF-8 string.
///
/// Returns a newly allocated NUL-terminated UTF-8 JSON-RPC response that the caller releases with
/// `pema_free`; an empty string when the request was a notification (or a batch of them). Never
/// returns NULL: a NULL request, invalid UTF-8, deep nesting or text over the size limit get an error
/// response. The text is read up to its NUL or one byte past the size limit, whichever comes first.
@_cdecl("pema_call")
public func pema_call(_ request: UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar> {
  guard let request else { return copyToC(nullRequestResponse) }
  let limit = dispatcher.limits.maximumRequestBytes
  let bytes = UnsafeRawPointer(request).assumingMemoryBound(to: UInt8.self)
  var length = 0
  // A bounded strlen: a 100 MB string is refused after limit + 1 bytes, not read to its end.
  while length <= limit, bytes[length] != 0 { length += 1 }
  // The pieces are kept as they come and copied once into the caller's buffer, allocated at its
  // final size (no doubling, so a 20 MB response is not faulted in and copied several times).
  var pieces: [[UInt8]] = []
  var used = 0
  _ = dispatcher.respond(to: UnsafeBufferPointer(start: bytes, count: length)) { piece in
    pieces.append(Array(piece.bindMemory(to: UInt8.self)))
    used += piece.count
  }
  let out = UnsafeMutablePointer<CChar>.allocate(capacity: used + 1)
  var at = 0
  for piece in pieces {
    piece.withUnsafeBytes { raw in
      if let base = raw.baseAddress { UnsafeMutableRawPointer(out + at).copyMemory(from: base, byteCount: raw.count) }
    }
    at += piece.count
  }
  out[used] = 0
  return out
}

// swift-format-ignore: AlwaysUseLowerCamelCase
// (a C ABI symbol, named in C style)
/// Releases a response returned by `pema_call`. NULL is ignored.
@_cdecl("pema_free")
public func pema_free(_ response: UnsafeMutablePointer<CChar>?) {
  response?.deallocate()
}

// swift-format-ignore: AlwaysUseLowerCamelCase
// (a C ABI symbol, named in C style)
/// The SDK version ("0.1.0"), a static string the caller must not free.
@_cdecl("pema_version")
public func pema_version() -> UnsafePointer<CChar> {
  UnsafePointer(versionText)
}
