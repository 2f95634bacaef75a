/**
 * Detects the district (Kreisschlüssel) an enquiry note is about from the places it
 * names: municipalities and their parts, district names, postal codes and licence plates.
 *
 * How: tokenise (letters/digits), fold each token (case, ß, umlauts), walk the gazetteer
 * trie from each token taking the longest name that passes its checks (place context for
 * names that are common words, capitals for abbreviations, no "Herr/Frau" before, no
 * foreign qualifier after a name that exists elsewhere), add postal codes and plates,
 * settle ambiguous names by the other evidence, then pick one mention: the one in a
 * residence context first, then the strongest kind, then the first.
 */
import { foldWord, hasCapitals } from '../text/normalize.js';
import { SpellingIndex } from './classifier-spelling.js';
import { loadGazetteer, type Gazetteer, type PlaceEntry, type PlaceFlags, type PlaceKind, type TrieNode } from './gazetteer.js';

/** The district of a note and the words that gave it away. */
export interface DistrictMatch {
  /** Kreisschlüssel, e.g. "15002" */
  code: string;
  /** official district name, e.g. "Halle (Saale)" */
  name: string;
  /** the matched text as written in the note */
  evidence: string;
  /** offsets of `evidence` in the note (UTF-16, end exclusive) */
  start: number;
  end: number;
}

export type MentionKind = PlaceKind | 'postal-code' | 'licence-plate';

/** A place mention that passed its checks; `codes` has one code once it is settled. */
export interface PlaceMention {
  kind: MentionKind;
  codes: readonly string[];
  evidence: string;
  start: number;
  end: number;
  /** 2: where the person lives or moves to; 1: where the call comes from ("aus"); 0: other */
  residence: 0 | 1 | 2;
}

interface Token {
  start: number;
  end: number;
  raw: string;
  fold: string;
}

interface Candidate {
  /** the gazetteer entry of a name (not for postal codes and plates) */
  entry?: PlaceEntry;
  kind: MentionKind;
  rank: number;
  codes: readonly string[];
  ambiguous: boolean;
  defaultFirst: boolean;
  start: number;
  end: number;
  firstToken: number;
  lastToken: number;
  residence: 0 | 1 | 2;
}

const POSTAL_CODE_RANK = 50;
const PLATE_RANK = 30;

/** Words after which a name that is also a common word is meant as a place (folded). */
const PLACE_CONTEXT = new Set([
  'in', 'aus', 'nach', 'bei', 'von', 'um', 'nahe', 'richtung', 'zwischen', 'ab', 'bis',
  'uber', 'via', 'raum', 'grossraum', 'region', 'umgebung', 'umland', 'stadt', 'gemeinde',
  'ortsteil', 'ot', 'ort', 'wohnort', 'wohnsitz', 'wohnhaft', 'stadtteil', 'landkreis', 'lk',
  'kreis', 'kreisstadt', 'jobcenter', 'jc', 'auslanderbehorde', 'abh', 'kreisverwaltung',
  'stadtverwaltung', 'landratsamt', 'rathaus', 'burgeramt', 'sozialamt', 'verbandsgemeinde',
  'vg', 'einheitsgemeinde', 'hansestadt', 'lutherstadt', 'universitat', 'uni', 'hochschule',
  'mlu', 'ihk', 'hwk', 'afa', 'arbeitsagentur', 'arbeit', 'standort', 'gemeldet', 'kommune',
  'uniklinik', 'klinikum', 'universitatsklinikum', 'krankenhaus', 'klinik', 'vhs',
  'volkshochschule', 'berufsschule', 'bbs', 'amtsgericht', 'sozialgericht',
  'verwaltungsgericht', 'standesamt', 'bahnhof', 'hauptbahnhof', 'hbf', 'mbe', 'jmd',
  'migrationsberatung', 'fur', 'verein', 'mo', 'gu', 'gemeinschaftsunterkunft', 'unterkunft',
  'beratungsstelle', 'trager', 'projekttrager', 'kurstrager', 'initiative', 'caritas',
  'diakonie', 'awo', 'drk', 'freiwilligenagentur', 'integrationsbeauftragte',
  'integrationskoordination', 'kita', 'grundschule', 'gesamtschule', 'sekundarschule', 'gymnasium',
  'geschaftsstelle', 'dienststelle', 'niederlassung', 'filiale', 'kreisverband', 'ortsverband',
  'lvwa', 'landesverwaltungsamt',
]);
/**
 * Endings of organisation nouns after which a town is where the organisation is
 * ("Kulturverein Halle", "Flüchtlingsberatung Halle", "Paketdienst Halle",
 * "Reinigungsfirma Halle", "Bildungsträger Halle", "Frauenhaus Halle", "Sprachklasse Möser",
 * "Ehrenamtskoordination Burg", "Kita-Leitung Burg", "Studigruppe Halle", "Mutter-Kind-Treff Halle").
 */
