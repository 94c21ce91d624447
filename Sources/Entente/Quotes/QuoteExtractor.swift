/// Finds direct and reported speech and attributes it to a speaker.
///
/// Patterns, tried for each speech cue of a sentence:
/// - `According to X, …` and `…, according to X.`
/// - `…, said X.` / `…, adds the Central Committee.` (the cue after the content, then the speaker)
/// - `…, X said.` / `"…," he said.` (the speaker and cue after the content)
/// - `X said [on Monday] [that] …` / `X told reporters that …` / `X said: "…"`
/// Then quoted passages that no reported clause took become direct quotes, attributed by a
/// cue right after or before them, or by the speaker of the paragraph before when a
/// paragraph is nothing but the quote (a continued quotation). A quotation with no cue at all
/// is a quote only when it stands as a sentence of its own (not a quoted phrase, a fragment
/// or a title); it speaks for the speaker of the quote before, or the person named in the
/// nearest sentence before, within this paragraph and the one before. Pronouns ("he", "him")
/// resolve to the last speaker or the subject of the sentences before; titles and roles ("the
/// NATO Secretary General", "the spokeswoman") to the person who holds them in the article.
/// A speaker phrase that cannot be resolved is kept as the phrase, with no entity.
public struct QuoteExtractor: Sendable {
  public let gazetteer: Gazetteer

  public init(gazetteer: Gazetteer = .bundled) {
    self.gazetteer = gazetteer
  }

  public func quotes(in doc: Document, recognition: inout Recognition) -> [Quote] {
    var doc = doc
    gazetteer.annotate(&doc)
    var pass = QuotePass(doc: doc, gaz: gazetteer, recognition: recognition)
    pass.run()
    recognition = pass.recognition
    return pass.quotes.sorted { $0.content < $1.content }
  }
}

struct QuotePass {
  let doc: Document
  let gaz: Gazetteer
  var recognition: Recognition
  var quotes: [Quote] = []
  let pairs: [QuotePair]
  /// token index → index into recognition.mentions
  var mentionAt: TokenMap
  let tokens: [Token]
  /// The last resolved speaker, with the sentence it spoke in.
  var lastSpeaker: (entity: Int, sentence: Int)? = nil

  // The cue words are data (cues.json): see ``CueLexicon``.
  static var adverbs: Set<String> { CueLexicon.bundled.speakerAdverbs }
  static var timeWords: Set<String> { CueLexicon.bundled.cueTimeWords }
  /// Words that open an adverbial after a cue ("said at the opening", "told journalists").
  static var adverbialStarts: Set<String> { CueLexicon.bundled.adverbialStarts }
  static var objects: Set<String> { CueLexicon.bundled.cueObjects }
  /// Heads that speak ("officials", "the poll", "advisers"); through some their possessor or
  /// qualifier speaks: "Russian officials", "Zelensky's office".
  static var pluralHeads: Set<String> { CueLexicon.bundled.pluralHeads.union(CueLexicon.bundled.speakerNouns) }
  /// Verbs of "raised concerns", "expressed concern".
  static var concernVerbs: Set<String> { CueLexicon.bundled.concernVerbs }
  /// First words of two-word cues: "according to", "pointed out", "raised concerns".
  static var twoWordCueStarts: Set<String> { concernVerbs.union(["according", "pointed", "points"]) }
  /// Verbs that report speech only when a "that" clause, a colon or a quotation follows.
  static var weakCues: Set<String> { CueLexicon.bundled.weakCues }
  /// Cue forms that are also nouns ("state media", "news reports"): a cue only where a verb
  /// stands — at the end of the clause or before "that", a colon or a quotation.
  static var nounLike: Set<String> { CueLexicon.bundled.nounLikeCues }

  init(doc: Document, gaz: Gazetteer, recognition: Recognition) {
    self.doc = doc
    self.gaz = gaz
    self.tokens = doc.tokens
    self.recognition = recognition
    self.pairs = QuoteMarks.pairs(doc)
    var mask = [Bool](repeating: false, count: doc.tokens.count)
    for p in pairs {
      var k = doc.tokenIndex(atOrAfter: p.open + 1)
      while k < doc.tokens.count, doc.tokens[k].start < p.end - (p.closed ? 1 : 0) {
        mask[k] = true
        k += 1
      }
    }
    self.quoted = mask
    var at = [Int](repeating: -1, count: doc.tokens.count)
    var byEnd: [Int: Int] = [:]
    for (pi, p) in pairs.enumerated() {
      var k = doc.tokenIndex(atOrAfter: p.open)
      while k < doc.tokens.count, doc.tokens[k].start < p.end {
        at[k] = pi
        k += 1
      }
      if p.closed { byEnd[p.end] = pi }
    }
    self.pairAt = at
    self.pairByEnd = byEnd
    self.claimed = [Bool](repeating: false, count: doc.tokens.count)
    self.mentionAt = TokenMap(count: doc.tokens.count)
    for (mi, m) in recognition.mentions.enumerated() {
      for t in m.tokens { mentionAt[t] = mi }
    }
    var bylines: [Int: Int] = [:]
    for s in doc.sentences { if let e = Byline.end(of: s, in: doc) { bylines[s.index] = e } }
    self.bylineEnds = bylines
  }

  /// Sentences that open with a wire byline ("WASHINGTON (Reuters) -"): the first token after it.
  let bylineEnds: [Int: Int]

  /// The sentence without the byline it opens with, if any: what the patterns read.
  func body(of s: Sentence) -> Sentence {
    guard let e = bylineEnds[s.index] else { return s }
    var b = s
    b.tokens = e..<s.tokens.upperBound
    b.span.start = tokens[e].start
    return b
  }

  /// The mention lies in a byline: the agency or the place, never a pronoun's antecedent.
  func inByline(_ m: Mention) -> Bool {
    bylineEnds[m.sentence].map { m.tokens.lowerBound < $0 } ?? false
  }

  /// For each token, the index of the quotation pair it lies in (marks included), or -1.
  let pairAt: [Int]
  /// Closed quotation pairs by the offset just past their closing mark.
  let pairByEnd: [Int: Int]
  /// Tokens already inside a recorded quote's content.
  var claimed: [Bool]
  /// While a cue inside reported speech is attributed ("Smith said Jones told him the bill was
  /// dead"): the content of the quote that reports it, within which the nested quote must lie.
  var nesting: TextSpan? = nil
  /// Quotes that report other quotes ("Trump said …, according to Reuters" for Reuters) or lie
  /// in another's reported speech: no speaker for the quotations around them to continue.
  var nestedQuotes: Set<Int> = []
  /// A person's speech act that reports no words ("Smith proposed a new zone"), in text order.
  struct SpeechAct {
    var speaker: TextSpan
    var entity: Int
    /// Where its cue ends.
    var end: Int
  }
  var speechActs: [SpeechAct] = []
  /// Mentions by sentence, in order (pronoun resolution looks at a few sentences only);
  /// made when a pronoun first needs it.
  var mentionsBySentence: [Int: [Int]]? = nil

  /// Token indices of a span.
  func tokenRange(_ s: TextSpan) -> Range<Int> { doc.tokenIndex(atOrAfter: s.start)..<doc.tokenIndex(atOrAfter: s.end) }

  /// Tokens inside quotation marks (computed once: cue detection asks for every word).
  let quoted: [Bool]

  func span(_ r: Range<Int>) -> TextSpan { TextSpan(tokens[r.lowerBound].start, tokens[r.upperBound - 1].end) }

  // MARK: cues

  struct Cue {
    var range: Range<Int>
    var lemma: String
    var weak: Bool
  }

  /// Speech cues of a sentence outside quotation marks.
  func cues(in s: Sentence) -> [Cue] {
    var out: [Cue] = []
    var k = s.tokens.lowerBound
    while k < s.tokens.upperBound {
      defer { k += 1 }
      guard tokens[k].has([.speechVerb, .twoWordCue]), tokens[k].kind == .word, !quoted[k] else { continue }
      let t = tokens[k]
      let l = t.lower
      if l == "according", k + 1 < s.tokens.upperBound, tokens[k + 1].lower == "to" {
        out.append(Cue(range: k..<k + 2, lemma: "according to", weak: false))
        continue
      }
      if QuotePass.concernVerbs.contains(l),
        k + 1 < s.tokens.upperBound, tokens[k + 1].lower.hasPrefix("concern")
      {
        out.append(Cue(range: k..<k + 2, lemma: "express concern", weak: false))
        continue
      }
      if l == "pointed" || l == "points", k + 1 < s.tokens.upperBound, tokens[k + 1].lower == "out" {
        out.append(Cue(range: k..<k + 2, lemma: "point out", weak: false))
        continue
      }
      // "a brief", "the report", "his claims": after a determiner the word is a noun.
      if k > s.tokens.lowerBound, QuotePass.determiners.contains(tokens[k - 1].lower), tokens[k - 1].lower != "that" { continue }
      if t.has(.speechVerb), let lemma = gaz.speechVerbs[l], !t.isCapitalized || k == s.tokens.lowerBound {
        // "said" as an adjective ("the said agreement") is rare in news; participles after
        // "be" ("was told") still report speech.
        out.append(Cue(range: k..<k + 1, lemma: lemma, weak: QuotePass.weakCues.contains(lemma)))
      }
    }
    return out
  }

  // MARK: noun phrases

  func isNPWord(_ k: Int) -> Bool {
    let t = tokens[k]
    if mentionAt[k] != nil { return true }
    if t.kind == .word {
      if t.isCapitalized { return true }
      let l = t.lower
      if t.has(.roleLike) { return true }
      if t.has(.pronoun) { return true }
      if l == "'s" { return true }
    }
    return false
  }

