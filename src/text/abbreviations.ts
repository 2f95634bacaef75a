/**
 * Abbreviations used on the hotline and in the knowledge base, with their expansions.
 * Shared by search (both index and query get the expansion) and the topic classifier.
 *
 * `ambiguous` marks abbreviations that are also ordinary words when written in lower case
 * (ab, mo, ne): they count as abbreviations only when written exactly as listed (AB, MO).
 * Others match in any case (jc, Bamf, BAMF) and with a plural s (MOs, BSKs).
 */

export interface Abbreviation {
  /** As usually written, e.g. `AB`, `AfA`, `BüMA`. */
  abbr: string;
  /** The expansion in words, e.g. `Ausländerbehörde`. */
  expansion: string;
  /** Only match the exact spelling (the lower-case form is an ordinary word). */
  ambiguous?: boolean;
}

export const ABBREVIATIONS: readonly Abbreviation[] = [
  // Authorities and institutions
  { abbr: 'AB', expansion: 'Ausländerbehörde', ambiguous: true },
  { abbr: 'ABH', expansion: 'Ausländerbehörde' },
  { abbr: 'JC', expansion: 'Jobcenter' },
  { abbr: 'AfA', expansion: 'Agentur für Arbeit' },
  { abbr: 'BA', expansion: 'Bundesagentur für Arbeit' },
  { abbr: 'BAMF', expansion: 'Bundesamt für Migration und Flüchtlinge' },
  { abbr: 'ZAB', expansion: 'Zentralstelle für ausländisches Bildungswesen' },
  { abbr: 'ZAV', expansion: 'Zentrale Auslands- und Fachvermittlung' },
  { abbr: 'AZR', expansion: 'Ausländerzentralregister' },
  { abbr: 'LVwA', expansion: 'Landesverwaltungsamt' },
  { abbr: 'IHK', expansion: 'Industrie- und Handelskammer' },
  { abbr: 'HWK', expansion: 'Handwerkskammer' },
  { abbr: 'BIZ', expansion: 'Berufsinformationszentrum' },
  { abbr: 'VHS', expansion: 'Volkshochschule' },
  { abbr: 'BMAS', expansion: 'Bundesministerium für Arbeit und Soziales' },
  { abbr: 'ZASt', expansion: 'Zentrale Anlaufstelle für Asylbewerber' },
  { abbr: 'EAE', expansion: 'Erstaufnahmeeinrichtung' },
  { abbr: 'GU', expansion: 'Gemeinschaftsunterkunft' },
  // Advice services and organisations
  { abbr: 'MBE', expansion: 'Migrationsberatung für erwachsene Zuwanderer' },
  { abbr: 'JMD', expansion: 'Jugendmigrationsdienst' },
  { abbr: 'MO', expansion: 'Migrantenorganisation', ambiguous: true },
  { abbr: 'MSO', expansion: 'Migrantenselbstorganisation' },
  { abbr: 'LAMSA', expansion: 'Landesnetzwerk der Migrantenorganisationen in Sachsen-Anhalt' },
  { abbr: 'IQ', expansion: 'Integration durch Qualifizierung' },
  // Language
  { abbr: 'BSK', expansion: 'Berufssprachkurs' },
  { abbr: 'IK', expansion: 'Integrationskurs' },
  { abbr: 'DTZ', expansion: 'Deutsch-Test für Zuwanderer' },
  { abbr: 'GER', expansion: 'Gemeinsamer Europäischer Referenzrahmen' },
  { abbr: 'DeuFöV', expansion: 'Deutschsprachförderverordnung' },
  { abbr: 'IntV', expansion: 'Integrationskursverordnung' },
  // Training and employment instruments
  { abbr: 'EQ', expansion: 'Einstiegsqualifizierung' },
  { abbr: 'BAB', expansion: 'Berufsausbildungsbeihilfe' },
  { abbr: 'AsA', expansion: 'Assistierte Ausbildung' },
  { abbr: 'EGZ', expansion: 'Eingliederungszuschuss' },
  { abbr: 'EGV', expansion: 'Eingliederungsvereinbarung' },
  { abbr: 'BGS', expansion: 'Bildungsgutschein' },
  { abbr: 'AZAV', expansion: 'Akkreditierungs- und Zulassungsverordnung Arbeitsförderung' },
  { abbr: 'ALG', expansion: 'Arbeitslosengeld' },
  { abbr: 'KdU', expansion: 'Kosten der Unterkunft' },
  { abbr: 'BuT', expansion: 'Bildung und Teilhabe', ambiguous: true },
  { abbr: 'BAföG', expansion: 'Bundesausbildungsförderungsgesetz' },
  { abbr: 'FSJ', expansion: 'Freiwilliges Soziales Jahr' },
  { abbr: 'BFD', expansion: 'Bundesfreiwilligendienst' },
  // Residence law
  { abbr: 'AE', expansion: 'Aufenthaltserlaubnis' },
  { abbr: 'NE', expansion: 'Niederlassungserlaubnis', ambiguous: true },
  { abbr: 'BüMA', expansion: 'Bescheinigung über die Meldung als Asylsuchender' },
  { abbr: 'UMA', expansion: 'unbegleitete minderjährige Ausländer' },
  { abbr: 'UMF', expansion: 'unbegleitete minderjährige Flüchtlinge' },
  { abbr: 'AufenthG', expansion: 'Aufenthaltsgesetz' },
  { abbr: 'AsylG', expansion: 'Asylgesetz' },
  { abbr: 'AsylbLG', expansion: 'Asylbewerberleistungsgesetz' },
  { abbr: 'BeschV', expansion: 'Beschäftigungsverordnung' },
  { abbr: 'FEG', expansion: 'Fachkräfteeinwanderungsgesetz' },
  // Law and funding
  { abbr: 'SGB', expansion: 'Sozialgesetzbuch' },
  { abbr: 'AGG', expansion: 'Allgemeines Gleichbehandlungsgesetz' },
  { abbr: 'BQFG', expansion: 'Berufsqualifikationsfeststellungsgesetz' },
  { abbr: 'ESF', expansion: 'Europäischer Sozialfonds' },
  { abbr: 'AMIF', expansion: 'Asyl-, Migrations- und Integrationsfonds' },
  { abbr: 'LSA', expansion: 'Land Sachsen-Anhalt' },
];

/** Lookup of abbreviations by how a token is written. */
export class AbbreviationLexicon {
  readonly #exact = new Map<string, Abbreviation>();
  readonly #folded = new Map<string, Abbreviation>();

  constructor(entries: Iterable<Abbreviation> = ABBREVIATIONS) {
    for (const e of entries) {
      this.#exact.set(e.abbr, e);
      if (!e.ambiguous) this.#folded.set(e.abbr.toLowerCase(), e);
    }
  }

  /** The abbreviation a written token stands for (`AB`, `jc`, `MOs`), if any. */
  lookup(surface: string): Abbreviation | undefined {
    const direct = this.#exact.get(surface) ?? this.#folded.get(surface.toLowerCase());
    if (direct) return direct;
    if (surface.length >= 3 && surface.endsWith('s')) {
      const singular = surface.slice(0, -1);
      const e = this.#exact.get(singular);
      if (e) return e;
      // jcs, bsks: only when the singular is written in upper case or is unambiguous.
      return singular === singular.toUpperCase() ? this.#folded.get(singular.toLowerCase()) : undefined;
    }
    return undefined;
  }

  /** All entries. */
  entries(): Abbreviation[] {
    return [...this.#exact.values()];
  }
}