const ORGANISATION_ENDING = /(?:verein|beratung|dienst|agentur|jugend|netzwerk|zentrum|stelle|initiative|verband|projekt|gemeinde|schule|firma|betrieb|trager|haus|klasse|koordination|leitung|kolleg|gruppe|treff)$/;
/** Prepositions fused with an article, and articles after a preposition: regions only. */
const FUSED_ARTICLE = new Set(['im', 'am', 'vom', 'ins', 'zum', 'zur']);
const ARTICLE = new Set(['dem', 'der', 'den', 'die', 'des']);
/** Words before a noun that make "Die Halle:" or "Eine Burg:" a thing, not a note's place. */
const DETERMINER = new Set([...ARTICLE, 'das', 'ein', 'eine', 'einer', 'einem', 'einen', 'unsere', 'unser', 'keine', 'neue']);
/**
 * Whether a separator sets off the items of a note: "…, Halle, …", "AGG? Burg", "(Halle)",
 * "arbeiten? / WR", "aus JO, Halle → Approbation", "Kundin, Halle, § 24", "HG: … | Halle |".
 * A slash or dash counts only with a space ("Halle/Raum" is a hall).
 */
function itemSeparator(sep: string): boolean {
  if (!/^[\s,;:?!/()–.\-"„“'‚‘»«→>=§|•+&*#]+$/.test(sep)) return false;
  return /[,;:?!()→|•]|[-=]>/.test(sep) || /\s[/–-]|[/–-]\s/.test(sep) || /\.\s/.test(sep);
}
const ARTICLE_PREPOSITION = new Set(['in', 'aus', 'von', 'nach', 'an', 'auf', 'uber', 'durch']);
/** Prepositions that can introduce where someone lives. */
const RESIDENCE_PREPOSITION = new Set(['in', 'nach', 'im', 'bei', 'nahe']);
/** Words that make a nearby "in X"/"nach X" the place someone lives or moves to. */
const RESIDENCE_WORD = new Set([
  'wohnt', 'wohnen', 'wohne', 'wohnhaft', 'wohnende', 'wohnenden', 'lebt', 'leben', 'lebe',
  'lebende', 'lebenden', 'gemeldet', 'ansassig', 'untergebracht', 'zieht', 'ziehen', 'ziehe',
  'umziehen', 'umzug', 'umgezogen', 'gezogen', 'zugezogen', 'verzogen', 'zuzug', 'wohnort',
  'wohnsitz', 'wohnung', 'unterkunft', 'gekommen', 'zog', 'zogen',
]);
const RESIDENCE_NOUN = new Set(['wohnort', 'wohnsitz', 'wohnhaft']);
const COORDINATION = new Set(['und', 'oder', 'sowie', 'bzw']);
/** A name right after these is a surname ("Frau Zerbst"). */
const PERSON_TITLE = new Set(['herr', 'herrn', 'frau', 'hr', 'fr', 'familie', 'fam', 'dr', 'prof']);
/** An adjective before these is part of a street name ("Magdeburger Straße"). */
const STREET_WORD = new Set([
  'strasse', 'str', 'allee', 'weg', 'platz', 'chaussee', 'ring', 'tor', 'damm', 'brucke',
  'landstrasse', 'promenade', 'ufer', 'gasse',
]);
/** Qualifiers that put a name that exists twice in Germany outside the state (folded). */
const FOREIGN_QUALIFIER = new Set([
  'westf', 'westfalen', 'sachsen', 'hessen', 'spreewald', 'lech', 'weser', 'vogtl', 'vogtland',
  'thuringen', 'thur', 'bayern', 'dresden', 'mosel', 'dithmarschen', 'bodensee', 'allgau',
  'erzgeb', 'erzgebirge', 'tauber', 'rhld', 'rheinland', 'niedersachsen', 'brandenburg', 'nrw',
  'holstein', 'pfalz', 'kassel', 'bielefeld', 'cottbus', 'meissen', 'prignitz', 'baden',
  'wurttemberg', 'schwaben', 'lausitz', 'oberlausitz', 'eifel', 'hunsruck', 'odenwald',
  'schwarzwald', 'oldb', 'oldenburg', 'mecklenburg', 'vorpommern', 'westerwald', 'saar',
  'saarland', 'ostfriesland', 'lippe', 'hildesheim', 'gottingen', 'hannover', 'weserbergland',
  'uckermark', 'havelland', 'oberpfalz', 'franken', 'main', 'rhein', 'ems', 'schleswig',
  'nordrhein', 'fehmarn', 'sylt', 'rugen', 'usedom',
  // larger towns outside the state ("Petersberg bei Fulda"); not Leipzig or Nordhausen,
  // which are next to places of ours
  'hamburg', 'bremen', 'berlin', 'munchen', 'koln', 'frankfurt', 'stuttgart', 'nurnberg',
  'wurzburg', 'fulda', 'erfurt', 'gotha', 'weimar', 'jena', 'gera', 'zwickau', 'chemnitz',
  'plauen', 'potsdam', 'rostock', 'schwerin', 'kiel', 'lubeck', 'osnabruck', 'munster',
  'paderborn', 'dortmund', 'essen', 'dusseldorf', 'bonn', 'aachen', 'trier', 'koblenz',
  'mainz', 'wiesbaden', 'darmstadt', 'mannheim', 'heidelberg', 'karlsruhe', 'freiburg',
  'ulm', 'augsburg', 'regensburg', 'passau', 'bamberg', 'bayreuth', 'goslar',
  'braunschweig', 'wolfsburg', 'celle', 'luneburg', 'salzgitter', 'eisenach', 'suhl',
]);
const QUALIFIER_CONNECTOR = new Set(['in', 'im', 'am', 'an', 'der', 'bei', 'ob', 'auf', 'a', 'd', 'i', 'b']);
/** Words before a five-digit number that make it something other than a postal code. */
const NOT_POSTAL_BEFORE = new Set([
  'az', 'aktenzeichen', 'nr', 'nummer', 'tel', 'telefon', 'fax', 'mobil', 'handy',
  'kundennummer', 'bg', 'bgnr', 'iban', 'id',
]);
const NOT_POSTAL_AFTER = new Set(['euro', 'eur', 'prozent', 'km', 'einwohner']);
const PLATE_CONTEXT = /(?:kennzeichen|kfz|auto|fahrzeug|pkw|wagen)\W*$/i;
const PLATE =
  /(?<![\p{L}\p{N}])([A-ZÄÖÜ]{1,3})(-| )([A-Z]{1,2})[ -]?(\d{1,4})[EH]?(?![\p{L}\p{N}])/gu;
const ADDRESS_AFTER = /^\.(?:de|com|org|net|eu|info|md|html?|pdf)\b/i;
const ADDRESS_BEFORE = /(?:@|www\.|:\/\/)[\w.-]*$/;
const TOKEN = /[\p{L}\p{N}]+/gu;
const DIGITS = /^\d+$/;

/** Separators allowed inside a multi-word name: spaces, hyphens, slashes, brackets, one dot. */
function innerSeparatorOk(sep: string): boolean {
  if (!/^[\s\-–‐/().]+$/.test(sep)) return false;
  const dot = sep.indexOf('.');
  return dot === -1 || sep.indexOf('.', dot + 1) === -1;
}
/** Separator between a context word and the name: spaces, a colon, quotes, a bracket. */
function contextSeparatorOk(sep: string): boolean {
  return /^[\s:"„“'‚‘(]*$/.test(sep) && sep.length > 0;
}
function sentenceBreak(sep: string): boolean {
  return /[.!?;\n]/.test(sep);
}

const ASCII_WORD = /^[A-Za-z0-9]+$/;
const UMLAUT_DIGRAPH = /[aou]e/;

/**
 * foldWord, with a shortcut for the common case: an ASCII word without ae/oe/ue folds to
 * its lower case (foldWord costs about 1.7 µs a word, most of a note's budget). A test
 * checks the shortcut against foldWord.
 */
export function foldToken(raw: string): string {
  if (ASCII_WORD.test(raw)) {
    const lower = raw.toLowerCase();
    if (!UMLAUT_DIGRAPH.test(lower)) return lower;
  }
  return foldWord(raw);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0];
    const start = m.index;
    tokens.push({ start, end: start + raw.length, raw, fold: foldToken(raw) });
  }
  return tokens;
}

/** One note being analysed: its tokens and the checks that need them. */
class NoteScan {
  private readonly tokens: Token[];
  private candidates: Candidate[] = [];
  private readonly hasCapitals: boolean;
  private readonly postalTokens = new Set<number>();
  /** names that this note also qualifies as a place elsewhere ("Burg in Dithmarschen") */
  private readonly elsewhere = new Set<PlaceEntry>();

  constructor(
    private readonly text: string,
    private readonly gazetteer: Gazetteer,
  ) {
    this.tokens = tokenize(text);
    this.hasCapitals = hasCapitals(text);
  }

  private sep(i: number): string {
    const prev = this.tokens[i - 1];
    const cur = this.tokens[i];
    if (prev === undefined || cur === undefined) return '';
    return this.text.slice(prev.end, cur.start);
  }

  /** The folded word right before token i, if nothing but spaces/colon/quotes lies between. */
  private wordBefore(i: number): string | undefined {
    if (i === 0 || !contextSeparatorOk(this.sep(i))) return undefined;
    return this.tokens[i - 1]!.fold;
  }

  /** Scans the note; returns the accepted mentions, unsettled. */
  run(): Candidate[] {
    const { tokens } = this;
    let i = 0;
    while (i < tokens.length) {
      const t = tokens[i]!;
      if (t.raw.length === 5 && DIGITS.test(t.raw)) {
        this.postalCode(i);
        i++;
        continue;
      }
      i = this.names(i);
    }
    this.plates();
    // a name the note places elsewhere once means that place everywhere in the note
    if (this.elsewhere.size === 0) return this.candidates;
    return this.candidates.filter((c) => c.entry === undefined || !this.elsewhere.has(c.entry));
  }

  /**
   * When a note names no place as written: a town or district name typed with one letter
   * wrong, missing, doubled or swapped ("Sangerhuasen", "Weisenfels", "Desssau"). The first
   * letter must be right, and a short name, a village, or a name that is also a common word
   * or a place elsewhere must follow a word that introduces a place ("aus", "in", "JC" …)
   * or an organisation noun ("Frauenzentrum Desssau"). A name of seven letters or more with
   * one letter doubled needs no such word ("Stenndal", "Gentthin").
   */
  misspeltPlace(): Candidate | undefined {
    const { tokens, gazetteer } = this;
    const names = typoNames(gazetteer);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.fold.length <= TYPO_MIN_DOUBLED || t.fold.length > TYPO_MAX_LENGTH || gazetteer.root.children.has(t.fold)) continue;
      if (this.hasCapitals && t.raw[0] !== t.raw[0]!.toUpperCase()) continue;
      const doubled = undoubled(t.fold, names.keys);
      const key = doubled ?? names.index.correct(t.fold);
      if (key === null || key[0] !== t.fold[0]) continue;
      const entry = gazetteer.root.children.get(key)?.entry;
      if (entry === undefined) continue;
      // Villages are many, and common words lie one edit from the shorter ones ("in Städten": Stedten).
      const village = entry.kind === 'ortsteil';
      if (doubled === null && key.length < (village ? TYPO_LONG : TYPO_MIN_EDIT)) continue;
      const afterPlaceWord = this.followsPlaceWord(i);
      // A doubled letter is a slip of the finger more than another word ("Stenndal", "Gentthin").
      const longEnough = key.length >= (doubled === null ? TYPO_LONG : TYPO_MIN_EDIT);
      const plain = !village && !entry.flags.context && !entry.flags.twin;
      if (!afterPlaceWord && !(plain && longEnough)) continue;
      // "aus Hallle (Westf.)", "Coswwig bei Dresden": the namesake elsewhere
      if (entry.flags.twin && this.foreignQualifier(i) !== -1) continue;
      return tokenMention(t, i, { entry, kind: entry.kind, rank: entry.rank, codes: entry.codes, ambiguous: false });
    }
    return undefined;
  }

  /** Whether token i follows a word that introduces a place ("aus", "JC") or an organisation noun. */
  private followsPlaceWord(i: number): boolean {
    const before = this.wordBefore(i);
    return before !== undefined && (PLACE_CONTEXT.has(before) || ORGANISATION_ENDING.test(before));
  }

  /** Tries the names starting at token i; returns the next token to look at. */
  private names(i: number): number {
    const { tokens } = this;
    const matches: { entry: PlaceEntry; last: number }[] = [];
    let node: TrieNode | undefined = this.gazetteer.root.children.get(tokens[i]!.fold);
    let j = i;
    while (node !== undefined) {
      if (node.entry !== undefined) matches.push({ entry: node.entry, last: j });
      const next = tokens[j + 1];
      if (next === undefined || !innerSeparatorOk(this.sep(j + 1))) break;
      node = node.children.get(next.fold);
      j++;
    }
    for (let m = matches.length - 1; m >= 0; m--) {
      const { entry, last } = matches[m]!;
      const verdict = this.check(entry, i, last);
      if (verdict === 'reject') continue;
      if (typeof verdict === 'number') return verdict + 1; // outside the state: skip it
      const start = tokens[i]!.start;
      let end = tokens[last]!.end;
      const ev = this.text.slice(start, end);
      const open = ev.split('(').length - ev.split(')').length;
      if (open > 0 && this.text[end] === ')') end++;
      else if (open !== 0) continue; // "Landkreises (Anhalt-Bitterfeld bzw. …)": a shorter name
      if (this.inAddress(start, end)) return last + 1;
      this.candidates.push({
        entry,
        kind: entry.kind,
        rank: entry.rank,
        codes: entry.codes,
        ambiguous: entry.flags.ambiguous,
        defaultFirst: entry.flags.defaultFirst,
        start,
        end,
        firstToken: i,
        lastToken: last,
        residence: this.residence(i, last, entry.flags.region),
      });
      return last + 1;
    }
    return i + 1;
  }

  /** Part of a web or e-mail address or a file name ("burgenlandkreis.de", "info@halle.de")? */
  private inAddress(start: number, end: number): boolean {
    if (ADDRESS_AFTER.test(this.text.slice(end, end + 6))) return true;
    return ADDRESS_BEFORE.test(this.text.slice(Math.max(0, start - 40), start));
  }

  /**
   * 'accept', 'reject', or the index of the last token of an outside place to skip
   * ("Halle (Westf.)", "Coswig bei Dresden").
   */
  private check(entry: PlaceEntry, i: number, last: number): 'accept' | 'reject' | number {
    const { tokens } = this;
    if (entry.kind === 'outside') {
      const bare = this.gazetteer.root.children.get(tokens[i]!.fold)?.entry;
      if (bare?.flags.twin === true) this.elsewhere.add(bare);
      return last;
    }
    const { flags } = entry;
    if (flags.upperCase) {
      let capitals = true;
      for (let k = i; k <= last && capitals; k++) capitals = tokens[k]!.raw === tokens[k]!.raw.toUpperCase();
      // In a note typed without capitals, "md" or "blk" counts after a place word ("jc md").
      if (!capitals && (this.hasCapitals || !this.followsPlaceWord(i))) return 'reject';
    }
    const before = this.wordBefore(i);
    if (before !== undefined && PERSON_TITLE.has(before) && entry.kind !== 'district') return 'reject';
    if (flags.twin) {
      const outsideEnd = this.foreignQualifier(last);
      if (outsideEnd !== -1) {
        this.elsewhere.add(entry);
        return outsideEnd;
      }
    }
    const after = tokens[last + 1];
    const afterSep = this.sep(last + 1);
    if (entry.kind === 'adjective' && after !== undefined && STREET_WORD.has(after.fold)) return 'reject';
    if (flags.context) {
      const first = tokens[i]!.raw;
      // In a note with capitals a lower-case "halle" is a hall, unless a place word precedes it ("in halle").
      if (this.hasCapitals && first[0] !== first[0]!.toUpperCase() && !this.followsPlaceWord(i)) return 'reject';
      // "Halle 3", "Burg 2": a hall or castle with a number
      if (after !== undefined && /^\s+$/.test(afterSep) && /^\d{1,3}$/.test(after.raw)) return 'reject';
      if (!this.hasPlaceContext(i, last, flags)) return 'reject';
    }
    return 'accept';
  }

  private hasPlaceContext(i: number, last: number, { region, upperCase }: PlaceFlags): boolean {
    if (this.followsPlaceWord(i)) return true;
    const before = this.wordBefore(i);
    if (before !== undefined) {
      if (region && FUSED_ARTICLE.has(before)) return true;
      if (region && ARTICLE.has(before)) {
        const prep = this.wordBefore(i - 1);
        if (prep !== undefined && ARTICLE_PREPOSITION.has(prep)) return true;
      }
      if (this.postalTokens.has(i - 1)) return true;
      if (COORDINATION.has(before) && this.candidateEndsAt(i - 2)) return true;
    }
    // "Halle, Merseburg und Leuna": a list of places
    if (i > 0 && /^\s*,\s*$/.test(this.sep(i)) && this.candidateEndsAt(i - 1)) return true;
    // The name alone between commas or other separators, as notes list who and where:
    // "Hr. Ahmadi, Halle: …", "Tischler aus Eritrea, Klötze, Vertrag endet", "Fitnessstudio,
    // AGG? Burg", "Mutter aus Syrien (Halle)"; also at the very start ("Klötze, Mann …").
    // An abbreviation in brackets is more often something else: "Der Arzt (MD)".
    if (this.standsAloneInList(i, last, !upperCase)) return true;
    // Who calls from where, as the note's heading: "Streetwork Halle: …", "Restaurant Halle, …"
    if (this.endsHeading(i, last)) return true;
    // "Burg, 39288" or "Burg (39288)"
    const after = this.tokens[last + 1];
    if (after !== undefined && /^[\s,(]+$/.test(this.sep(last + 1)) && after.raw.length === 5) {
      if (DIGITS.test(after.raw) && this.gazetteer.postalCode(after.raw) !== undefined) return true;
    }
    return false;
  }

  private standsAloneInList(i: number, last: number, inBrackets: boolean): boolean {
    const before = i === 0 ? this.text.slice(0, this.tokens[0]!.start) : this.sep(i);
    if (!(i === 0 ? /^\s*$/.test(before) : itemSeparator(before))) return false;
    if (!inBrackets && before.includes('(')) return false;
    const atEnd = last + 1 >= this.tokens.length;
    const after = atEnd ? this.text.slice(this.tokens[last]!.end) : this.sep(last + 1);
    if (i === 0) return /^\s*[,:]/.test(after);
    return atEnd ? /^[\s.!?)]*$/.test(after) : itemSeparator(after);
  }

  /** Whether tokens i..last end the note's heading of one to three words before a colon or comma. */
  private endsHeading(i: number, last: number): boolean {
    if (i < 1 || i > 3 || !/^\s*[:,]/.test(this.sep(last + 1))) return false;
    if (!/^\s*$/.test(this.text.slice(0, this.tokens[0]!.start))) return false;
    for (let k = 1; k <= i; k++) if (!/^[\s\-–]+$/.test(this.sep(k))) return false;
    const previous = this.tokens[i - 1]!;
    return previous.raw[0] !== previous.raw[0]!.toLowerCase() && !DETERMINER.has(previous.fold) && !PERSON_TITLE.has(previous.fold);
  }

  private candidateEndsAt(tokenIndex: number): boolean {
    const c = this.candidates[this.candidates.length - 1];
    return c !== undefined && c.lastToken === tokenIndex && c.kind !== 'postal-code';
  }

  /** Index of the last token of a foreign qualifier after token `last`, or -1. */
  private foreignQualifier(last: number): number {
    const { tokens } = this;
    let k = last + 1;
    for (let skipped = 0; skipped <= 2; skipped++, k++) {
      const t = tokens[k];
      if (t === undefined || !innerSeparatorOk(this.sep(k))) return -1;
      if (FOREIGN_QUALIFIER.has(t.fold)) {
        if (t.fold === 'sachsen' && tokens[k + 1]?.fold === 'anhalt') return -1;
        return k;
      }
      if (!QUALIFIER_CONNECTOR.has(t.fold)) return -1;
    }
    return -1;
  }

  /** 2 where someone lives or moves to, 1 where a call comes from, else 0. */
  private residence(i: number, last: number, region: boolean): 0 | 1 | 2 {
    let prepAt = i - 1;
    let prep = this.wordBefore(i);
    if (region && prep !== undefined && ARTICLE.has(prep)) {
      prepAt = i - 2;
      prep = this.wordBefore(i - 1);
    }
    if (prep === undefined) return 0;
    if (RESIDENCE_NOUN.has(prep)) return 2;
    if (RESIDENCE_PREPOSITION.has(prep)) {
      // look back to the start of the sentence (at most 7 words) and 3 words ahead
      for (let k = prepAt - 1; k >= 0 && k >= prepAt - 7; k--) {
        if (sentenceBreak(this.sep(k + 1))) break;
        if (RESIDENCE_WORD.has(this.tokens[k]!.fold)) return 2;
      }
      for (let k = last + 1; k < this.tokens.length && k <= last + 3; k++) {
        if (sentenceBreak(this.sep(k))) break;
        if (RESIDENCE_WORD.has(this.tokens[k]!.fold)) return 2;
      }
    }
    if (prep === 'aus') return 1;
    return 0;
  }

  private postalCode(i: number): void {
    const t = this.tokens[i]!;
    const codes = this.gazetteer.postalCode(t.raw);
    if (codes === undefined) return;
    const { text, tokens } = this;
    // part of a longer number: "0345 06108", "1.06108", "06108-12"
    const prev = tokens[i - 1];
    const sepBefore = this.sep(i);
    const joins = (sep: string): boolean => /^(?:\s+|[-/.,])$/.test(sep);
    if (prev !== undefined && DIGITS.test(prev.raw) && joins(sepBefore)) return;
    const next = tokens[i + 1];
    const sepAfter = i + 1 < tokens.length ? this.sep(i + 1) : text.slice(t.end);
    if (next !== undefined && DIGITS.test(next.raw) && joins(sepAfter)) return;
    if (/^\s*€/.test(sepAfter)) return;
    if (next !== undefined && NOT_POSTAL_AFTER.has(next.fold) && /^\s*$/.test(sepAfter)) return;
    if (prev !== undefined && NOT_POSTAL_BEFORE.has(prev.fold) && /^[\s.:]*$/.test(sepBefore)) return;
    this.postalTokens.add(i);
    this.candidates.push(tokenMention(t, i, { kind: 'postal-code', rank: POSTAL_CODE_RANK, codes, ambiguous: codes.length > 1 }));
  }

  private plates(): void {
    const { text } = this;
    if (!/[A-ZÄÖÜ][- ][A-Z]/.test(text)) return;
    for (const m of text.matchAll(PLATE)) {
      const code = this.gazetteer.vehicleCode(m[1]!);
      if (code === undefined) continue;
      if (m[2] === ' ' && !PLATE_CONTEXT.test(text.slice(Math.max(0, m.index - 30), m.index))) continue;
      const end = m.index + m[0].length;
      // "SDL AB 12": the plate, not the code within it
      this.candidates = this.candidates.filter((c) => c.start < m.index || c.end > end);
      this.candidates.push({
        kind: 'licence-plate',
        rank: PLATE_RANK,
        codes: [code],
        ambiguous: false,
        defaultFirst: false,
        start: m.index,
        end,
        firstToken: -1,
        lastToken: -1,
        residence: 0,
      });
    }
  }
}