  /// The speaker phrase that ends right before `end` (token index), or nil.
  func speakerBefore(_ end: Int, in s: Sentence, appositive: Bool = true) -> Range<Int>? {
    let lower = s.tokens.lowerBound
    var e = end
    while e - 1 >= lower, tokens[e - 1].kind == .word, tokens[e - 1].has(.speakerAdverb) || isMannerAdverb(e - 1), mentionAt[e - 1] == nil {
      e -= 1
    }
    // "Trump on Monday said", "Clinton in a statement said", "McConnell earlier this week said":
    // an adverbial of time or of the medium between the speaker and the cue.
    if let p = adverbialBefore(e, in: s), let np = speakerBefore(p, in: s, appositive: appositive) { return np }
    // "Sen. John McCain (R-Ariz.) said", "Smith (2019) notes": a parenthesis after the speaker.
    if e - 1 > lower, tokens[e - 1].text == ")" || tokens[e - 1].text == "]" {
      let open = tokens[e - 1].text == ")" ? "(" : "["
      var o = e - 2
      while o > lower, tokens[o].text != open, e - o < 10 { o -= 1 }
      if o > lower, tokens[o].text == open { e = o }
    }
    if appositive, e - 1 > lower, tokens[e - 1].text == "," {
      // "Khaled Al-Maeena, a former editor of the Saudi Gazette, said": the name before the
      // parenthesis speaks; "Its director general, Rafael Grossi, said": the name between.
      var c = e - 2
      while c > lower, tokens[c].text != ",", e - c < 16 { c -= 1 }
      let hasOpening = c >= lower && tokens[c].text == "," && c + 1 < e - 1
      if hasOpening {
        let inner = tokens[c + 1]
        // "Brafman, who represents the producer, said": the relative clause does not speak.
        if QuotePass.relativeWords.contains(inner.lower) { return speakerBefore(c, in: s, appositive: false) }
        let parenthetical = inner.kind == .word && (!inner.isCapitalized || inner.has(.functionWord))
        if parenthetical, let np = speakerBefore(c, in: s, appositive: false) { return np }
        // "Bush, speaking to reporters in Texas, said": a participle set off after the subject
        // holds no speaker; the capitalized words before it name one the recognizer missed.
        if parenthetical, inner.lower.hasSuffix("ing") {
          var lo = c
          while lo - 1 >= lower, lo - 1 >= c - 3, tokens[lo - 1].kind == .word, tokens[lo - 1].isCapitalized, !tokens[lo - 1].has([.functionWord, .pronoun]) { lo -= 1 }
          if lo < c { return lo..<c }
        }
      }
      if let np = speakerBefore(e - 1, in: s, appositive: false) {
        // "Kellyanne Conway, Trump's campaign manager, said": a description set off after a
        // person's name; the named person speaks.
        if hasOpening, !isPersonName(np.upperBound - 1), let named = speakerBefore(c, in: s, appositive: false),
          isPersonName(named.upperBound - 1)
        {
          return named
        }
        return np
      }
      if hasOpening { return speakerBefore(c, in: s, appositive: false) }
      return nil
    }
    var h = e - 1
    while h >= s.tokens.lowerBound, tokens[h].kind == .word, tokens[h].has(.speakerAdverb), mentionAt[h] == nil {
      h -= 1
    }
    guard h >= s.tokens.lowerBound, tokens[h].kind == .word else { return nil }
    let head = tokens[h]
    let isPronoun = ["he", "she", "they", "it", "we", "i"].contains(head.lower)
    if isPronoun { return h..<h + 1 }
    // "the company", "the couple", "a new poll": a descriptive phrase speaks for itself.
    // A cue that may be a noun ("the press reports", "an open question") or a participle ("his
    // decrees calling for") after such a phrase is no verb of its.
    let verbal = end >= s.tokens.upperBound || !tokens[end].has(.nounLikeCue) && !tokens[end].lower.hasSuffix("ing")
    if verbal, mentionAt[h] == nil, !head.has(.roleLike), let d = descriptivePhrase(head: h, in: s) {
      return withPrepositionalHead(d, in: s)
    }
    guard mentionAt[h] != nil || isNPWord(h) else { return nil }
    // A speaker is an entity, a pronoun, a role ("the spokesman", "officials") or a word that
    // can only be a name ("Brafman noted"), not any capitalized word ("After speaking …").
    guard mentionAt[h] != nil || head.has(.roleLike) || isNameLike(h) else {
      return nil
    }
    var lo = h
    var lowercaseRun = 0
    while lo - 1 >= s.tokens.lowerBound {
      let k = lo - 1
      let t = tokens[k]
      if isNPWord(k) { lo = k; lowercaseRun = 0; continue }
      if t.kind == .word, t.lower == "the" { lo = k; break }
      // Rule `indefinite-speaker`: '"…," a State Department spokesperson told the BBC': an
      // indefinite article opens a phrase whose head is a role.
      if t.kind == .word, t.lower == "a" || t.lower == "an", tokens[h].has(.roleLike), mentionAt[h] == nil { lo = k; break }
      // "two aides said", "several officials said": a number opens the phrase.
      if t.kind == .word, CueLexicon.bundled.speakerQuantifiers.contains(t.lower) { lo = k; break }
      if t.kind == .word, t.lower == "and", k - 1 >= s.tokens.lowerBound, mentionAt[k - 1] != nil, mentionAt[h] != nil {
        lo = k
        continue
      }
      // Lower-case modifiers before a role: "national security spokesman".
      if t.kind == .word, !t.isCapitalized, lowercaseRun < 3, !t.has(.functionWord),
        !t.has(.speechVerb) || t.has(.nounLikeCue), (lo...h).contains(where: { tokens[$0].has(.roleLike) })
      {
        lo = k
        lowercaseRun += 1
        continue
      }
      break
    }
    // "When Bush proposed …", "As Smith noted, …": the word opening the clause is not the speaker.
    while lo < h, mentionAt[lo] == nil, CueLexicon.bundled.clauseOpeners.contains(tokens[lo].lower) { lo += 1 }
    // Do not start on lower-case modifiers.
    while lo < h, tokens[lo].kind == .word, !tokens[lo].isCapitalized, mentionAt[lo] == nil, tokens[lo].lower != "the", tokens[lo].lower != "a", tokens[lo].lower != "an",
      !tokens[lo].has(.roleLike), !CueLexicon.bundled.speakerQuantifiers.contains(tokens[lo].lower)
    {
      lo += 1
    }
    return withPrepositionalHead(lo..<h + 1, in: s)
  }

  /// Where an adverbial of time or of the medium that ends at `end` starts ("on Monday", "earlier
  /// this week", "in a statement", "in an interview with NPR"), when a name, a role or a pronoun
  /// stands right before it; or nil. It opens with a word of ``CueLexicon/adverbialStarts`` and
  /// names a time or a medium (a word of ``CueLexicon/cueTimeWords`` or ``CueLexicon/dayWords``
  /// that is no preposition or determiner): not "Officials at the State Department".
  func adverbialBefore(_ end: Int, in s: Sentence) -> Int? {
    let lex = CueLexicon.bundled
    var p = end - 1
    var names = false
    while p > s.tokens.lowerBound, end - p <= 7 {
      let t = tokens[p]
      guard t.kind == .word, !quoted[p], !t.has(.speechVerb) || t.has(.cueTimeWord) else { return nil }
      if !QuotePass.determiners.contains(t.lower), !t.has(.functionWord) || lex.dayWords.contains(t.lower),
        t.has(.cueTimeWord) || lex.dayWords.contains(t.lower)
      {
        names = true
      }
      if names, !t.isCapitalized, t.has(.adverbialStart), isNPWord(p - 1), !tokens[p - 1].has(.adverbialStart) || mentionAt[p - 1] != nil { return p }
      let allowed = t.has([.cueTimeWord, .adverbialStart]) || lex.dayWords.contains(t.lower) || QuotePass.determiners.contains(t.lower)
        || t.isCapitalized || mentionAt[p] != nil || t.lower == "with" || t.lower == "of"
      guard allowed else { return nil }
      p -= 1
    }
    return nil
  }

  /// The token is part of a person's name.
  func isPersonName(_ k: Int) -> Bool {
    guard let m = mentionAt[k] else { return false }
    return recognition.mentions[m].kind == .name && recognition.entities[recognition.mentions[m].entity].type == .person
  }

  /// An adverb in -ly right after a name or a pronoun: "he rightly said", "Biden reportedly
  /// told aides" (not "the family said").
  func isMannerAdverb(_ k: Int) -> Bool {
    let t = tokens[k]
    guard t.kind == .word, !t.isCapitalized, t.length > 4, t.lower.hasSuffix("ly"), k > 0 else { return false }
    return mentionAt[k - 1] != nil || ["he", "she", "they", "it", "we", "i", "himself", "herself", "themselves", "itself"].contains(tokens[k - 1].lower)
  }

  static let determiners: Set<String> = ["the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your"]
  static let relativeWords: Set<String> = ["who", "which", "whose", "whom"]
  /// Pronouns that can only be the object of a verb (or "her", a possessive alone).
  static let objectPronouns: Set<String> = ["him", "her", "them", "us", "me"]
  /// Pronouns that can only be the subject of a clause ("noted he …"), never an object.
  static let subjectPronouns: Set<String> = ["he", "she", "they", "we", "i"]
  /// Prepositions after which a phrase is the complement of the speaker before it ("advisers
  /// to the president", "John Smith of the Brookings Institution").
  static let complementPrepositions: Set<String> = ["of", "to", "for", "at", "from", "with"]

  /// A capitalized word that is no common English word nor a function word: a name the
  /// recognizer did not type ("…, Brafman noted").
  func isNameLike(_ k: Int) -> Bool {
    let t = tokens[k]
    return t.kind == .word && t.isCapitalized && !t.has([.commonWord, .functionWord, .speechVerb, .pronoun])
      && t.text.unicodeScalars.allSatisfy { $0.isLetter || $0 == "-" || $0 == "'" }
  }

  /// A determiner phrase whose head is a lower-case noun ending at `h`: "the company", "a new
  /// poll", "the states". Up to three modifiers between the determiner and the head.
  func descriptivePhrase(head h: Int, in s: Sentence) -> Range<Int>? {
    let head = tokens[h]
    guard head.kind == .word, !head.isCapitalized || h == s.tokens.lowerBound || QuotePass.determiners.contains(tokens[h - 1].lower),
      !head.has([.functionWord, .pronoun]), !head.has(.speechVerb) || head.has(.nounLikeCue),
      head.text.unicodeScalars.allSatisfy({ $0.isLetter || $0 == "-" }), !head.lower.hasSuffix("ly")
    else { return nil }
    var d = h - 1
    while d >= s.tokens.lowerBound, h - d <= 4 {
      let t = tokens[d]
      if t.kind == .word, QuotePass.determiners.contains(t.lower) {
        // "that" opens a clause after a verb or a noun; it is a determiner at the start only.
        if t.lower == "that", d > s.tokens.lowerBound, tokens[d - 1].kind == .word { return nil }
        return d..<h + 1
      }
      guard t.kind == .word || t.text == "-" || t.text == "'s", !t.has([.speechVerb, .pronoun]) || t.has(.nounLikeCue),
        !t.has(.functionWord) || t.lower == "'s", mentionAt[d] == nil || t.isCapitalized
      else { return nil }
      d -= 1
    }
    return nil
  }

  /// Extends a speaker phrase that is the complement of a preposition to the head before it:
  /// "advisers to the president", "John Smith of the Brookings Institution", "sources familiar
  /// with the matter", "two people close to the talks".
  func withPrepositionalHead(_ np: Range<Int>, in s: Sentence) -> Range<Int> {
    let lower = s.tokens.lowerBound
    if np.lowerBound - 3 >= lower, ["with", "to", "on", "of", "about"].contains(tokens[np.lowerBound - 1].lower) {
      var q = np.lowerBound - 2
      if tokens[q].lower == "knowledge", q - 1 >= lower, tokens[q - 1].lower == "with" { q -= 1 }
      if CueLexicon.bundled.sourceQualifiers.contains(tokens[q].lower) || tokens[q].lower == "with" && tokens[q + 1].lower == "knowledge" {
        let h = q - 1
        if h >= lower, tokens[h].kind == .word, tokens[h].has(.roleLike) || CueLexicon.bundled.speakerNouns.contains(tokens[h].lower) || ["person", "people", "sources", "source"].contains(tokens[h].lower) {
          var lo = h
          while lo - 1 >= lower, tokens[lo - 1].kind == .word, isNPWord(lo - 1) || QuotePass.determiners.contains(tokens[lo - 1].lower)
            || CueLexicon.bundled.speakerQuantifiers.contains(tokens[lo - 1].lower) || !tokens[lo - 1].isCapitalized && !tokens[lo - 1].has([.functionWord, .speechVerb]) && lo - 1 > lower
          {
            lo -= 1
            if QuotePass.determiners.contains(tokens[lo].lower) || CueLexicon.bundled.speakerQuantifiers.contains(tokens[lo].lower) { break }
            if h - lo >= 3 { break }
          }
          while lo < h, mentionAt[lo] == nil, CueLexicon.bundled.clauseOpeners.contains(tokens[lo].lower) { lo += 1 }
          return lo..<np.upperBound
        }
      }
    }
    let p = np.lowerBound - 1
    guard p - 1 >= s.tokens.lowerBound, QuotePass.complementPrepositions.contains(tokens[p].lower) else { return np }
    let h = p - 1
    let person = mentionAt[h].map { recognition.entities[recognition.mentions[$0].entity].type == .person } ?? false
    guard person || tokens[h].has(.roleLike) else { return np }
    var lo = h
    while lo - 1 >= s.tokens.lowerBound, isNPWord(lo - 1) || QuotePass.determiners.contains(tokens[lo - 1].lower) && tokens[lo - 1].lower != "that" {
      lo -= 1
      if QuotePass.determiners.contains(tokens[lo].lower) { break }
    }
    while lo < h, mentionAt[lo] == nil, CueLexicon.bundled.clauseOpeners.contains(tokens[lo].lower) { lo += 1 }
    return lo..<np.upperBound
  }

