import Testing
import _SDKSupport

/// The one "did you mean" rule every suggestion of the SDK uses (options, subcommands, JSON keys,
/// column names, instrument ids, RPC methods); its surfaces are tested in BapasCLITests.CLIErrorTests.
@Suite("did you mean")
struct DidYouMeanTests {
  @Test func theRule() {
    // Case alone differs: that candidate, whatever the distance.
    #expect(didYouMean("RESPONDENT", among: ["respondent", "response"]) == "respondent")
    // Within max(2, n/3) edits.
    #expect(didYouMean("scroe", among: ["score", "risk"]) == "score")
    #expect(didYouMean("responsescael", among: ["responseScale"]) == "responseScale")  // 3 edits, 13/3 = 4
    #expect(didYouMean("abcdef", among: ["uvwxyz"]) == nil)
    // Ties broken by the candidate's text, whatever the order given.
    #expect(didYouMean("ab", among: ["cb", "ac"]) == "ac")
    #expect(didYouMean("ab", among: ["ac", "cb"]) == "ac")
    // The name itself is no suggestion; hostile lengths are not compared.
    #expect(didYouMean("score", among: ["score"]) == nil)
    #expect(didYouMean(String(repeating: "a", count: 500), among: [String(repeating: "a", count: 499)]) == nil)
  }

  @Test func editDistanceCountsCharacters() {
    #expect(editDistance("kitten", "sitting") == 3)
    #expect(editDistance("", "abc") == 3)
    #expect(editDistance("é", "e") == 1)
  }
}