/** A mention that is token i alone, with no cue of residence. */
function tokenMention(
  t: Token,
  i: number,
  what: Pick<Candidate, 'entry' | 'kind' | 'rank' | 'codes' | 'ambiguous'>,
): Candidate {
  return { ...what, defaultFirst: false, start: t.start, end: t.end, firstToken: i, lastToken: i, residence: 0 };
}

/** Settles ambiguous and defaulted mentions by the other evidence in the note. */
function settle(candidates: readonly Candidate[]): Candidate[] {
  const firm = new Set<string>();
  for (const c of candidates) if (!c.ambiguous && !c.defaultFirst) firm.add(c.codes[0]!);
  return candidates.map((c) => {
    if (!c.ambiguous && !c.defaultFirst) return c;
    const support = new Set<string>();
    for (const o of candidates) if (o !== c && o.start !== c.start) for (const code of o.codes) support.add(code);
    let pick: string | undefined;
    if (c.defaultFirst) {
      pick =
        c.codes.find((x) => firm.has(x)) ?? c.codes.find((x) => support.has(x)) ?? c.codes[0];
    } else {
      const inFirm = c.codes.filter((x) => firm.has(x));
      const inSupport = c.codes.filter((x) => support.has(x));
      pick = inFirm.length === 1 ? inFirm[0] : inSupport.length === 1 ? inSupport[0] : undefined;
    }
    if (pick === undefined) return c;
    return { ...c, codes: [pick], ambiguous: false, defaultFirst: false };
  });
}