  /// The speaker phrase that starts at `start`: up to a comma, a period or a verb.
  func speakerAfter(_ start: Int, in s: Sentence) -> Range<Int>? {
    var k = start
    // ("…, said one diplomat", "…, said two officials": a number opens it too.)
    if k < s.tokens.upperBound, ["the", "a", "an"].contains(tokens[k].lower) || CueLexicon.bundled.speakerQuantifiers.contains(tokens[k].lower) && k + 1 < s.tokens.upperBound && tokens[k + 1].has(.roleLike) { k += 1 }
    let first = k
    while k < s.tokens.upperBound, k - first < 10 {
      let t = tokens[k]
      // "Sen. John McCain": the period of an honorific stays in the phrase.
      if t.text == ".", k > first, tokens[k - 1].has(.honorific), k + 1 < s.tokens.upperBound,
        tokens[k + 1].isCapitalized
      {
        k += 1
        continue
      }
      if t.kind == .punctuation && t.text != "-" { break }
      if t.kind == .word, t.lower == "that" || t.lower == "who" { break }
      // "a statement from the Clinton campaign": joining words before more of the phrase.
      let joins = t.kind == .word && (t.has(.connectorLower) || ["from", "by", "at"].contains(t.lower))
        && (k + 1 < s.tokens.upperBound && isNPWord(k + 1)
          || k + 2 < s.tokens.upperBound && tokens[k + 1].lower == "the" && isNPWord(k + 2))
      if !isNPWord(k) && !joins && !(t.lower == "the" && k + 1 < s.tokens.upperBound && isNPWord(k + 1)) {
        // (Not after a pronoun nor before one: in "He blamed his predecessors" the phrase is "He".)
        if t.kind == .word, !t.isCapitalized, k + 1 < s.tokens.upperBound, isNPWord(k + 1), k - first < 4, !t.has(.functionWord),
          !tokens[k + 1].has(.pronoun), k == first || !tokens[k - 1].has(.pronoun)
        {
          k += 1
          continue
        }
        break
      }
      k += 1
    }
    guard k > first else { return nil }
    return (first > start ? start : first)..<k
  }

  // MARK: resolving speakers

  static let speakerPrepositions: Set<String> = ["at", "in", "on", "of", "from", "for", "with", "via"]

  /// The entities of a coordinated speaker after the first ("Moscow and Pyongyang deny …").
  func coordinated(_ np: Range<Int>) -> [Int] {
    guard np.contains(where: { tokens[$0].lower == "and" }) else { return [] }
    var out: [Int] = []
    for k in np {
      guard let m = mentionAt[k] else { continue }
      let mention = recognition.mentions[m]
      guard mention.kind == .name || mention.kind == .role || mention.kind == .metonym, !out.contains(mention.entity) else { continue }
      out.append(mention.entity)
    }
    return Array(out.dropFirst())
  }

  mutating func resolve(_ np: Range<Int>, sentence: Int) -> Int? {
    // The mentions in the phrase (a few: a small array), in order.
    var ms: [Int] = []
    for k in np { if let m = mentionAt[k], !ms.contains(m) { ms.append(m) } }
    ms.sort()
    let named = ms.filter {
      let kind = recognition.mentions[$0].kind
      return kind == .name || kind == .role || kind == .metonym
    }
    if let first = named.first, named.contains(where: { recognition.mentions[$0].entity != recognition.mentions[first].entity }) {
      // "Moscow and Pyongyang": two speakers; otherwise the head (the last name) speaks.
      if np.contains(where: { tokens[$0].lower == "and" }) { return recognition.mentions[first].entity }
    }
    // "John Smith of the Brookings Institution", "Smith at Harvard": the person speaks, not
    // the place or the body named after them.
    if let p = np.first(where: { QuotePass.speakerPrepositions.contains(tokens[$0].lower) }),
      let person = named.last(where: { recognition.mentions[$0].tokens.upperBound <= p && recognition.entities[recognition.mentions[$0].entity].type == .person })
    {
      return recognition.mentions[person].entity
    }
    if let last = named.last { return recognition.mentions[last].entity }
    if np.count == 1, let gender = gaz.pronouns[tokens[np.lowerBound].lower] {
      return resolvePronoun(np.lowerBound, gender: gender, sentence: sentence)
    }
    // "Russian officials said": the state speaks.
    if let d = ms.last(where: { recognition.mentions[$0].kind == .demonym || recognition.mentions[$0].kind == .metonym }),
      np.contains(where: { CueLexicon.bundled.pluralHeads.contains(tokens[$0].lower) })
    {
      return recognition.mentions[d].entity
    }
    // "the spokeswoman said": the one person with that role.
    if let r = np.last(where: { tokens[$0].has([.roleNoun, .titleWord]) }) {
      let role = tokens[r].lower
      // "the French president" is not the president the article named with "President …"
      // unless a role of theirs has "french" in it.
      let modifiers = np.lowerBound..<r
      let qualifiers = modifiers.filter { tokens[$0].kind == .word && tokens[$0].isCapitalized && !QuotePass.determiners.contains(tokens[$0].lower) }
        .map { tokens[$0].lower }
      let holders = recognition.entities.indices.filter {
        recognition.entities[$0].roles.contains { held in
          (held == role || held.hasSuffix(" " + role)) && qualifiers.allSatisfy { held.contains($0) }
        }
      }
      if holders.count == 1 {
        addMention(np, entity: holders[0], kind: .role, sentence: sentence)
        return holders[0]
      }
    }
    // "the host said" after "HBO host Bill Maher", "the secretary" after "Secretary of State
    // Antony Blinken": the person the article introduced with that word.
    if ms.isEmpty, np.count <= 3, QuotePass.determiners.contains(tokens[np.lowerBound].lower), tokens[np.upperBound - 1].kind == .word,
      let person = personIntroduced(as: tokens[np.upperBound - 1].lower, before: np.lowerBound, sentence: sentence)
    {
      addMention(np, entity: person, kind: .role, sentence: sentence)
      return person
    }
    // "the agency said": the organization of the article whose name ends in the head noun
    // ("International Atomic Energy Agency"), the one named last when there are several.
    if tokens[np.lowerBound].lower == "the", ms.isEmpty, let org = organization(named: tokens[np.upperBound - 1].lower, before: np.lowerBound) {
      addMention(np, entity: org, kind: .role, sentence: sentence)
      return org
    }
    return nil
  }

  /// The person whose name came last before token `k`, in the 30 sentences before, right after
  /// `word` ("host" in "HBO host Bill Maher", "secretary" in "Secretary of State Antony
  /// Blinken"): up to four words before the name, with no punctuation between.
  mutating func personIntroduced(as word: String, before k: Int, sentence: Int) -> Int? {
    guard word.count > 2, !QuotePass.determiners.contains(word) else { return nil }
    let index = indexMentionsBySentence()
    var si = sentence
    while si >= 0, sentence - si <= 30 {
      var best: Mention? = nil
      for mi in index[si] ?? [] {
        let m = recognition.mentions[mi]
        guard m.kind == .name, m.tokens.upperBound <= k, recognition.entities[m.entity].type == .person,
          best.map({ $0.span.start < m.span.start }) ?? true
        else { continue }
        var j = m.tokens.lowerBound - 1
        // Rule `role-in-apposition`: "Iran's foreign minister, Abbas Araghchi", "a spokeswoman
        // for the office, Zhu Fenglian": the role set off before the name; "Cindy McCain, the
        // head of the World Food Programme": a description set off after it. (Not "Smith, the
        // minister's aide": the word must be no possessor.)
        var reach = 4
        if j >= 0, tokens[j].text == "," { j -= 1; reach = 6 }
        while j >= 0, m.tokens.lowerBound - j <= reach, tokens[j].kind == .word {
          if tokens[j].lower == word, !isPossessive(j + 1) { best = m; break }
          j -= 1
        }
        var a = m.tokens.upperBound
        if best?.span != m.span, a + 1 < tokens.count, a < k, tokens[a].text == ",", ["the", "a", "an"].contains(tokens[a + 1].lower) {
          a += 2
          while a < min(k, tokens.count), a - m.tokens.upperBound <= 8, tokens[a].kind == .word {
            if tokens[a].lower == word, !isPossessive(a + 1) { best = m; break }
            a += 1
          }
        }
      }
      if let b = best { return b.entity }
      si -= 1
    }
    return nil
  }

  /// The organization named last before token `k` whose name ends in `head` ("agency").
  func organization(named head: String, before k: Int) -> Int? {
    let start = tokens[k].start
    var best: Mention? = nil
    for m in recognition.mentions where m.span.end <= start && m.kind == .name {
      let e = recognition.entities[m.entity]
      guard e.type == .organization, e.name.split(separator: " ").last.map({ $0.lowercased() == head }) == true else { continue }
      if best.map({ $0.span.start < m.span.start }) ?? true { best = m }
    }
    return best?.entity
  }

  mutating func resolvePronoun(_ k: Int, gender: String, sentence: Int) -> Int? {
    indexMentionsBySentence()
    let wantPerson = gender == "male" || gender == "female"
    let want = gender == "male" ? "m" : gender == "female" ? "f" : nil
    /// A person of the other sex does not fit "he" or "she"; an unknown sex fits both.
    func fits(_ e: Int) -> Bool {
      let entity = recognition.entities[e]
      guard wantPerson == (entity.type == .person) else { return false }
      if let w = want, let g = entity.gender { return g == w }
      return true
    }
    /// The subject (first fitting name) of each of the sentences before, nearest first.
    func subjects(sexKnown: Bool, within window: Int = 2) -> Int? {
      var si = sentence
      while si >= 0, sentence - si <= window {
        let mentions = recognition.mentions
        let candidate = (mentionsBySentence?[si] ?? []).map { mentions[$0] }.first {
          $0.tokens.upperBound <= (si == sentence ? k : Int.max)
            && ($0.kind == .name || $0.kind == .role) && fits($0.entity) && !inByline($0)
            && (!sexKnown || recognition.entities[$0.entity].gender != nil)
        }
        if let c = candidate { return c.entity }
        si -= 1
      }
      return nil
    }
    var result: Int? = nil
    // Rule `new-subject-takes-pronoun`: "De Wever was more cautious. "…," he said.": a person
    // other than the last speaker, the subject of the sentence just before in the paragraph,
    // after the last speaker's sentence, takes the pronoun, unless that sentence names the last
    // speaker too ("Blinken met Kirby later. He added …" is Kirby's).
    if let last = lastSpeaker, last.sentence < sentence - 1, let subject = subjectOfSentence(before: sentence),
      subject != last.entity, fits(subject),
      !(mentionsBySentence?[sentence - 1] ?? []).contains(where: { recognition.mentions[$0].entity == last.entity })
    {
      result = subject
    }
    if result == nil, let last = lastSpeaker, sentence - last.sentence <= 4, fits(last.entity) {
      // The last speaker, unless its sex is unknown and a nearer subject's is known to fit.
      // (A speaker of the sentence just before keeps the pronoun.)
      if want != nil, recognition.entities[last.entity].gender == nil, sentence - last.sentence >= 2,
        let known = subjects(sexKnown: true)
      {
        result = known
      } else {
        result = last.entity
      }
    }
    if result == nil { result = subjects(sexKnown: false) }
    // "he said" some paragraphs after the person was named: the nearest person of that sex
    // (known from the name) within a dozen sentences, or of either when the sex is unknown.
    if result == nil, wantPerson {
      result = subjects(sexKnown: want != nil, within: QuotePass.pronounReach)
    }
    if let r = result {
      addMention(k..<k + 1, entity: r, kind: .pronoun, sentence: sentence)
      // Rule `pronoun-tells-sex`: "he" or "she" resolved to a person whose sex the name did not
      // tell tells it ("Viktor Orban disagreed. He said …": a later "she" is someone else).
      if let w = want, recognition.entities[r].gender == nil { recognition.entities[r].gender = w }
    }
    return result
  }

  /// How many sentences back a personal pronoun may find its person when neither the last
  /// speaker nor the subjects of the two sentences before fit.
  static let pronounReach = 12

