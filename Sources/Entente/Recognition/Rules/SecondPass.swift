/// The second pass: what the first pass left open, against the names the whole article gives.
extension RecognitionPass {
  /// The second pass's rules, in order: a person's variants join (`coreference`: "George W
  /// Bush", "George Bush"), people's short names join their full names; `affiliation`;
  /// "the North" of a divided country (`divided-country`); then each group left open, by the
  /// first of `ambiguous-state` (listed with states), `coreference` (a person, then an
  /// organization), `company-context`, `citation`, `head-of-government`, `organization-context`, `speaker`,
  /// `organization-head`, `ambiguous-state` (alone) and `acronym-link` that settles it; then
  /// names said again (`coreference`), surnames read as places (`coreference`), acronyms by
  /// initials (`acronym-link`), titles standing alone (`role`) and a "The" that belongs to an
  /// organization's name (`article-in-name`).
  mutating func resolvePending() {
    joinNameVariants()
    var people = peopleIndex()
    joinSingleWordPeople(&people)
    let joined = pending.map { tokens.joinedText($0.tokens) }
    let resolved = affiliations(people, joined: joined)
    let unknownLeft = pending.indices.contains(where: { !resolved[$0] && pending[$0].rule == RecognitionRule.unknown.name })
    let orgByText = unknownLeft ? organizationsByText() : [:]
    let stateLike = stateLikeTokens()
    let divided = dividedCountries()
    let organizationNames = namesInOrganizationContext(joined, except: divided)
    let companyNames = namesActingAsCompanies(joined, people: people)
    let citesAuthors = citesAuthorsInBrackets()
    var open: [Int] = []
    for k in pending.indices where !resolved[k] {
      let p = pending[k]
      if p.tokens.count == 1, divided.contains(p.tokens.lowerBound) { continue }
      let before = found.count
      defer { if found.count == before { open.append(k) } }
      if stateInList(p, stateLike) { continue }
      if resolvePerson(p, joined: joined[k], people) { continue }
      if resolveOrganization(p, orgByText) { continue }
      if companyByContext(p, named: companyNames.contains(joined[k])) { continue }
      if citation(p, citesAuthors: citesAuthors) { continue }
      if headOfGovernment(p) { continue }
      if organizationByContext(p, named: organizationNames.contains(joined[k])) { continue }
      if speaker(p) { continue }
      if p.rule == RecognitionRule.organizationHead.name {
        resolveOrganizationHead(p)
        continue
      }
      if resolveAmbiguousState(p) { continue }
      resolveAcronym(p)
    }
    namesSaidAgain(open, joined: joined)
    surnamesReadAsPlaces(people, stateLike: stateLike)
    dropProducts()
    dropTechnicalAcronyms()
    linkAcronymsByInitials()
    resolveRoles()
    articlesInNames()
  }

  /// In an index of clusters by word: more than one cluster goes by the word.
  static let ambiguous = -1

  /// Notes that `cluster` goes by `word`.
  static func note(_ index: inout [String: Int], _ word: String, _ cluster: Int) {
    if let old = index.updateValue(cluster, forKey: word), old != cluster { index[word] = ambiguous }
  }
}