function better(a: Candidate, b: Candidate): boolean {
  if (a.residence !== b.residence) return a.residence > b.residence;
  if (a.rank !== b.rank) return a.rank > b.rank;
  return a.start < b.start;
}

/** A move: the destination counts ("zieht von Leipzig nach Merseburg"). */
const MOVE = /(?<![\p{L}])(?:zieht|ziehen|ziehe|zog|zogen|umziehen|umzug|wegziehen|wegzug|gezogen|verzieht|verziehen)(?![\p{L}])/iu;
const DESTINATION = /(?<![\p{L}])nach\s+(\p{Lu}[\p{L}\p{M}]*)/gu;
/** DESTINATION in a note typed without a single capital ("zieht von halle nach leipzig"). */
const DESTINATION_ANY_CASE = /(?<![\p{L}])nach\s+(\p{L}[\p{L}\p{M}]*)/gu;
/** "von X": where a move starts. */
const FROM_BEFORE = /(?<![\p{L}])von\s+$/iu;
/** Towns next to the state that FOREIGN_QUALIFIER leaves out on purpose. */
const NEIGHBOUR_TOWNS = new Set(['leipzig', 'nordhausen', 'dresden', 'hannover', 'gottingen', 'helmstedt', 'wolfenbuttel']);

/** Whether a name starting with this folded word is a known place outside the state. */
function outsidePlace(fold: string, gazetteer: Gazetteer): boolean {
  if (FOREIGN_QUALIFIER.has(fold) || NEIGHBOUR_TOWNS.has(fold)) return true;
  const outside = (node: TrieNode | undefined, depth: number): boolean =>
    node !== undefined &&
    (node.entry?.kind === 'outside' || (depth > 0 && [...node.children.values()].some((c) => outside(c, depth - 1))));
  return outside(gazetteer.root.children.get(fold), 3);
}