  /// The person whose name opens the sentence before `sentence` in its paragraph (after titles
  /// at most: "Belgian Prime Minister Bart De Wever was …"), when no quote was found in that
  /// sentence; or nil.
  func subjectOfSentence(before sentence: Int) -> Int? {
    guard sentence >= 1, doc.sentences[sentence - 1].paragraph == doc.sentences[sentence].paragraph,
      !quotes.contains(where: { $0.sentence == sentence - 1 })
    else { return nil }
    let s = body(of: doc.sentences[sentence - 1])
    var k = s.tokens.lowerBound
    while k < s.tokens.upperBound, tokens[k].kind == .punctuation { k += 1 }
    while k < s.tokens.upperBound, k - s.tokens.lowerBound < 6, !isPersonName(k), tokens[k].kind == .word, tokens[k].isCapitalized || tokens[k].has(.roleLike) { k += 1 }
    guard k < s.tokens.upperBound, let m = mentionAt[k], recognition.mentions[m].kind == .name else { return nil }
    let e = recognition.mentions[m].entity
    guard recognition.entities[e].type == .person else { return nil }
    // The name is the subject: a verb, not a possessive or a comma, follows it.
    let after = recognition.mentions[m].tokens.upperBound
    guard after < s.tokens.upperBound, tokens[after].kind == .word, !isPossessive(after), tokens[after].lower != "and" else { return nil }
    return e
  }

  /// Mentions by sentence, made when first needed.
  @discardableResult mutating func indexMentionsBySentence() -> [Int: [Int]] {
    if let index = mentionsBySentence { return index }
    var index: [Int: [Int]] = [:]
    for (mi, m) in recognition.mentions.enumerated() { index[m.sentence, default: []].append(mi) }
    mentionsBySentence = index
    return index
  }

  mutating func addMention(_ r: Range<Int>, entity: Int, kind: MentionKind, sentence: Int) {
    if r.contains(where: { mentionAt[$0] != nil }) { return }
    let m = Mention(span: span(r), tokens: r, sentence: sentence, kind: kind, entity: entity, rule: "quote-speaker")
    recognition.mentions.append(m)
    for t in r { mentionAt[t] = recognition.mentions.count - 1 }
    mentionsBySentence?[sentence, default: []].append(recognition.mentions.count - 1)
  }

  /// The token is the closing mark of a quotation.
  func closesQuote(_ k: Int) -> Bool {
    guard k >= 0, tokens[k].kind == .punctuation else { return false }
    return pairByEnd[tokens[k].end] != nil
  }

  // MARK: the patterns

  mutating func record(content rawContent: TextSpan, cue: Cue?, speaker: Range<Int>?, sentence: Int, rule: String, minWords: Int? = nil, pieces: [TextSpan] = []) {
    var content = trimContent(rawContent)
    let range = tokenRange(content)
    // The quotation pairs the content touches (a few: a small array).
    var touched: [Int] = []
    var words = 0
    for k in range {
      if pairAt[k] >= 0, touched.last != pairAt[k], !touched.contains(pairAt[k]) { touched.append(pairAt[k]) }
      if tokens[k].kind == .word { words += 1 }
    }
    // A quoted phrase may be short; reported speech is a clause of three words at least.
    guard words >= (minWords ?? (touched.isEmpty ? 3 : 2)) else { return }
    // A quotation that runs over the content's edges belongs to it entirely.
    for pi in touched {
      let p = pairs[pi]
      if p.open < content.start { content.start = p.open }
      if p.end > content.end { content.end = p.end }
    }
    let final = tokenRange(content)
    // A quote within another one's reported speech, or one that reports whole quotes ("…, according
    // to Reuters"), may hold claimed words; no other may.
    var outer = false
    if let n = nesting {
      guard rule == "speaker-cue-content", n.contains(content), content != n, let sp = speaker, n.contains(span(sp)) else { return }
    } else if final.contains(where: { claimed[$0] }) {
      let around = quotes.filter { $0.content.overlaps(content) }
      guard rule == "according-to", !around.isEmpty, around.allSatisfy({ content.contains($0.content) && $0.content != content }) else { return }
      outer = true
    }
    let direct = touched.contains { pairs[$0].open == content.start && pairs[$0].end >= content.end - 1 }
    var entity: Int? = nil
    if let sp = speaker { entity = resolve(sp, sentence: sentence) }
    quotes.append(Quote(
      content: content, direct: direct, cue: cue.map { span($0.range) }, cueLemma: cue?.lemma,
      speaker: speaker.map(span), speakerEntity: entity, sentence: sentence, rule: rule, pieces: pieces.map(trimContent),
      otherSpeakers: entity == nil ? [] : speaker.map(coordinated) ?? []))
    for k in final { claimed[k] = true }
    if outer || nesting != nil { nestedQuotes.insert(quotes.count - 1) }
    if let e = entity, nesting == nil, !outer { lastSpeaker = (e, sentence) }
  }

  func trimContent(_ c: TextSpan) -> TextSpan {
    let s = doc.text.scalars
    var a = c.start, b = c.end
    while a < b, s[a].isSpace || s[a] == "," || s[a] == ":" || s[a] == "\u{2014}" { a += 1 }
    while b > a, s[b - 1].isSpace || s[b - 1] == "," || s[b - 1] == "." || s[b - 1] == ":" || s[b - 1] == ";" || s[b - 1] == "\u{2014}" { b -= 1 }
    return TextSpan(a, b)
  }

  /// Skips what may stand between a cue and its clause: an addressee, a time, "that".
  func contentStart(after cue: Cue, in s: Sentence) -> Int {
    var k = cue.range.upperBound
    // "told the crowd her father would win", "warned voters that …": the one spoken to first.
    if let c = clauseAfterAddressee(of: cue, in: s) { return c }
    // "told BBC News …", "told Sky News that …": the addressee is not what was said.
    if cue.lemma == "tell" {
      var j = k
      // "told CNN's Jake Tapper that …": a possessive stays in the addressee.
      while j < s.tokens.upperBound, j - k < 6, tokens[j].kind == .word,
        tokens[j].isCapitalized || mentionAt[j] != nil || (j > k && (tokens[j].lower == "'s" || tokens[j].lower == "\u{2019}s"))
      {
        j += 1
      }
      if j > k, j < s.tokens.upperBound, tokens[j].kind == .word, !tokens[j].isCapitalized { return contentStart(after: Cue(range: cue.range.lowerBound..<j, lemma: "tell-addressed", weak: cue.weak), in: s) }
    }
    // "told them the subsidies would stay": an object pronoun is the addressee.
    if cue.lemma == "tell", k + 1 < s.tokens.upperBound, ["him", "them", "us", "me"].contains(tokens[k].lower), tokens[k + 1].kind == .word {
      k += 1
    }
    let addressed = k
    var skipped = 0
    while k < s.tokens.upperBound, skipped < 6 {
      if tokens[k].has([.cueTimeWord, .cueObject]) || (cue.lemma == "tell" && mentionAt[k] != nil) {
        k += 1
        skipped += 1
        continue
      }
      break
    }
    // Only skip when a "that", a colon, a comma or a quotation mark follows the skipped words.
    if skipped > 0, k < s.tokens.upperBound {
      let l = tokens[k].text
      if !(l == "that" || l == ":" || l == "," || tokens[k].text.unicodeScalars.first?.quoteRole != nil) {
        // "told journalists they would …", "said Monday the emails were …": a clause without
        // "that" (a subject pronoun, or a subject and an auxiliary) after the skipped words.
        let c = k - 1 >= addressed && QuotePass.determiners.contains(tokens[k - 1].lower) ? k - 1 : k
        if c > addressed, QuotePass.subjectPronouns.contains(tokens[c].lower) && c + 1 < s.tokens.upperBound && tokens[c + 1].kind == .word
          || opensFiniteClause(c, in: s)
        {
          return c
        }
        k = addressed
      }
    }
    // "said after meeting aides Thursday that …", "said in an interview with Fox News that …":
    // an adverbial stands between the cue and its "that" clause.
    if k == cue.range.upperBound, k < s.tokens.upperBound, tokens[k].has(.adverbialStart), !tokens[k].has(.cueObject) {
      var j = k + 1
      // ("said in a tweet that …": a cue word after a determiner is a noun.)
      while j < s.tokens.upperBound, j - k < 14, tokens[j].kind == .word, !quoted[j],
        !(tokens[j].has(.speechVerb) && mentionAt[j] == nil && !QuotePass.determiners.contains(tokens[j - 1].lower))
      {
        if tokens[j].lower == "that" { return j }
        j += 1
      }
      // "said in a statement he would vote no", "said at the time the agency would …": a clause
      // without "that" after a short adverbial.
      j = k + 1
      while j < s.tokens.upperBound, j - k <= 8, tokens[j].kind == .word, !quoted[j], !(tokens[j].has(.speechVerb) && mentionAt[j] == nil) {
        if QuotePass.subjectPronouns.contains(tokens[j].lower), j + 1 < s.tokens.upperBound, tokens[j + 1].kind == .word { return j }
        if opensFiniteClause(j, in: s) { return j }
        j += 1
      }
    }
    if k < s.tokens.upperBound, tokens[k].text == "that" || tokens[k].text == ":" || tokens[k].text == "," { k += tokens[k].text == "that" ? 0 : 1 }
    if let c = clauseAfterDay(k, in: s) { return c }
    return k
  }

  /// Where what was said starts after the one a cue of ``CueLexicon/addresseeCues`` speaks to: a
  /// short noun phrase ("the crowd", "his supporters", "CNN's Jake Tapper", "a rally in Ohio")
  /// and then "that", a subject pronoun or a subject with an auxiliary ("told the crowd her
  /// father would win"); or nil. The shortest such addressee wins ("told the crowd Trump would
  /// win"); pronouns ("told him …") and words that cannot open a clause are left to the caller.
  func clauseAfterAddressee(of cue: Cue, in s: Sentence) -> Int? {
    guard CueLexicon.bundled.addresseeCues.contains(cue.lemma) else { return nil }
    let end = s.tokens.upperBound
    var j = cue.range.upperBound
    guard j < end, tokens[j].kind == .word, !quoted[j] else { return nil }
    if QuotePass.determiners.contains(tokens[j].lower), tokens[j].lower != "that" { j += 1 }
    func opensClause(_ c: Int) -> Bool {
      guard c < end, tokens[c].kind == .word, !quoted[c] else { return false }
      if tokens[c].lower == "that" { return true }
      if QuotePass.subjectPronouns.contains(tokens[c].lower) { return c + 1 < end && tokens[c + 1].kind == .word && !quoted[c + 1] }
      return opensFiniteClause(c, in: s)
    }
    let nounStart = j
    while j < end, j - nounStart < 4 {
      let t = tokens[j]
      guard t.kind == .word || t.text == "-", !quoted[j], !t.has([.functionWord, .pronoun]) || t.lower == "'s" || t.lower == "\u{2019}s",
        !t.has(.speechVerb) || mentionAt[j] != nil || t.has(.cueObject), !QuotePass.determiners.contains(t.lower)
      else { break }
      j += 1
      if tokens[j - 1].kind == .word, tokens[j - 1].lower != "'s", opensClause(j) { return j }
    }
    guard j > nounStart, j < end else { return nil }
    // "told a rally in Ohio that …", "warned reporters at the White House that …".
    guard tokens[j].kind == .word, tokens[j].has(.adverbialStart) else { return nil }
    var p = j + 1
    while p < end, p - j <= 8, tokens[p].kind == .word, !quoted[p], !(tokens[p].has(.speechVerb) && mentionAt[p] == nil) {
      if tokens[p].lower == "that" { return p }
      p += 1
    }
    return nil
  }

  /// Where a clause without "that" starts after an addressee or an adverbial that ends in a
  /// day ("told reporters at the White House on Friday the wall would …"), or nil.
  func clauseAfterDay(_ k: Int, in s: Sentence) -> Int? {
    let lex = CueLexicon.bundled
    guard k < s.tokens.upperBound, tokens[k].has([.cueObject, .adverbialStart]) else { return nil }
    var j = k
    while j < s.tokens.upperBound, j - k < 12, tokens[j].kind == .word, !quoted[j], !lex.dayWords.contains(tokens[j].lower) { j += 1 }
    guard j < s.tokens.upperBound, lex.dayWords.contains(tokens[j].lower) else { return nil }
    while j + 1 < s.tokens.upperBound, lex.dayWords.contains(tokens[j + 1].lower) { j += 1 }
    let next = j + 1
    guard next < s.tokens.upperBound, tokens[next].kind == .word, !quoted[next], !tokens[next].has(.adverbialStart),
      !QuotePass.complementPrepositions.contains(tokens[next].lower), !lex.conjunctions.contains(tokens[next].lower)
    else { return nil }
    return next
  }

