import Testing

/// The relative error of `observed` against `reference`; the absolute error when `reference` is 0.
public func relativeError(_ observed: Double, _ reference: Double) -> Double {
  if observed == reference { return 0 }
  if reference == 0 { return abs(observed) }
  return abs(observed - reference) / abs(reference)
}

/// Expects `observed` within `relative` of `reference`, printing both and the error when not.
public func expectClose(
  _ observed: Double?, _ reference: Double, relative tolerance: Double,
  _ what: @autoclosure () -> String = "",
  sourceLocation: SourceLocation = #_sourceLocation
) {
  guard let observed else {
    Issue.record("\(what()): expected \(reference), observed nil", sourceLocation: sourceLocation)
    return
  }
  let error = relativeError(observed, reference)
  #expect(
    error <= tolerance,
    "\(what()): expected \(reference), observed \(observed), relative error \(error) > \(tolerance)",
    sourceLocation: sourceLocation)
}