/**
 * Where someone moves away to a known place outside Sachsen-Anhalt ("zieht von Stendal
 * nach Wittenberge"): the part of the sentence before the destination. A place of ours
 * named there as where someone comes from or lives is where the move starts, and the
 * destination counts; an office named there ("JC Stendal zahlt den Umzug nicht") stays.
 */
function movesAway(text: string, gazetteer: Gazetteer): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  // Most notes name no move: skip the sentence split on every keystroke's triage.
  if (!MOVE.test(text)) return out;
  const destination = hasCapitals(text) ? DESTINATION : DESTINATION_ANY_CASE;
  let start = 0;
  for (const sentence of text.split(/(?<=[.!?;\n])/u)) {
    const end = start + sentence.length;
    if (MOVE.test(sentence)) {
      for (const m of sentence.matchAll(destination)) {
        if (!outsidePlace(foldWord(m[1] ?? ''), gazetteer)) continue;
        out.push({ start, end: start + m.index });
        break;
      }
    }
    start = end;
  }
  return out;
}

/** The place mentions of a note and the district it is about, from one scan. */
export interface NotePlaces {
  /** All place mentions in text order, ambiguous ones settled where the note allows. */
  readonly mentions: PlaceMention[];
  readonly district: DistrictMatch | null;
}