  /// Longer "sentences" are lists, tables or markup, not reported speech; skipping them keeps
  /// the time linear on such input.
  static let longestSentence = 300

  mutating func run() {
    for whole in doc.sentences where whole.tokens.count <= QuotePass.longestSentence {
      let s = body(of: whole)
      for cue in cues(in: s) {
        if claimed[cue.range.lowerBound] {
          // "Smith said Jones told him the bill was dead": speech reported within reported speech.
          let at = span(cue.range)
          // (The quote that holds it was recorded last, or nearly: a few to look at.)
          if let outer = quotes.suffix(4).last(where: { !$0.direct && $0.pieces.isEmpty && $0.content.contains(at) && $0.cue.map { $0.end <= at.start } == true }) {
            nesting = outer.content
            attribute(cue, in: s)
            nesting = nil
          }
          continue
        }
        attribute(cue, in: s)
      }
    }
    directQuotes()
  }

  mutating func attribute(_ cue: Cue, in s: Sentence) {
    let first = s.tokens.lowerBound, last = s.tokens.upperBound
    let sentenceSpan = s.span
    // "she was told to …", "he was asked", "it is also called": the subject heard, it did not speak.
    var aux = cue.range.lowerBound - 1
    while aux > first, tokens[aux].kind == .word, !QuotePass.passiveAuxiliaries.contains(tokens[aux].lower),
      tokens[aux].has(.speakerAdverb) || isAdverb(aux)
    {
      aux -= 1
    }
    if aux >= first, QuotePass.passiveAuxiliaries.contains(tokens[aux].lower),
      cue.lemma != "according to", tokens[cue.range.lowerBound].lower.hasSuffix("ed") || ["told", "said", "written"].contains(tokens[cue.range.lowerBound].lower)
    {
      return
    }
    func endsSentence(_ k: Int) -> Bool {
      var j = k
      while j < last, tokens[j].kind == .punctuation { j += 1 }
      return j >= last
    }
    // According to X, …  /  …, according to X.
    if cue.lemma == "according to" {
      // A named source, or a common noun phrase up to the punctuation that sets it off ("a tally
      // by the Associated Press", "hagiography").
      var loose = false
      guard let np = speakerAfter(cue.range.upperBound, in: s) ?? {
        loose = true
        return sourcePhrase(after: cue.range.upperBound, in: s)
      }() else { return }
      let atStart = cue.range.lowerBound == first || (cue.range.lowerBound == first + 1 && tokens[first].kind == .punctuation)
      // After the content, such a phrase closes the sentence ("…, according to a tally by the
      // Associated Press."); "organized according to the new system; and …" is a manner.
      if loose, !atStart, !endsSentence(np.upperBound) { return }
      if cue.range.lowerBound == first || (cue.range.lowerBound == first + 1 && tokens[first].kind == .punctuation) {
        let start = np.upperBound < last ? tokens[np.upperBound].start : sentenceSpan.end
        record(content: TextSpan(start, sentenceSpan.end), cue: cue, speaker: np, sentence: s.index, rule: "according-to")
      } else {
        // "…, according to X." sets the source off, or the source closes the clause ("… visitors
        // according to Google Analytics (…)."); "weighted according to the survey weight",
        // "organized according to the new system" mean "in keeping with".
        let b = tokens[cue.range.lowerBound - 1]
        guard [",", "(", "-", "\u{2014}", "\u{2013}"].contains(b.text) || np.upperBound >= last || tokens[np.upperBound].kind == .punctuation else { return }
        record(content: TextSpan(sentenceSpan.start, tokens[cue.range.lowerBound].start), cue: cue, speaker: np, sentence: s.index, rule: "according-to")
      }
      return
    }
    // "the measures announced by the minister": a participle, not a speech act of its subject.
    if cue.range.upperBound < last, tokens[cue.range.upperBound].lower == "by" { return }
    // 'a podcast called "…"', 'what he calls "…"': a quotation right after a naming verb is a name.
    if CueLexicon.bundled.namingCues.contains(cue.lemma), cue.range.upperBound < last,
      tokens[cue.range.upperBound].text.unicodeScalars.first?.quoteRole != nil
    {
      return
    }
    let before = cue.range.lowerBound - 1
    let prevIsComma = before >= first && (tokens[before].text == "," || SentenceSegmenter.isClosing(tokens[before]))
    // …, said X.  /  "…," adds the Central Committee.
    if prevIsComma, let np = speakerAfter(cue.range.upperBound, in: s),
      np.contains(where: { mentionAt[$0] != nil || tokens[$0].has([.roleNoun, .pronoun, .pluralHead]) }),
      // "Her professor, Koolhaas, described her as …": an object pronoun after the cue heard.
      np.count > 1 || !QuotePass.objectPronouns.contains(tokens[np.lowerBound].lower),
      // "…, said X." / "…, said X, who …": the speaker closes the clause. In "X, the EU's
      // executive arm, said it would …" a new clause starts after the cue instead; in "Trump,
      // speaking to reporters, said Iran "will never …"" a quotation opens after the name, which is
      // its subject (rule `no-speaker-before-quotation`).
      np.upperBound >= last || tokens[np.upperBound].kind == .punctuation && quotationOpening(at: tokens[np.upperBound].start) == nil
        || tokens[np.upperBound].has(.adverbialStart)
    {
      let contentEnd = tokens[before].text == "," ? tokens[before].start : tokens[before].end
      record(content: TextSpan(sentenceSpan.start, contentEnd), cue: cue, speaker: np, sentence: s.index, rule: "content-cue-speaker")
      return
    }
    // "Biden arrived in Kyiv and said that …": the subject of the sentence speaks.
    let sharedSubject = quotedAsSaying(cue, in: s) ?? subjectOfCoordinatedVerb(cue, in: s)
    guard let np = sharedSubject ?? speakerBefore(cue.range.lowerBound, in: s) else { return }
    // "We just want to bring, like she said, light into …": a cue in a comparison clause points
    // back to words said before; it reports none of its own.
    if sharedSubject == nil, np.lowerBound - 1 >= first, tokens[np.lowerBound - 1].lower == "like" { return }
    // "A new poll found that …": a finding is reported by a poll, a study or a body, not by a
    // person who finds something.
    if CueLexicon.bundled.findingCues.contains(cue.lemma) {
      let head = tokens[np.upperBound - 1]
      let org = mentionAt[np.upperBound - 1].map { recognition.entities[recognition.mentions[$0].entity].type == .organization } ?? false
      guard org || CueLexicon.bundled.findingSources.contains(head.lower) else { return }
    }
    let afterCue = contentStart(after: cue, in: s)
    // The content comes before the speaker when a comma or a closing quotation mark precedes
    // the speaker and only an adverbial ("at the opening session", "on Monday") follows the cue.
    // "X said:" closing its sentence introduces what follows, not what came before.
    let introduces = afterCue > cue.range.upperBound && tokens[afterCue - 1].text == ":" && endsSentence(afterCue)
    var contentBefore = sharedSubject == nil && endsSentence(afterCue) && !introduces
    if !contentBefore, sharedSubject == nil, afterCue < last, np.lowerBound - 1 >= first {
      let b = tokens[np.lowerBound - 1]
      let next = tokens[afterCue]
      let clauseFollows = next.text == "that" || next.text == ":" || next.text.unicodeScalars.first?.quoteRole != nil
      // A quotation closing a clause ("…," she said / "…", she said), not a quoted word before
      // the speaker ('About his "protégé" he wrote, "…"').
      let quoteBefore = closesQuote(np.lowerBound - 1) && np.lowerBound - 2 >= first && [",", ".", "?", "!", "\u{2026}"].contains(tokens[np.lowerBound - 2].text)
        || (b.text == "," && np.lowerBound - 2 >= first && closesQuote(np.lowerBound - 2))
      // What follows the cue is a short adverbial, not a clause of its own.
      var tail = cue.range.upperBound
      while tail < last, tokens[tail].kind != .punctuation || tokens[tail].text == "-" { tail += 1 }
      // ("said Monday the emails were stolen", "told journalists they would …" hold a clause.)
      let tailClause = (cue.range.upperBound..<tail).contains {
        opensFiniteClause($0, in: s) || QuotePass.subjectPronouns.contains(tokens[$0].lower) && $0 + 1 < tail && tokens[$0 + 1].kind == .word
      }
      // Rule `cue-then-next-act`: "…, Lavrov said, adding that …", "…, he said on Monday, but
      // …": a comma and a conjunction or a participle cue after the cue close its clause as the
      // sentence's end does; what follows is the speaker's next act, or the writer's.
      let closesAtComma = tail + 1 < last && tokens[tail].text == "," && !quoted[tail + 1]
        && (CueLexicon.bundled.conjunctions.contains(tokens[tail + 1].lower) || isParticipleCue(tail + 1))
      let shortTail = tail - cue.range.upperBound <= 6 && (endsSentence(tail) || closesAtComma) && !tailClause
      let before = (first..<(np.lowerBound - 1)).reduce(0) { $0 + (tokens[$1].kind == .word ? 1 : 0) }
      if quoteBefore, next.text.unicodeScalars.first?.quoteRole != nil {
        // "…," she said, "…": the quotation before the cue is the first piece of the
        // utterance (the one after it joins it).
        contentBefore = true
      } else if !clauseFollows, quoteBefore || (b.text == "," && before >= 4 && shortTail
        && (tail == cue.range.upperBound || tokens[cue.range.upperBound].has(.adverbialStart)))
      {
        contentBefore = true
      }
    }
    if contentBefore {
      // …, X said.  /  "…," he said.
      var np = sharedSubject == nil ? withModifiersAfterComma(np, in: s) : np
      var b = np.lowerBound - 1
      // '"…," the head of the delegation, Rustem Umerov, told journalists': the description
      // set off between the quotation and the name is the speaker's, not what was said.
      if sharedSubject == nil, b > first, tokens[b].text == ",", let d = descriptionBefore(b, name: np, in: s) {
        np = d.lowerBound..<np.upperBound
        b = d.lowerBound - 1
      }
      guard b >= first, tokens[b].text == "," || SentenceSegmenter.isClosing(tokens[b]) else {
        // "…" he said, with the quote in the sentence before.
        let at = tokens[np.lowerBound].start
        let byEnd = pairByEnd
        // (Within the paragraph: "Scholz agreed." opening the next one speaks no quotation of
        // the one before.)
        if let pi = [at, at - 1, at - 2].compactMap({ byEnd[$0] }).first,
          !doc.text.scalars[pairs[pi].end..<at].contains(where: { $0 == "\n" })
        {
          let p = pairs[pi]
          record(content: p.span, cue: cue, speaker: np, sentence: s.index, rule: "quote-speaker-cue")
        }
        return
      }
      let end = tokens[b].text == "," ? tokens[b].start : tokens[b].end
      var start = sentenceSpan.start
      if let pi = pairByEnd[end] ?? pairByEnd[end + 1] {
        // Rule `title-before-cue`: 'In his book "A Promised Land," Obama wrote about …': a title
        // in quotation marks after other words of the clause is no utterance.
        let inner = tokenRange(pairs[pi].span)
        if inner.lowerBound > first, (first..<inner.lowerBound).contains(where: { tokens[$0].kind == .word }), isTitle(inner) { return }
        start = min(start, pairs[pi].open)
      }
      record(content: TextSpan(start, end), cue: cue, speaker: np, sentence: s.index, rule: "content-speaker-cue")
      return
    }
    // X said [that] …
    var k = afterCue
    // A noun-like cue right after a name or a pronoun is a verb: "Paris claims she …".
    let nounLike = tokens[cue.range.lowerBound].has(.nounLikeCue)
      && !(cue.range.lowerBound > first && (mentionAt[cue.range.lowerBound - 1].map { recognition.mentions[$0].kind == .name } ?? false
        || ["he", "she", "they", "it"].contains(tokens[cue.range.lowerBound - 1].lower)))
    // "he agreed, but …", "What she added was …": the clause after the cue is not what was said.
    if k < last, !quoted[k], isNoClause(k, after: cue) { return }
    // "said of the plan that …", 'said of his testament, "…"': a topic before what was said;
    // "spoke about the plan" says nothing that is quoted.
    // ("raised concerns about …" says what the concern is).
    // (Also after an addressee: "told reporters about the plan".) "for" is a topic too, save
    // after the cues whose object it opens ("called for a ceasefire").
    if k < last, !quoted[k], cue.lemma != "express concern", tokens[k - 1].text != ":", tokens[k - 1].text != ",",
      CueLexicon.bundled.topicPrepositions.contains(tokens[k].lower),
      tokens[k].lower != "for" || !CueLexicon.bundled.objectCues.contains(cue.lemma)
    {
      guard let c = clauseAfterTopic(k, in: s) else { return }
      k = c
    }
    // 'Cleveland has added: the Rock and Roll Hall of Fame, …': after a cue that needs a clause,
    // lower-case words after a colon list what was added; said words open as a sentence does.
    if cue.weak, k > cue.range.upperBound, k < last, tokens[k - 1].text == ":", tokens[k].kind == .word, !tokens[k].isCapitalized,
      !quoted[k], tokens[k].lower != "i"
    {
      return
    }
    var contentEnd = sentenceSpan.end
    var rule = "speaker-cue-content"
    var minWords: Int? = nil
    if cue.weak || nounLike {
      let clause = k < last && (tokens[k].text == "that" || tokens[k].text == ":" || quotationClosesClause(k, in: s))
        || tokens[k - 1].text == ":" || tokens[k - 1].text == ","
        // "A new poll shows Biden leading": a finding's clause needs no "that".
        || CueLexicon.bundled.findingCues.contains(cue.lemma) && k < last && tokens[k].kind == .word
        // "Sarvis notes he favors …", "she admitted they had …": a subject pronoun opens a clause.
        || !nounLike && k + 1 < last && QuotePass.subjectPronouns.contains(tokens[k].lower) && tokens[k + 1].kind == .word
        // 'warned it "would respond"': "it" and a quoted predicate.
        || !nounLike && k + 1 < last && tokens[k].lower == "it" && quotedPredicate(at: k + 1)
        // "CNN reported the president would sign …": a subject and an auxiliary open a clause.
        || !nounLike && k == cue.range.upperBound && opensFiniteClause(k, in: s)
        // "warned the crowd the plan would fail": after the one spoken to.
        || !nounLike && k > cue.range.upperBound && clauseAfterAddressee(of: cue, in: s) == k
      if !clause {
        if !nounLike, let i = infinitiveClause(after: cue, in: s) {
          // "vowed to fight on", "threatened to veto the bill"
          k = i
          minWords = 2
          rule = "speaker-cue-infinitive"
        } else if let q = questionClause(after: cue, in: s) {
          // "asked whether …", "asked reporters why …"
          k = q
          rule = "speaker-cue-question"
        } else if !nounLike, let o = objectPhrase(after: cue, in: s) {
          // "announced his resignation", "called for a ceasefire", "denied the allegations"
          k = o.lowerBound
          contentEnd = tokens[o.upperBound - 1].end
          minWords = 2
          rule = "speaker-cue-object"
        } else {
          // "Smith proposed a new zone." reports no words, but Smith has the floor: a quotation
          // with no cue that follows speaks for Smith.
          if CueLexicon.bundled.objectCues.contains(cue.lemma), let e = resolve(np, sentence: s.index),
            recognition.entities[e].type == .person
          {
            speechActs.append(SpeechAct(speaker: span(np), entity: e, end: tokens[cue.range.upperBound - 1].end))
          }
          return
        }
      }
    }
    guard k < last else {
      // "X said:" closing its paragraph: the quotation that opens the next one.
      if tokens[k - 1].text == ":", let pi = quotationOpening(at: sentenceSpan.end) {
        record(content: pairs[pi].span, cue: cue, speaker: np, sentence: s.index, rule: "speaker-cue-next")
      } else if tokens[k - 1].text == ":", s.paragraph + 1 < doc.paragraphs.count, doc.paragraphs[s.paragraph + 1].role == .body,
        doc.paragraphs[s.paragraph].span.end <= sentenceSpan.end + 1
      {
        // "In it, Norton observed:" closing its paragraph, and the words set off below it
        // without quotation marks (a block quotation, a statement posted in full).
        let next = doc.paragraphs[s.paragraph + 1].span
        record(content: next, cue: cue, speaker: np, sentence: s.index, rule: "speaker-cue-block")
      }
      return
    }
    // "The plan, he said, would cost billions": the cue interrupts the sentence, and what was
    // said is on both sides of it.
    if rule == "speaker-cue-content", sharedSubject == nil, let lead = interruptedLead(np, cue: cue, contentStart: k, in: s) {
      let before = TextSpan(tokens[lead.lowerBound].start, tokens[lead.upperBound - 1].end)
      let after = TextSpan(tokens[k].start, contentEnd)
      record(content: TextSpan(before.start, after.end), cue: cue, speaker: np, sentence: s.index, rule: "content-speaker-cue-content", pieces: [before, after])
      return
    }
    // "Graham insisted that the deal was dead, while Cruz argued it could be revived": a second
    // speaker with a cue of their own ends the first one's content.
    // "Trump said the wall would be built, according to Reuters": the source set off after the
    // clause reports the whole sentence (a quote of its own), not what Trump said.
    if rule == "speaker-cue-content",
      let c = trailingSource(after: k, in: s) ?? secondSpeakerClause(after: k, in: s) ?? coordinatedPredicate(after: k, in: s) ?? participleCue(after: k, in: s)
    {
      contentEnd = tokens[c].start
    }
    record(content: TextSpan(tokens[k].start, contentEnd), cue: cue, speaker: np, sentence: s.index, rule: rule, minWords: minWords)
  }

