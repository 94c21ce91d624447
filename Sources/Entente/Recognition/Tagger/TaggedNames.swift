/// The learned tagger's part in recognition: it names what the rules leave open.
///
/// The rules stay where they are precise: gazetteer states and organizations, demonyms,
/// metonyms, titles, organizations by keyword, acronyms, people by their given name, and the
/// second pass's surnames, speakers and links. What both passes leave open — a group of
/// capitalized words no rule could name ("Zorbin Quell", "Norvex") — the tagger decides: a
/// person, an organization, or no name, and where the name begins and ends. It reads the
/// article as the first pass left it (the features it was trained on) and adds a name only
/// where its best tagging beats the best one without that name by `defaultMinMargin`.
public enum TaggedNames {
  /// The first pass's word groups the tagger may name ("unknown": no rule named them;
  /// "headline": left for the second pass because a headline capitalizes every word).
  public static let openPending: Set<String> = ["unknown", "headline"]
  /// The least margin of a name the tagger adds: the one of 0, 10, 20 and 40 at which the
  /// held-out names of the 5-fold cross-validation on the training sets are as precise as the
  /// rules' own (0.693 against 0.696; 0.675 at 0, 0.687 at 10), so that the tagger adds
  /// recall without diluting precision. In the units of the weights `scripts/train` makes.
  public static let defaultMinMargin: Float = 20
}

extension RecognitionPass {
  /// The tagger's names in the word groups the first pass left open, each with its class and
  /// the rule name it goes by, where its margin is at least `minMargin`. Zones without an
  /// open group are not read.
  func taggedNames(_ model: TaggerModel, minMargin: Float) -> [TaggedSpan] {
    var open = [Bool](repeating: false, count: tokens.count)
    var any = false
    for p in pending where TaggedNames.openPending.contains(p.rule) {
      for k in p.tokens { open[k] = true }
      any = true
    }
    guard any else { return [] }
    var named = [Bool](repeating: false, count: tokens.count)
    for f in found { for k in f.tokens { named[k] = true } }
    let l = TagLabel.count
    var out: [TaggedSpan] = []
    for z in taggerEmissions(model, where: { r in r.contains { open[$0] } }) {
      let e = z.emissions
      let n = z.tokens.count
      let tags = TaggerModel.decode(emissions: e, count: n, transitions: model.transitions, mayBegin: z.mayBegin)
      var best: Float? = nil
      for sp in TaggerModel.spans(tags, first: z.tokens.lowerBound) where sp.nameClass == 1 || sp.nameClass == 2 {
        guard sp.tokens.contains(where: { open[$0] }), !sp.tokens.contains(where: { named[$0] }) else { continue }
        // The margin: the best tagging against the best one with the span's words in no name.
        if best == nil { best = TaggerModel.score(tags, emissions: e, transitions: model.transitions) }
        var f = e
        for k in sp.tokens {
          let i = k - z.tokens.lowerBound
          for y in 1..<l { f[i * l + y] = -.greatestFiniteMagnitude }
        }
        let other = TaggerModel.decode(emissions: f, count: n, transitions: model.transitions, mayBegin: z.mayBegin)
        if best! - TaggerModel.score(other, emissions: e, transitions: model.transitions) >= minMargin { out.append(sp) }
      }
    }
    return out
  }

  /// Adds the tagger's names where the second pass named nothing. A one-word person that is
  /// the last word of one full name the article gives is that person; of two, a person of
  /// its own (still a mention: never merged into either).
  mutating func addTagged(_ spans: [TaggedSpan]) {
    var taken = [Bool](repeating: false, count: tokens.count)
    for f in found { for k in f.tokens { taken[k] = true } }
    for p in pending where !TaggedNames.openPending.contains(p.rule) { for k in p.tokens { taken[k] = true } }
    var bySurname: [String: Int] = [:]
    for f in found where f.type == .person && f.kind == .name {
      let words = f.tokens.filter { tokens[$0].kind == .word }
      if words.count >= 2 { RecognitionPass.note(&bySurname, tokens[words.last!].text, f.cluster) }
    }
    for sp in spans {
      guard !sp.tokens.contains(where: { taken[$0] }) else { continue }
      let s = doc.sentenceIndex(containing: tokens[sp.tokens.lowerBound].start) ?? 0
      if sp.nameClass == 1 {
        let words = sp.tokens.filter { tokens[$0].kind == .word }
        if words.count == 1, let c = bySurname[tokens[words[0]].text], c != RecognitionPass.ambiguous {
          add(sp.tokens, sentence: s, kind: .name, cluster: c, type: .person, rule: "tagger")
        } else {
          addPerson(sp.tokens, sentence: s, rule: "tagger", titles: [], qualifier: nil)
          if words.count >= 2, let c = found.last?.cluster { RecognitionPass.note(&bySurname, tokens[words.last!].text, c) }
        }
      } else {
        addOrganization(sp.tokens, name: tokens.cleanName(sp.tokens), sentence: s, rule: "tagger")
      }
      for k in sp.tokens { taken[k] = true }
    }
  }
}