/** Reads a note's places once: the district detection and the spans the classifier skips. */
export function readPlaces(text: string, gazetteer: Gazetteer = loadGazetteer()): NotePlaces {
  const { note, candidates } = scanNote(text, gazetteer);
  return { mentions: mentionsOf(text, candidates), district: bestDistrict(text, gazetteer, note, candidates) };
}

/**
 * All place mentions in a note that passed their checks, in text order, with
 * ambiguous ones settled where the note allows (unsettled ones keep several codes).
 */
export function findPlaceMentions(text: string, gazetteer: Gazetteer = loadGazetteer()): PlaceMention[] {
  return mentionsOf(text, scanNote(text, gazetteer).candidates);
}

/**
 * The district a note is about, or null when it names no place in Sachsen-Anhalt (or
 * only ambiguous ones). Prefers where the person lives or moves to, then the call's
 * origin; then a municipality over a district name over a region; then the first.
 */
export function detectDistrict(text: string, gazetteer: Gazetteer = loadGazetteer()): DistrictMatch | null {
  const { note, candidates } = scanNote(text, gazetteer);
  return bestDistrict(text, gazetteer, note, candidates);
}

/** The note's accepted mentions, settled, in text order. */
function scanNote(text: string, gazetteer: Gazetteer): { note: NoteScan; candidates: Candidate[] } {
  const note = new NoteScan(text, gazetteer);
  return { note, candidates: settle(note.run()).sort((a, b) => a.start - b.start) };
}