  /// The comma after `k` (outside quotation marks) before "but" or "and" and a verb in the past
  /// with no subject of its own: the speaker's next act ("said Germany would spend more, but gave
  /// no figure"), not what was said; or nil.
  func coordinatedPredicate(after k: Int, in s: Sentence) -> Int? {
    let lex = CueLexicon.bundled
    var j = k + 1
    while j + 2 < s.tokens.upperBound {
      defer { j += 1 }
      guard tokens[j].text == ",", !quoted[j], tokens[j + 1].lower == "but" || tokens[j + 1].lower == "and" else { continue }
      let v = tokens[j + 2]
      guard v.kind == .word, !quoted[j + 2], !v.isCapitalized, mentionAt[j + 2] == nil, !v.has([.functionWord, .pronoun]) else { continue }
      if lex.predicateVerbs.contains(v.lower) || v.lower.hasSuffix("ed") && v.length > 4 { return j }
    }
    return nil
  }

  /// Rule `description-before-name`: the words between a quotation that closes a clause and
  /// the comma at `comma` before a person's name, when they describe someone (a lower-case word
  /// among them, no cue, up to ten words): '"…," the head of the delegation, Rustem Umerov, told
  /// journalists', 'The plan was "a step forward," Qatar's prime minister, Sheikh …, said'.
  /// Returns their range, or nil.
  func descriptionBefore(_ comma: Int, name np: Range<Int>, in s: Sentence) -> Range<Int>? {
    guard isPersonName(np.lowerBound) || isNameLike(np.lowerBound) else { return nil }
    var j = comma - 1
    var lowercase = false
    // The quotation closes a clause: a comma (or "?", "!") inside or after its closing mark.
    func closesClause(_ j: Int) -> Bool {
      closesQuote(j) && j - 1 >= s.tokens.lowerBound && [",", "?", "!"].contains(tokens[j - 1].text) || tokens[j].text == "," && closesQuote(j - 1)
    }
    while j > s.tokens.lowerBound, comma - j <= 10 {
      let t = tokens[j]
      if closesClause(j) { break }
      guard t.kind == .word || t.text == "'s" || t.text == "\u{2019}s" || t.text == "-", !quoted[j], !isCueVerb(j) else { return nil }
      if t.kind == .word, !t.isCapitalized, mentionAt[j] == nil, !t.has(.functionWord) { lowercase = true }
      j -= 1
    }
    guard j > s.tokens.lowerBound, j + 1 < comma, lowercase, closesClause(j) else { return nil }
    return j + 1..<comma
  }

  /// Rule `modifiers-after-comma`: the lower-case modifiers (up to three) that the speaker
  /// phrase leaves out between the comma closing what was said and its head ("…, local officials
  /// said", "…, state media reported"): the phrase from the comma on; else the phrase as it was.
  func withModifiersAfterComma(_ np: Range<Int>, in s: Sentence) -> Range<Int> {
    var lo = np.lowerBound
    while lo - 1 > s.tokens.lowerBound, np.lowerBound - lo < 3 {
      let t = tokens[lo - 1]
      guard t.kind == .word, !t.isCapitalized, !quoted[lo - 1], mentionAt[lo - 1] == nil, !t.has([.functionWord, .pronoun]) else { break }
      lo -= 1
    }
    guard lo < np.lowerBound, tokens[lo - 1].text == "," || SentenceSegmenter.isClosing(tokens[lo - 1]) else { return np }
    return lo..<np.upperBound
  }

  /// Rule `participle-cue-ends-content`: the comma after `k` (outside quotation marks) before a
  /// cue in -ing ("said NATO would respond, adding that allies were united"): the speaker's next
  /// utterance, a quote of its own; or nil.
  func participleCue(after k: Int, in s: Sentence) -> Int? {
    var j = k + 1
    while j + 1 < s.tokens.upperBound {
      defer { j += 1 }
      if tokens[j].text == ",", !quoted[j], isParticipleCue(j + 1) { return j }
    }
    return nil
  }

  /// The comma after `k` (outside quotation marks) before "according to", or nil.
  func trailingSource(after k: Int, in s: Sentence) -> Int? {
    var j = k + 1
    while j + 2 < s.tokens.upperBound {
      defer { j += 1 }
      if tokens[j].text == ",", !quoted[j], tokens[j + 1].lower == "according", tokens[j + 2].lower == "to" { return j }
    }
    return nil
  }

  /// "Putin was quoted as saying that …": the subject of "was quoted" speaks.
  func quotedAsSaying(_ cue: Cue, in s: Sentence) -> Range<Int>? {
    let c = cue.range.lowerBound
    guard tokens[c].lower.hasSuffix("ing"), c - 3 >= s.tokens.lowerBound, tokens[c - 1].lower == "as" else { return nil }
    // "Xi was quoted by state broadcaster CCTV as saying …": a source between "quoted" and "as".
    var q = c - 2
    if tokens[q].lower != "quoted" {
      while q > s.tokens.lowerBound, c - q <= 9, tokens[q].kind == .word, !quoted[q], tokens[q].lower != "quoted" { q -= 1 }
      guard tokens[q].lower == "quoted", q + 1 < c - 1, ["by", "in"].contains(tokens[q + 1].lower) else { return nil }
    }
    guard q - 1 >= s.tokens.lowerBound, QuotePass.passiveAuxiliaries.contains(tokens[q - 1].lower) else { return nil }
    return speakerBefore(q - 1, in: s)
  }

  /// The comma after `k` (outside quotation marks) that opens a clause "while/but/and X <cue>"
  /// of a speaker of its own, or nil.
  func secondSpeakerClause(after k: Int, in s: Sentence) -> Int? {
    var j = k + 1
    while j + 2 < s.tokens.upperBound {
      defer { j += 1 }
      // "…, he said yes it is": a subject pronoun and its cue right after a comma.
      if tokens[j].text == ",", !quoted[j], QuotePass.subjectPronouns.contains(tokens[j + 1].lower), isCueVerb(j + 2) { return j }
      guard tokens[j].text == ",", !quoted[j], CueLexicon.bundled.contrastWords.contains(tokens[j + 1].lower) else { continue }
      var v = j + 2
      while v < s.tokens.upperBound, v - j <= 7, tokens[v].kind == .word, !quoted[v] {
        if tokens[v].has(.speechVerb), mentionAt[v] == nil, v > j + 2, gaz.speechVerbs[tokens[v].lower] != nil {
          if speakerBefore(v, in: s, appositive: false).map({ $0.lowerBound > j + 1 }) == true { return j }
          break
        }
        v += 1
      }
    }
    return nil
  }

