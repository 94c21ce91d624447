/// Rule `organization-context`: a name no rule named, in a place only an organization takes:
/// an outlet that is told or reports ("told the Toronto Star", "the Post reported", "according
/// to the Times", "in an interview with the Guardian"), or a body that speaks with "the" before
/// its name ("the Commission said"). People take none of these. (Measured and left out:
/// "Sophos, which …" — works, places and species are taken up by "which" as often. A company's
/// words, "Gartner's chief executive", "Yukos shares fell", are rule `company-context`'s, for
/// one-word names no person of the article bears.)
extension RecognitionPass {
  /// Adds an `unknown` group in such a place as an organization, or one the article uses so
  /// elsewhere (`named`): "Kestrel said" where "Kestrel reported" it. Returns whether it did.
  mutating func organizationByContext(_ p: Pending, named: Bool) -> Bool {
    let open = p.rule == RecognitionRule.unknown.name || p.rule == RecognitionRule.headline.name
    guard let r = organizationContextName(p) ?? (open && named ? p.tokens : nil) else { return false }
    addOrganization(r, name: tokens.cleanName(r), sentence: p.sentence, rule: .organizationContext)
    return true
  }

  /// Whether an `unknown` group stands where only an organization does.
  func inOrganizationContext(_ p: Pending) -> Bool { organizationContextName(p) != nil }

  /// The name of an `unknown` group that stands where only an organization does: the group,
  /// with the capitalized words before it that no rule named ("Toronto", a place, in "told
  /// the Toronto Star").
  func organizationContextName(_ p: Pending) -> Range<Int>? {
    guard p.rule == RecognitionRule.unknown.name, !isPlural(p.tokens.upperBound - 1),
      !p.tokens.contains(where: { tokens[$0].has(.givenName) })
    else { return nil }
    let s = doc.sentences[p.sentence]
    var lo = p.tokens.lowerBound
    while lo - 1 > s.tokens.lowerBound, lo > p.tokens.lowerBound - 3, tokens[lo - 1].kind == .word, tokens[lo - 1].isCapitalized,
      !tokens[lo - 1].has(.functionWord), !found.contains(where: { $0.tokens.contains(lo - 1) })
    {
      lo -= 1
    }
    if lo < p.tokens.lowerBound, tokens[lo - 1].lower == "the", isOutlet(lo..<p.tokens.upperBound, sentence: p.sentence) {
      return lo..<p.tokens.upperBound
    }
    return isOutlet(p.tokens, sentence: p.sentence) ? p.tokens : nil
  }

  /// The names (`joined` texts) of the `unknown` groups that stand where only an organization does.
  /// Groups that start at a token of `except` (named already) do not count.
  func namesInOrganizationContext(_ joined: [String], except: Set<Int>) -> Set<String> {
    var names = Set<String>()
    for k in pending.indices where !except.contains(pending[k].tokens.lowerBound) && inOrganizationContext(pending[k]) {
      names.insert(joined[k])
    }
    return names
  }

  /// Words that, with "the" before the name, make it an outlet or a body: "told the Star",
  /// "according to the Post", "an interview with the Guardian".
  static let outletBefore: [[String]] = [
    ["told"], ["according", "to"], ["interview", "with"], ["interviewed", "by"], ["reported", "by"], ["wrote", "in"],
    ["published", "in"], ["quoted", "by"],
  ]
  /// Verbs after an outlet: "the Post reported", "LA Weekly reports".
  static let outletVerbs: Set<String> = ["reported", "reports", "reporting", "revealed", "reveals", "published", "publishes"]

  /// "told the Toronto Star", "the Post reported", "LA Weekly reported".
  func isOutlet(_ r: Range<Int>, sentence: Int) -> Bool {
    let s = doc.sentences[sentence]
    let lo = s.tokens.lowerBound
    let withThe = r.lowerBound - 1 >= lo && tokens[r.lowerBound - 1].lower == "the"
    // The whole name: "according to the Arts and Humanities Citation Index" is not "the Arts".
    let ends = r.upperBound >= s.tokens.upperBound || tokens[r.upperBound].kind != .word
      || !tokens[r.upperBound].isCapitalized && !tokens[r.upperBound].has(.connector)
    if withThe, ends {
      let before = r.lowerBound - 1
      for cue in RecognitionPass.outletBefore where before - cue.count >= lo {
        if zip(cue, tokens[(before - cue.count)..<before]).allSatisfy({ $0 == $1.lower }) { return true }
      }
    }
    // A verb of reporting after it: with "the", or a name of two words or more (one word that
    // reports is more often a person: "Hersh reported").
    if r.upperBound < s.tokens.upperBound, RecognitionPass.outletVerbs.contains(tokens[r.upperBound].lower), withThe || r.count >= 2 {
      return true
    }
    // "the Commission said": what speaks with "the" before its name is no person.
    if withThe, isSpeakerPosition(r, sentence: sentence) { return true }
    return false
  }
}