function mentionsOf(text: string, candidates: readonly Candidate[]): PlaceMention[] {
  return candidates.map((c) => ({
    kind: c.kind,
    codes: c.codes,
    evidence: text.slice(c.start, c.end),
    start: c.start,
    end: c.end,
    residence: c.residence,
  }));
}

function bestDistrict(text: string, gazetteer: Gazetteer, note: NoteScan, candidates: readonly Candidate[]): DistrictMatch | null {
  let best: Candidate | undefined;
  const leaving = movesAway(text, gazetteer);
  for (const c of candidates) {
    if (c.ambiguous || c.defaultFirst || c.codes.length !== 1) continue;
    if (leaving.some((s) => c.start >= s.start && c.end <= s.end) && (c.residence > 0 || FROM_BEFORE.test(text.slice(0, c.start)))) continue;
    if (best === undefined || better(c, best)) best = c;
  }
  best ??= note.misspeltPlace();
  if (best === undefined) return null;
  const code = best.codes[0]!;
  return {
    code,
    name: gazetteer.districtName(code) ?? code,
    evidence: text.slice(best.start, best.end),
    start: best.start,
    end: best.end,
  };
}

/** Kinds of name a misspelling is matched against (regions are too vague). */
const TYPO_KINDS = new Set<PlaceKind>(['municipality', 'stadtteil', 'ortsteil', 'verbandsgemeinde', 'adjective', 'district']);
/**
 * Shortest name matched with a doubled letter ("Desssau"), and with any one edit
 * ("Stendla"); shorter names are one edit away from too many other words ("Kamern",
 * a village in the Altmark, from "Kamerun").
 */
