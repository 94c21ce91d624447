/// Recognition's rules, in the order they run. Each is a small unit named after its rule (a
/// file of `Recognition/Rules/`), and each stamps its name (the raw value) on what it finds:
/// a mention's `rule`, or the `rule` of a word group it leaves for the second pass.
///
/// First pass, sentence by sentence: past a dateline's place and a party tag (`dateline`,
/// `party-tag`), a credit line's names (`credit-line`), else on each run of capitalized words (`CapitalizedRuns`):
/// the run as a whole (`event` … `organizationKeyword`), then its parts left to right: titles,
/// gazetteer phrases and word groups (`title` … `unknown`). Second pass, once the whole article
/// has been read (`SecondPass`): what the first pass left open, against the names the article
/// gives (`affiliation` … `role`). Given weights, the learned tagger (`TaggedNames`) then names
/// what both passes left open (`tagger`). A rule's name may appear more than once in the run:
/// `SecondPass.resolvePending` lists the second pass's order.
public enum RecognitionRule: String, CaseIterable, Sendable {
  // First pass: a sentence's words of wire copy, before its runs.
  /// `Dateline`: "WASHINGTON (AP) —", "KYIV, Ukraine —": the place in capitals that opens a
  /// paragraph before a dash is where the story was filed. Finds nothing.
  case dateline
  /// `Dateline`: "Sen. Lisa Murkowski, R-Alaska,", "(D-N.Y.)": a US party's initial and a
  /// state after a name. Finds nothing.
  case partyTag = "party-tag"
  /// `Dateline`: "By JOHN HALLORAN and MARIA KESTREL Associated Press": a credit line's
  /// names of two to four words are people, and the names the gazetteer knows themselves.
  case creditLine = "credit-line"
  // First pass: the run as a whole.
  /// `EventsAndPlaces`: an event ("Fan Expo Canada 2016", "the NATO Summit") is dropped with
  /// what follows it; names before it stay. Finds nothing.
  case event
  /// `EventsAndPlaces`: a word group ending in a place or event keyword ("Kennedy Space
  /// Center") is dropped. Finds nothing.
  case place
  /// `OrganizationHead`: "the Church", "the Ministry": an organization keyword alone, left for
  /// the second pass to resolve to the one organization the article names with it.
  case organizationHead = "organization-head"
  /// `OrganizationByKeyword`: "… Committee", "Ministry of …", "US Navy", "Supreme Court of
  /// Cassation": a name around an organization keyword.
  case organizationKeyword = "organization-keyword"
  // First pass: the run's parts, left to right.
  /// `Titles`: "President Biden", "spokesman John Kirby": a person after a title or a role; a
  /// title with no name after it is left for `role`.
  case title
  /// `Teams`: "Sweden beat Belgium 2-0", "Brazil vs Croatia", "Sweden's coach": a state's
  /// name, or a constituent country's (England, Scotland, Wales, Northern Ireland), that
  /// plays is a team: an organization.
  case team
  /// `Acronyms`: "RSA Security", "BBC Worldwide": a known acronym of three letters or more (a
  /// state's too) followed by capitalized words is an organization's name.
  case acronymName = "acronym-name"
  /// `GazetteerNames`: a state or organization the gazetteer names.
  case gazetteer
  /// `GazetteerNames`: "Russian", "North Korean": a state's demonym.
  case demonym
  /// `GazetteerNames`: "the Kremlin", "Downing Street": a seat of government for its state.
  case metonym
  /// `GazetteerNames`: "Moscow denies": a capital acting for its state.
  case capitalMetonym = "capital-metonym"
  /// `GazetteerNames`: "Jordan", "Georgia": a state's name that may be something else, left
  /// for the second pass (a state beside other states, or where nothing else claims it).
  case ambiguousState = "ambiguous-state"
  /// `StateInName`: "Environment Canada", "Statistics Canada": a common noun before a
  /// state's name at the end of a run makes an organization's name.
  case stateInName = "state-in-name"
  /// `Headline`: a headline capitalizes every word: its word groups are left for the second
  /// pass.
  case headline
  /// `Acronyms`: "NATO", "KCNA": an acronym, an organization; not a product or technology
  /// ("Nintendo DS", "RFID tags"), a term ("hidden Markov model (HMM)", "TP + FN"), a thing
  /// counted with "a" ("a VBIED.") or a model or year beside a number ("CVPR 2012"), which are nothing;
  /// nor, in an article that defines two or more terms by acronyms ("support vector machine
  /// (SVM)"), an acronym no rule linked to an organization.
  case acronym
  /// `PersonNames`: "John Kirby": a given name and a surname.
  case givenName = "given-name"
  /// `PersonNames`: "Kim Jong-un", "Wong Pik-wan": a family name first.
  case familyNameFirst = "family-name-first"
  /// `PersonNames`: "Osama bin Laden", "Ursula von der Leyen", "al-Assad": a name with a
  /// particle.
  case nameParticle = "name-particle"
  /// A word group no first-pass rule named, left for the second pass.
  case unknown
  // Second pass.
  /// `Affiliation`: "Alvin Yeung of Civic Party": an organization after a person and "of".
  case affiliation
  /// `DividedCountry`: "the North", "the South": North or South Korea (Sudan or South Sudan)
  /// in an article that names one of them.
  case dividedCountry = "divided-country"
  /// `Coreference`: a surname, a partial name or a name said again is the person (or
  /// organization) the article names in full; a name two people share is a person of its
  /// own, unresolved.
  case coreference
  /// `CompanyContext`: "Kelvane's shares", "shares in Kelvane", "Kelvane reported a loss": a
  /// one-word name that acts as a company somewhere is an organization wherever the article
  /// uses it ("Kelvane said" too), unless the article gives it as a person's name.
  case companyContext = "company-context"
  /// `Citation`: "(Dye & Bavelier, 2010)": a one-word name among the authors of a bracketed
  /// citation is a person.
  case citation
  /// `HeadOfGovernment`: "the Monti government": the head of a government.
  case headOfGovernment = "head-of-government"
  /// `OrganizationContext`: "told the Toronto Star", "LA Weekly reported", "Gartner's chief
  /// executive", "Sophos, which": a name in a place only an organization takes.
  case organizationContext = "organization-context"
  /// `Speaker`: "Kirby said", "…, said Kirby": a name that speaks is a person.
  case speaker
  /// `Acronyms`: "Korean Central News Agency (KCNA)", "NPP" for "New People Party": an
  /// acronym of an organization the article names in full is that organization.
  case acronymLink = "acronym-link"
  /// `Titles`: "the NATO Secretary General": a title standing alone is the one person holding it.
  case role
  /// `ArticleInName`: "writers at The AV Club": a capitalized "The" inside a sentence, before
  /// an organization's name, is part of the name.
  case articleInName = "article-in-name"
  // Last, given weights.
  /// `TaggedNames`: the learned tagger's names, where both passes left a word group open.
  case tagger