  /// A cue verb in -ing ("adding", "saying") at `k`.
  func isParticipleCue(_ k: Int) -> Bool {
    isCueVerb(k) && tokens[k].lower.hasSuffix("ing")
  }

  /// The possessive "'s" (or "’s") at `k`.
  func isPossessive(_ k: Int) -> Bool {
    k < tokens.count && (tokens[k].lower == "'s" || tokens[k].lower == "\u{2019}s")
  }

  /// A verb of speech outside quotation marks and names ("said", "noted").
  func isCueVerb(_ k: Int) -> Bool {
    guard k < tokens.count else { return false }
    let t = tokens[k]
    return t.kind == .word && !quoted[k] && mentionAt[k] == nil && t.has(.speechVerb) && !t.isCapitalized && gaz.speechVerbs[t.lower] != nil
  }

  static let passiveAuxiliaries: Set<String> = ["was", "were", "been", "being", "is", "are", "be", "get", "got"]

  /// An adverb in -ly ("widely", "commonly").
  func isAdverb(_ k: Int) -> Bool {
    let t = tokens[k]
    return t.kind == .word && !t.isCapitalized && t.length > 4 && t.lower.hasSuffix("ly")
  }

  /// Whether the words at `k`, right after a cue, cannot open what was said: a conjunction after
  /// a comma (the cue closed its clause: "he agreed, but …") or a verb the cue is the subject
  /// of ("What she added was …").
  func isNoClause(_ k: Int, after cue: Cue) -> Bool {
    let t = tokens[k].lower
    let lex = CueLexicon.bundled
    if k > cue.range.upperBound, tokens[k - 1].text == ",", lex.conjunctions.contains(t) { return true }
    if k == cue.range.upperBound, lex.clauseVerbs.contains(t) { return true }
    // "as the judge, I think, said the jury had to …": a cue set off by commas before another
    // cue; what was said follows that one, whose speaker it is.
    if k > cue.range.upperBound, tokens[k - 1].text == ",", isCueVerb(k) { return true }
    guard k + 1 < tokens.count, !quoted[k] else { return false }
    let next = tokens[k + 1]
    // "declared it "incomprehensible"", "called him "a traitor"": a pronoun and a quoted phrase
    // characterize; they say nothing.
    if t == "it" || QuotePass.objectPronouns.contains(t), next.kind == .punctuation, next.length == 1,
      next.text.unicodeScalars.first?.quoteRole != nil, !(t == "it" && quotedPredicate(at: k + 1))
    {
      return true
    }
    // "claimed to be acting for him": an infinitive says what was said only after the cues that
    // promise, threaten or ask ("vowed to fight on", "urged them to leave"); "said to reporters"
    // is an addressee.
    if t == "to", next.kind == .word, !next.isCapitalized, !next.has([.pronoun, .cueObject]),
      !next.has(.functionWord) || next.lower == "be" || next.lower == "have",
      !QuotePass.determiners.contains(next.lower), !lex.infinitiveCues.contains(cue.lemma)
    {
      return true
    }
    return false
  }

  /// Rule `quoted-predicate`: the quotation opening at `k`, after "it", is the predicate of a
  /// clause "it" is the subject of ('said it "strongly rejects" the remarks', 'warned it "would
  /// respond"'), not a word that characterizes it ('declared it "incomprehensible"'): it opens
  /// with an auxiliary or a modal, or a determiner follows it (its verb's object).
  func quotedPredicate(at k: Int) -> Bool {
    guard pairAt[k] >= 0, pairs[pairAt[k]].open == tokens[k].start, pairs[pairAt[k]].closed else { return false }
    let p = pairs[pairAt[k]]
    let first = doc.tokenIndex(atOrAfter: p.open + 1)
    if first < tokens.count, tokens[first].kind == .word, CueLexicon.bundled.clauseAuxiliaries.contains(tokens[first].lower) { return true }
    let after = doc.tokenIndex(atOrAfter: p.end)
    return after < tokens.count && tokens[after].kind == .word && QuotePass.determiners.contains(tokens[after].lower) && tokens[after].lower != "that"
  }

  /// Where what was said starts after a topic phrase ("of his testament"): at a "that" or an
  /// opening quotation a few words on, or nil.
  func clauseAfterTopic(_ k: Int, in s: Sentence) -> Int? {
    var j = k + 1
    while j < s.tokens.upperBound, j - k < 15 {
      if tokens[j].lower == "that", !quoted[j] { return j }
      if pairAt[j] >= 0, pairs[pairAt[j]].open == tokens[j].start { return j }
      // 'said of the talks: "We made progress."'
      if tokens[j].text == ":", j + 1 < s.tokens.upperBound, pairAt[j + 1] >= 0, pairs[pairAt[j + 1]].open == tokens[j + 1].start { return j + 1 }
      if tokens[j].text == ";" || tokens[j].text == ":" { return nil }
      j += 1
    }
    return nil
  }

  /// The words before a cue set off by commas in mid-sentence ("The plan, he said, would …"):
  /// the start of what was said, or nil when they are an opening adverbial ("In Kyiv, …"), a
  /// participle ("Asked about it, …") or a name with its apposition.
  func interruptedLead(_ np: Range<Int>, cue: Cue, contentStart k: Int, in s: Sentence) -> Range<Int>? {
    let first = s.tokens.lowerBound
    var a = first
    while a < np.lowerBound, tokens[a].kind == .punctuation { a += 1 }
    let comma = np.lowerBound - 1
    guard comma > a, tokens[comma].text == ",", k > cue.range.upperBound, tokens[k - 1].text == ",", k < s.tokens.upperBound,
      tokens[k].kind == .word, !quoted[k]
    else { return nil }
    let lead = a..<comma
    let opener = tokens[a]
    guard !opener.has([.adverbialStart, .speechVerb]), !CueLexicon.bundled.clauseOpeners.contains(opener.lower) || opener.lower == "but" || opener.lower == "and",
      !lead.contains(where: { quoted[$0] || tokens[$0].text == "," }),
      lead.filter({ tokens[$0].kind == .word }).count >= 2,
      lead.contains(where: { tokens[$0].kind == .word && !tokens[$0].isCapitalized && mentionAt[$0] == nil && !tokens[$0].has(.roleLike) && $0 > a })
    else { return nil }
    return lead
  }

  /// The subject of a sentence whose cue is the second of two coordinated verbs: "Biden
  /// arrived in Kyiv on Monday and said that …", "She met the workers and told them …".
  func subjectOfCoordinatedVerb(_ cue: Cue, in s: Sentence) -> Range<Int>? {
    let first = s.tokens.lowerBound
    var j = cue.range.lowerBound - 1
    while j >= first, tokens[j].kind == .word, tokens[j].has(.speakerAdverb), mentionAt[j] == nil { j -= 1 }
    // "… and said that …", or a participle after a comma: "condemned the attack, saying …".
    guard j > first else { return nil }
    let participle = tokens[j].text == "," && tokens[cue.range.lowerBound].lower.hasSuffix("ing") && cue.lemma != "speak"
    // "… said the deal was close, but warned that …": the second of two coordinated cues.
    let afterComma = j - 1 > first && tokens[j - 1].text == ","
    guard tokens[j].lower == "and" || tokens[j].lower == "but" && afterComma || participle else { return nil }
    // '"…," Ryan said, adding that …', "Obama said …, but warned that …": the speaker of the
    // quote just before in the sentence.
    if participle || afterComma, let q = quotes.last(where: { $0.sentence == s.index && $0.speaker != nil && ($0.cue?.end ?? Int.max) <= tokens[j].start }),
      let sp = q.speaker, tokenRange(sp).lowerBound >= first
    {
      return tokenRange(sp)
    }
    var k = first
    while k < j, tokens[k].kind == .punctuation { k += 1 }
    // An opening adverbial: "On Monday, Biden arrived …".
    if k < j, tokens[k].has(.adverbialStart) || CueLexicon.bundled.clauseOpeners.contains(tokens[k].lower) {
      var c = k + 1
      while c < j, tokens[c].text != ",", c - k < 10 { c += 1 }
      guard c < j, tokens[c].text == "," else { return nil }
      k = c + 1
    }
    guard k < j, let np = speakerAfter(k, in: s), np.upperBound < j, np.upperBound > np.lowerBound else { return nil }
    let pronoun = np.count == 1 && ["he", "she", "they", "it", "we", "i"].contains(tokens[np.lowerBound].lower)
    // A name the recognizer did not type speaks too ("Jespersen was … and wrote: …").
    guard pronoun || np.contains(where: { mentionAt[$0] != nil || tokens[$0].has(.roleLike) }) || np.count == 1 && isNameLike(np.lowerBound) else { return nil }
    // One clause from the subject to "and": no other clause opens in between.
    for x in np.upperBound..<j {
      let t = tokens[x]
      if quoted[x] || t.text == ";" || t.text == ":" || t.lower == "that" { return nil }
    }
    return np
  }

  /// The quotation pair that opens right at `offset` or after only spaces, if any.
  func quotationOpening(at offset: Int) -> Int? {
    let k = doc.tokenIndex(atOrAfter: offset)
    guard k < tokens.count, pairAt[k] >= 0, pairs[pairAt[k]].open == tokens[k].start else { return nil }
    return pairAt[k]
  }

  /// Where a question clause after an asking cue starts: "asked whether", "asked him why".
  func questionClause(after cue: Cue, in s: Sentence) -> Int? {
    guard CueLexicon.bundled.questionCues.contains(cue.lemma) else { return nil }
    var j = cue.range.upperBound
    while j < s.tokens.upperBound, j - cue.range.upperBound < 5 {
      let t = tokens[j]
      guard t.kind == .word, !quoted[j] else { return nil }
      if CueLexicon.bundled.questionWords.contains(t.lower) { return j + 1 < s.tokens.upperBound ? j : nil }
      if t.has(.speechVerb) && mentionAt[j] == nil { return nil }
      j += 1
    }
    return nil
  }

  /// Where what was said starts when it is a to-infinitive right after a cue that promises or
  /// threatens (``CueLexicon/infinitiveCues``): "vowed to fight on", "threatened to veto the
  /// bill"; or nil. With an object between ("urged him to study", "asked the court to rule") the
  /// cue directs someone; it reports no words.
  func infinitiveClause(after cue: Cue, in s: Sentence) -> Int? {
    let j = cue.range.upperBound
    guard CueLexicon.bundled.infinitiveCues.contains(cue.lemma), j + 1 < s.tokens.upperBound, tokens[j].lower == "to", !quoted[j] else { return nil }
    let verb = tokens[j + 1]
    guard verb.kind == .word, !quoted[j + 1], !verb.isCapitalized, !verb.has([.pronoun, .cueObject]),
      !verb.has(.functionWord) || verb.lower == "be" || verb.lower == "have" || verb.lower == "do",
      !QuotePass.determiners.contains(verb.lower)
    else { return nil }
    return j
  }

  /// The noun phrase a cue takes as what was said, up to the end of its clause:
  /// "announced his resignation", "called for a ceasefire".
  func objectPhrase(after cue: Cue, in s: Sentence) -> Range<Int>? {
    let lex = CueLexicon.bundled
    guard lex.objectCues.contains(cue.lemma) else { return nil }
    let start = cue.range.upperBound
    guard start < s.tokens.upperBound, tokens[start].kind == .word, !quoted[start] else { return nil }
    let first = tokens[start].lower
    // "called for", "called on": other objects of "call" name what something is called.
    if cue.lemma == "call" { guard first == "for" || first == "on" else { return nil } }
    else { guard lex.objectStarts.contains(first) || lex.objectNouns.contains(first), first != "for" || cue.lemma == "ask" else { return nil } }
    // Other objects must name a speech act, a decision or a position ("his resignation", "the
    // allegations", "for a recount"), not any thing ("defended his dissertation", "proposed a
    // weapons-free zone"). "call for" and "call on" take any.
    if cue.lemma != "call", !namesSpeechAct(from: first == "for" ? start + 1 : start, in: s) { return nil }
    var e = start
    while e < s.tokens.upperBound, e - start < 25 {
      let t = tokens[e]
      // 'dismissed the report as "absolute nonsense."': the quotation marks stay in it.
      if t.kind == .punctuation, t.text != "-", t.text != "'", t.text != "\u{2019}", !quoted[e], pairAt[e] < 0 { break }
      e += 1
    }
    return e > start ? start..<e : nil
  }