const TYPO_MIN_DOUBLED = 5;
const TYPO_MIN_EDIT = 7;
/** No one-word name is longer; longer tokens are pasted codes or junk. */
const TYPO_MAX_LENGTH = 40;
/** Names this long are matched without a place word before them ("Unternehmerverband Burgenlaandkreis"). */
const TYPO_LONG = 9;

interface TypoNames {
  /** folded one-word names of towns and districts in one district each */
  readonly keys: ReadonlySet<string>;
  readonly index: SpellingIndex;
}
const typoNamesOf = new WeakMap<Gazetteer, TypoNames>();

function typoNames(gazetteer: Gazetteer): TypoNames {
  let names = typoNamesOf.get(gazetteer);
  if (names === undefined) {
    const keys = new Set<string>();
    for (const [key, node] of gazetteer.root.children) {
      const e = node.entry;
      if (e === undefined || !TYPO_KINDS.has(e.kind) || e.codes.length !== 1) continue;
      if (e.flags.ambiguous || e.flags.upperCase || e.flags.defaultFirst || key.length < TYPO_MIN_DOUBLED) continue;
      keys.add(key);
    }
    names = { keys, index: new SpellingIndex(keys, { minLength: TYPO_MIN_EDIT }) };
    typoNamesOf.set(gazetteer, names);
  }
  return names;
}

/** The name a word is with one doubled letter undone ("hallle" → "halle"), or null. */
function undoubled(fold: string, keys: ReadonlySet<string>): string | null {
  for (let i = 0; i + 1 < fold.length; i++) {
    if (fold[i] !== fold[i + 1]) continue;
    const key = fold.slice(0, i) + fold.slice(i + 1);
    if (keys.has(key)) return key;
  }
  return null;
}