  /// The name stamped on what the rule finds.
  public var name: String { rawValue }
}

extension RecognitionPass {
  /// Adds a mention of the entity `key` found by `rule`; returns its cluster.
  @discardableResult
  mutating func add(_ r: Range<Int>, sentence: Int, kind: MentionKind, key: String, type: EntityType, name: String, rule: RecognitionRule) -> Int {
    add(r, sentence: sentence, kind: kind, key: key, type: type, name: name, rule: rule.name)
  }

  /// Adds a mention of a cluster the article has named, found by `rule`.
  mutating func add(_ r: Range<Int>, sentence: Int, kind: MentionKind, cluster c: Int, type: EntityType, rule: RecognitionRule) {
    add(r, sentence: sentence, kind: kind, cluster: c, type: type, rule: rule.name)
  }

  /// Adds a person found by `rule`.
  mutating func addPerson(_ r: Range<Int>, sentence: Int, rule: RecognitionRule, titles: [String], qualifier: String?) {
    addPerson(r, sentence: sentence, rule: rule.name, titles: titles, qualifier: qualifier)
  }

  /// Adds an organization found by `rule`.
  mutating func addOrganization(_ r: Range<Int>, name: String, sentence: Int, rule: RecognitionRule) {
    addOrganization(r, name: name, sentence: sentence, rule: rule.name)
  }

  /// Leaves a word group for the second pass, marked with the rule that left it.
  mutating func leave(_ r: Range<Int>, sentence: Int, rule: RecognitionRule, title: String? = nil) {
    pending.append(Pending(tokens: r, sentence: sentence, rule: rule.name, title: title))
  }
}
