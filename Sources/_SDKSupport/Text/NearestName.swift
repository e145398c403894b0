// "Did you mean": the one edit distance and nearest-name rule that every reader's suggestion uses.

/// The candidate nearest to `name` within `maxDistance` edits, or `nil`. Bounded work for "did you
/// mean" on hostile input: candidates whose length alone differs by more than `maxDistance`, and
/// names longer than 128 characters, are never compared (an edit distance costs the product of the
/// two lengths). `package`: every reader's suggestions use it.
package func nearestName(to name: String, among candidates: [String], maxDistance: Int) -> String? {
  let length = name.count
  guard length <= 128 else { return nil }
  var best: (String, Int)? = nil
  for candidate in candidates.prefix(4096) {
    let l = candidate.count
    guard l <= 128, abs(l - length) <= maxDistance else { continue }
    let d = editDistance(candidate, name)
    if d <= maxDistance, d < (best?.1 ?? Int.max) { best = (candidate, d) }
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