  /// Up to eight words from `k` to the punctuation that ends them, with no quotation, verb of
  /// speech or "that" among them: the source after "according to" when it names no one.
  func sourcePhrase(after k: Int, in s: Sentence) -> Range<Int>? {
    var e = k
    while e < s.tokens.upperBound, e - k < 8, tokens[e].kind == .word || tokens[e].text == "-" || tokens[e].text == "'s" {
      guard !quoted[e], !tokens[e].has(.speechVerb) || mentionAt[e] != nil, tokens[e].lower != "that" else { return nil }
      e += 1
    }
    guard e > k, e >= s.tokens.upperBound || tokens[e].kind == .punctuation else { return nil }
    return k..<e
  }

  /// Whether a quotation opens at `k` and closes the clause (the sentence ends, or punctuation
  /// follows it): 'added: "…"', not 'added "Protector of Mexico" to this title'.
  func quotationClosesClause(_ k: Int, in s: Sentence) -> Bool {
    guard tokens[k].text.unicodeScalars.first?.quoteRole != nil else { return false }
    guard pairAt[k] >= 0, pairs[pairAt[k]].open == tokens[k].start else { return true }
    let after = doc.tokenIndex(atOrAfter: pairs[pairAt[k]].end)
    return after >= s.tokens.upperBound || tokens[after].kind == .punctuation
  }

  /// Whether a clause without "that" opens at `k`: a short subject (a determiner, names, nouns)
  /// and then an auxiliary or a modal ("the president would sign", "Russia had agreed"), not
  /// an object ("the number of particles", "the plan a disgrace").
  func opensFiniteClause(_ k: Int, in s: Sentence) -> Bool {
    let auxiliaries = CueLexicon.bundled.clauseAuxiliaries
    var j = k
    while j < s.tokens.upperBound, j - k <= 5 {
      let t = tokens[j]
      guard t.kind == .word || t.text == "'s" || t.text == "-", !quoted[j] else { return false }
      if j > k, auxiliaries.contains(t.lower) { return true }
      let determiner = j == k && QuotePass.determiners.contains(t.lower) && t.lower != "that"
      guard determiner || mentionAt[j] != nil || t.text == "'s" || t.text == "-"
        || !t.has([.functionWord, .speechVerb, .pronoun]) && !t.lower.hasSuffix("ly")
      else { return false }
      j += 1
    }
    return false
  }

  /// Whether the noun phrase at `start`, up to its first function word after the determiner,
  /// has a head of ``CueLexicon/objectNouns`` ("his resignation", "any wrongdoing", "new
  /// sanctions against Iran").
  func namesSpeechAct(from start: Int, in s: Sentence) -> Bool {
    let nouns = CueLexicon.bundled.objectNouns
    var k = start
    while k < s.tokens.upperBound, k - start < 6 {
      let t = tokens[k]
      guard t.kind == .word, !quoted[k] else { return false }
      if nouns.contains(t.lower) { return true }
      if k > start, t.has(.functionWord) { return false }
      k += 1
    }
    return false
  }

  /// Quoted passages no reported clause took. A piece of an utterance the cue interrupts
  /// (`"…," she said. "…"`), or a paragraph that goes on with a quotation left open at the end
  /// of the one before (the newsroom way of quoting several paragraphs), joins the quote it
  /// continues; a paragraph that is nothing but a quotation keeps the speaker of the one before.
  mutating func directQuotes() {
    let unclosedEnds = Set(pairs.filter { !$0.closed }.map(\.end))
    func paragraph(of q: Quote) -> Int {
      doc.sentences[doc.sentenceIndex(containing: q.content.end - 1) ?? q.sentence].paragraph
    }
    // Each paragraph's quotes, by where their content ends.
    var byParagraph: [Int: [Int]] = [:]
    for (i, q) in quotes.enumerated() where !nestedQuotes.contains(i) { byParagraph[paragraph(of: q), default: []].append(i) }
    for p in byParagraph.keys { byParagraph[p]!.sort { quotes[$0].content.end < quotes[$1].content.end } }
    func lastEnding(atOrBefore offset: Int, in paragraph: Int) -> Int? {
      guard let list = byParagraph[paragraph] else { return nil }
      var lo = 0, hi = list.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if quotes[list[mid]].content.end <= offset { lo = mid + 1 } else { hi = mid }
      }
      return lo > 0 ? list[lo - 1] : nil
    }
    func file(_ i: Int, paragraph: Int) {
      var list = byParagraph[paragraph] ?? []
      list.removeAll { $0 == i }
      var at = list.count
      while at > 0, quotes[list[at - 1]].content.end > quotes[i].content.end { at -= 1 }
      list.insert(i, at: at)
      byParagraph[paragraph] = list
    }
    func add(_ q: Quote, paragraph: Int) {
      quotes.append(q)
      file(quotes.count - 1, paragraph: paragraph)
      for k in tokenRange(q.content) { claimed[k] = true }
    }
    func join(_ pair: QuotePair, to i: Int, paragraph: Int) {
      if quotes[i].pieces.isEmpty { quotes[i].pieces = [quotes[i].content] }
      quotes[i].pieces.append(pair.span)
      quotes[i].content.end = pair.end
      file(i, paragraph: paragraph)
      for k in tokenRange(pair.span) { claimed[k] = true }
    }
    for pair in pairs {
      let range = tokenRange(pair.span)
      if range.contains(where: { claimed[$0] }) { continue }
      let words = range.reduce(0) { $0 + (tokens[$1].kind == .word ? 1 : 0) }
      guard words >= 2, let si = doc.sentenceIndex(containing: pair.open) else { continue }
      let paragraph = doc.sentences[si].paragraph
      let pSpan = doc.paragraphs[paragraph].span
      if pair.open == pSpan.start, paragraph > 0, let i = lastEnding(atOrBefore: pair.open, in: paragraph - 1) {
        let prev = quotes[i]
        // A quotation left open at the end of a paragraph goes on in the next one.
        if prev.direct, unclosedEnds.contains(prev.content.end) {
          join(pair, to: i, paragraph: paragraph)
          continue
        }
        // A paragraph that is nothing but a quotation continues the speaker of the one before.
        if pair.end >= pSpan.end - 1, words >= 4, prev.speaker != nil || prev.speakerEntity != nil {
          add(Quote(content: pair.span, direct: true, cue: nil, cueLemma: nil, speaker: prev.speaker, speakerEntity: prev.speakerEntity, sentence: si, rule: "continued-quotation"), paragraph: paragraph)
          continue
        }
      }
      // A quotation right after a direct quote in the same paragraph: the same utterance when
      // only its cue stands between them, else a quotation of the same speaker.
      if let i = lastEnding(atOrBefore: pair.open, in: paragraph), quotes[i].direct,
        si - (doc.sentenceIndex(containing: quotes[i].content.end - 1) ?? si) <= 1
      {
        let prev = quotes[i]
        let gap = TextSpan(prev.content.end, pair.open)
        let gapWords = tokenRange(gap).filter { tokens[$0].kind == .word }
        if gapWords.isEmpty || prev.cue.map({ gap.contains($0) }) == true || prev.speaker.map({ gap.contains($0) }) == true {
          join(pair, to: i, paragraph: paragraph)
          continue
        }
        if words >= 4, prev.speaker != nil || prev.speakerEntity != nil {
          add(Quote(content: pair.span, direct: true, cue: nil, cueLemma: nil, speaker: prev.speaker, speakerEntity: prev.speakerEntity, sentence: si, rule: "continued-quotation"), paragraph: paragraph)
          continue
        }
      }
      guard words >= 6, standsAlone(range, in: body(of: doc.sentences[si])) else { continue }
      // No cue: the speaker of the quote before, in this paragraph or the one before, or else the
      // person the nearest sentence before names first (the newsroom's "Smith spoke at the
      // rally. ¶ "…"").
      var speaker: TextSpan? = nil, entity: Int? = nil
      var after = -1
      search: for p in stride(from: paragraph, through: max(0, paragraph - 1), by: -1) {
        for i in (byParagraph[p] ?? []).reversed() where quotes[i].content.end <= pair.open && quotes[i].speakerEntity != nil {
          (speaker, entity, after) = (quotes[i].speaker, quotes[i].speakerEntity, quotes[i].content.end)
          break search
        }
      }
      // A speech act with no quote of its own, later than that quote, in the same reach.
      let reach = doc.paragraphs[max(0, paragraph - 1)].span.start
      if let act = speechActs.last(where: { $0.end <= pair.open && $0.end > after && $0.end >= reach }) {
        (speaker, entity) = (act.speaker, act.entity)
      }
      if entity == nil, let m = nearestPerson(before: pair.open, sentence: si, paragraphs: 2) {
        (speaker, entity) = (recognition.mentions[m].span, recognition.mentions[m].entity)
      }
      add(Quote(content: pair.span, direct: true, cue: nil, cueLemma: nil, speaker: speaker, speakerEntity: entity, sentence: si, rule: entity == nil ? "unattributed" : "nearby-speaker"), paragraph: paragraph)
    }
  }
}

extension QuotePass {
  /// Whether a quotation no cue took is a quote of its own: it opens its sentence (or follows
  /// the colon that introduces it), starts as a sentence does, with a capital, and is no title
  /// ("The History of Peter the Great"). A quoted phrase inside a sentence ('described as "…"',
  /// 'aims to "…"') or a lower-case fragment mentions words; it does not report them.
  func standsAlone(_ range: Range<Int>, in s: Sentence) -> Bool {
    guard let firstWord = range.first(where: { tokens[$0].kind == .word }), tokens[firstWord].isCapitalized else { return false }
    var k = range.lowerBound - 1
    while k >= s.tokens.lowerBound, tokens[k].kind == .punctuation, tokens[k].text != ":" { k -= 1 }
    guard k < s.tokens.lowerBound || tokens[k].text == ":" else { return false }
    return !isTitle(range)
  }

  /// The first person named in the nearest sentence before `offset` that names one, within
  /// this paragraph and the `paragraphs - 1` before it and five sentences back: a mention index.
  mutating func nearestPerson(before offset: Int, sentence: Int, paragraphs: Int) -> Int? {
    let index = indexMentionsBySentence()
    let lowest = doc.sentences[sentence].paragraph - (paragraphs - 1)
    var si = sentence
    while si >= 0, sentence - si <= 5, doc.sentences[si].paragraph >= lowest {
      let people = (index[si] ?? []).filter {
        let m = recognition.mentions[$0]
        return m.span.end <= offset && (m.kind == .name || m.kind == .role) && recognition.entities[m.entity].type == .person && !inByline(m)
      }
      if let first = people.min(by: { recognition.mentions[$0].span.start < recognition.mentions[$1].span.start }) { return first }
      si -= 1
    }
    return nil
  }

  /// Most content words capitalized: a title or a name ("Norton I, Emperor of the United
  /// States", "How To Avoid Talking To People"), not a sentence.
  func isTitle(_ range: Range<Int>) -> Bool {
    var content = 0, capitalized = 0
    for k in range where tokens[k].kind == .word && tokens[k].length >= 4 {
      content += 1
      if tokens[k].isCapitalized { capitalized += 1 }
    }
    return content >= 2 && capitalized * 10 >= content * 6
  }
}

/// For each token of a document, an index (of a mention, say) or nothing.
struct TokenMap {
  private var values: [Int32]

  init(count: Int) { values = [Int32](repeating: -1, count: count) }

  subscript(_ token: Int) -> Int? {
    get {
      guard token >= 0, token < values.count else { return nil }
      let v = values[token]
      return v < 0 ? nil : Int(v)
    }
    set {
      guard token >= 0, token < values.count else { return }
      values[token] = Int32(newValue ?? -1)
    }
  }
}
