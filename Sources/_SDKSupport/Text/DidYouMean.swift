// "Did you mean": the one edit distance and suggestion rule that every reader's suggestion uses.

/// The one "did you mean" rule, used by every suggestion the SDK makes (command-line options,
/// subcommands and their actions, JSON keys, column names, instrument ids, RPC methods): a candidate equal
/// to `name` but for letter case wins; otherwise the nearest candidate within
/// `max(2, name.count / 3)` edits, ties broken by the candidate's text (so the answer does not
/// depend on the candidates' order); `nil` when none is near. Bounded work on hostile input: names
/// longer than 128 characters, candidates whose length alone differs by more than the limit, and
/// candidates past the 4096th are never compared (an edit distance costs the product of the lengths).
package func didYouMean(_ name: String, among candidates: [String]) -> String? {
  guard !name.isEmpty, name.count <= 128 else { return nil }
  let folded = name.lowercased()
  let bounded = candidates.prefix(4096)
  if let sameButCase = bounded.filter({ $0 != name && $0.count <= 128 && $0.lowercased() == folded }).min() {
    return sameButCase
  }
  let limit = Swift.max(2, name.count / 3)
  var best: (String, Int)? = nil
  for candidate in bounded where candidate != name {
    let l = candidate.count
    guard l <= 128, abs(l - name.count) <= limit else { continue }
    let d = editDistance(candidate, name)
    guard d <= limit else { continue }
    if let b = best, (b.1, b.0) <= (d, candidate) { continue }
    best = (candidate, d)
  }
  return best?.0
}

/// The Levenshtein edit distance between two strings (Unicode characters), for "did you mean"
/// suggestions.
///
/// - Complexity: O(*m*·*n*) time and O(*n*) memory for strings of lengths *m* and *n*.
package func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a)
  let b = Array(b)
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var previous = Array(0...b.count)
  var current = [Int](repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    current[0] = i
    for j in 1...b.count {
      current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
    }
    swap(&previous, &current)
  }
  return previous[b.count]
}
