/**
 * Redaction of direct identifiers in enquiry notes (SPEC §6): phone numbers, e-mail
 * addresses, IBANs, dates of birth, street addresses, file and customer numbers, and
 * names (after Herr/Frau or a role word, or starting with a known given name). Each is
 * replaced by a typed German placeholder; offsets refer to the original text so the
 * adviser can be shown what was removed.
 *
 * Pure and synchronous; all patterns are compiled once at module load. Each detector
 * proposes candidates, and overlaps are resolved by a fixed priority (the more specific
 * and more sensitive type wins), so the result is sorted and non-overlapping.
 *
 * The rules deliberately prefer a cue (a label, a title, a street suffix, a birth cue)
 * over guessing: postal codes and place names must survive for district detection, and
 * ordinary content (§ 16a, B1, amounts, years, course dates) must stay readable.
 */
import { hasCapitals } from '../text/normalize.js';
import { FIRST_NAMES } from './first-names.js';

/** The kinds of identifier that are redacted, in priority order (first wins overlaps). */
export const REDACTION_TYPES = [
  'email',
  'iban',
  'aktenzeichen',
  'geburtsdatum',
  'telefon',
  'adresse',
  'name',
] as const;

export type RedactionType = (typeof REDACTION_TYPES)[number];

/** The placeholder that replaces each kind of identifier in the redacted text. */
export const PLACEHOLDERS: Readonly<Record<RedactionType, string>> = {
  telefon: '[Telefon]',
  email: '[E-Mail]',
  iban: '[IBAN]',
  geburtsdatum: '[Geburtsdatum]',
  adresse: '[Adresse]',
  aktenzeichen: '[Aktenzeichen]',
  name: '[Name]',
};

/** One redacted span; `start`/`end` are UTF-16 offsets into the original text, end exclusive. */
export interface Redaction {
  type: RedactionType;
  start: number;
  end: number;
  placeholder: string;
}

export interface RedactionResult {
  /** The text with every redacted span replaced by its placeholder. */
  redactedText: string;
  /** The spans, sorted by start, non-overlapping. */
  redactions: Redaction[];
}

interface Candidate {
  type: RedactionType;
  start: number;
  end: number;
}

const PRIORITY: Readonly<Record<RedactionType, number>> = Object.fromEntries(
  REDACTION_TYPES.map((t, i) => [t, i]),
) as Record<RedactionType, number>;

/** Redacts direct identifiers in `text`. */
export function redact(text: string): RedactionResult {
  const first = detect(text);
  let kept = first.kept;
  let result = build(text, kept);
  // A candidate cut by a stronger one ("BG-Nr. 0 0@0.de": the number runs into an e-mail
  // address), or glued to one ("geb. 1.2.90DE36…"), may have a reading that only shows
  // once its neighbour is a placeholder. Look for it now, so that redacting the redacted
  // text changes nothing.
  let again = first.partialOverlap || gluedToWord(text, kept);
  for (let round = 0; again && round < 3; round++) {
    const next = detect(result.redactedText);
    const extra = toOriginal(next.kept, result.redactions);
    if (extra.length === 0) break;
    kept = [...kept, ...extra].sort((x, y) => x.start - y.start);
    result = build(text, kept);
    again = next.partialOverlap || gluedToWord(text, extra);
  }
  return result;
}

/** Whether a span has a letter or digit right before or after it. */
function gluedToWord(text: string, spans: readonly Candidate[]): boolean {
  return spans.some((s) => isAlnum(text.charAt(s.start - 1)) || isAlnum(text.charAt(s.end)));
}

function detect(text: string): { kept: Candidate[]; partialOverlap: boolean } {
  const found: Candidate[] = [];
  findEmails(text, found);
  findIbans(text, found);
  findFileNumbers(text, found);
  findBirthDates(text, found);
  findPhones(text, found);
  // A note typed without a single capital writes names and streets in lower case too.
  const lowerCaseNote = !hasCapitals(text);
  findAddresses(text, found, lowerCaseNote);
  findNames(text, found, lowerCaseNote);
  findRoleNames(text, found, lowerCaseNote);
  findNamesBeforeIdentifiers(text, found);
  findNamesByFirstName(text, found, lowerCaseNote);
  findSignature(text, found);
  return resolve(found);
}

/**
 * Keeps the highest-priority candidates that do not overlap each other, sorted by start;
 * reports whether a dropped candidate stuck out of the span that beat it.
 */
function resolve(found: Candidate[]): { kept: Candidate[]; partialOverlap: boolean } {
  found.sort(
    (a, b) => PRIORITY[a.type] - PRIORITY[b.type] || a.start - b.start || b.end - a.end,
  );
  const kept: Candidate[] = []; // sorted by start, non-overlapping
  let partialOverlap = false;
  for (const c of found) {
    // The last kept span starting before c ends is the only one that can overlap c.
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((kept[mid] as Candidate).start < c.end) lo = mid + 1;
      else hi = mid;
    }
    const rival = kept[lo - 1];
    if (rival === undefined || rival.end <= c.start) kept.splice(lo, 0, c);
    else if (c.start < rival.start || c.end > rival.end) partialOverlap = true;
  }
  return { kept, partialOverlap };
}

function build(text: string, kept: readonly Candidate[]): RedactionResult {
  const redactions: Redaction[] = [];
  let redactedText = '';
  let pos = 0;
  for (const c of kept) {
    const placeholder = PLACEHOLDERS[c.type];
    redactions.push({ type: c.type, start: c.start, end: c.end, placeholder });
    redactedText += text.slice(pos, c.start) + placeholder;
    pos = c.end;
  }
  redactedText += text.slice(pos);
  return { redactedText, redactions };
}

/**
 * Maps spans found in the redacted text back to the original; spans that touch a
 * placeholder cannot be mapped and are left out.
 */
function toOriginal(spans: readonly Candidate[], redactions: readonly Redaction[]): Candidate[] {
  const mapped: Candidate[] = [];
  for (const span of spans) {
    let shift = 0; // original offset minus redacted offset, left of the span
    let segmentStart = 0; // in the redacted text
    let inside = true;
    for (const r of redactions) {
      const placeholderStart = r.start - shift;
      if (span.end <= placeholderStart) break;
      segmentStart = placeholderStart + r.placeholder.length;
      shift = r.end - segmentStart;
      if (span.start < segmentStart) {
        inside = false;
        break;
      }
    }
    if (inside) {
      mapped.push({ type: span.type, start: span.start + shift, end: span.end + shift });
    }
  }
  return mapped;
}

// ---------------------------------------------------------------------------------------
// Shared helpers. Anchors are cheap ASCII patterns without look-behind; word boundaries
// are checked by hand at the few places they match (unicode look-behinds at every
// position made the detectors several times slower).

const WORD_CHAR = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;

/**
 * Letter or digit in any script, or a bracket. Brackets count because a placeholder
 * ("[E-Mail]") must bound what follows it just as the identifier it replaced did;
 * otherwise a second pass over redacted text could find new matches next to it.
 */
function isWordChar(ch: string): boolean {
  if (ch === '') return false;
  const c = ch.charCodeAt(0);
  if (c < 128) {
    return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 91 || c === 93;
  }
  return WORD_CHAR.test(ch);
}

function isAlnum(ch: string): boolean {
  return ch !== '[' && ch !== ']' && isWordChar(ch);
}

function isLetter(ch: string): boolean {
  if (ch === '') return false;
  const c = ch.charCodeAt(0);
  if (c < 128) return (c | 32) >= 97 && (c | 32) <= 122;
  return LETTER.test(ch);
}

/** True when a match at [start, end) stands as a whole word (no letter/digit around). */
function standsAlone(text: string, start: number, end: number): boolean {
  return !isWordChar(text.charAt(start - 1)) && !isLetter(text.charAt(end));
}

// ---------------------------------------------------------------------------------------
// E-mail: anchored on "@", local part read backwards, domain read forwards.

const EMAIL_LOCAL = /[\p{L}\p{N}._%+-]/u;
const EMAIL_DOMAIN = /[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/uy;

function findEmails(text: string, out: Candidate[]): void {
  let floor = 0;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > floor && EMAIL_LOCAL.test(text.charAt(start - 1))) start--;
    if (start === at) continue;
    EMAIL_DOMAIN.lastIndex = at + 1;
    if (!EMAIL_DOMAIN.exec(text)) continue;
    floor = EMAIL_DOMAIN.lastIndex;
    out.push({ type: 'email', start, end: floor });
  }
}

// ---------------------------------------------------------------------------------------
// IBAN: a known country code, its registered length, single spaces allowed, mod-97 valid.

/** IBAN lengths by country (SWIFT IBAN registry). */
const IBAN_LENGTH: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27,
  BR: 29, BY: 28, CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28,
  EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23,
  GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27,
  JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, LY: 25,
  MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18,
  NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33,
  SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28,
  TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

// Typed in lower case too ("de89 3704 …"); the checksum keeps ordinary text out.
const IBAN_START = /[A-Za-z]{2}\d{2}/g;
const IBAN_CHAR = /[A-Za-z0-9]/;
const IBAN_SPACE = /[ \u00A0]/;

/** True when `iban` (spaces allowed) has a known country, its length and a valid checksum. */
export function isValidIban(iban: string): boolean {
  const compact = iban.replace(/[ \u00A0]/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(compact)) return false;
  if (IBAN_LENGTH[compact.slice(0, 2)] !== compact.length) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? code - 55 : code - 48; // A=10 … Z=35
    rest = value >= 10 ? (rest * 100 + value) % 97 : (rest * 10 + value) % 97;
  }
  return rest === 1;
}

function findIbans(text: string, out: Candidate[]): void {
  for (const m of text.matchAll(IBAN_START)) {
    const length = IBAN_LENGTH[m[0].slice(0, 2).toUpperCase()];
    // Plain letter/digit boundaries here: an IBAN next to a placeholder is still an IBAN.
    if (length === undefined || isAlnum(text.charAt(m.index - 1))) continue;
    let count = 0;
    let i = m.index;
    // Collect exactly `length` characters, allowing one space between any two.
    while (i < text.length && count < length) {
      const ch = text.charAt(i);
      if (IBAN_CHAR.test(ch)) {
        count++;
        i++;
      } else if (count > 0 && IBAN_SPACE.test(ch) && IBAN_CHAR.test(text.charAt(i + 1))) {
        i++;
      } else break;
    }
    if (count !== length || isAlnum(text.charAt(i))) continue;
    if (isValidIban(text.slice(m.index, i))) out.push({ type: 'iban', start: m.index, end: i });
  }
}

// ---------------------------------------------------------------------------------------
// File and customer numbers after a label: the label stays, the identifier goes.

const FILE_LABEL = new RegExp(
  String.raw`(?:` +
    [
      String.raw`Aktenzeichen`,
      String.raw`Aktenz\.`,
      String.raw`Gesch(?:ä|ae)ftszeichen`,
      String.raw`Bedarfsgemeinschafts-?(?:nummer|nr\.?)`,
      String.raw`BG-?\s?(?:Nummer|Nr\.?)`,
      String.raw`Kunden-?\s?(?:nummer|nr\.?)`,
      String.raw`Kd\.?\s?-?\s?Nr\.?`,
      String.raw`Vorgangs-?\s?(?:nummer|nr\.?)`,
      String.raw`Steuer-?\s?(?:ID|Identifikationsnummer|nummer|nr\.?)`,
      String.raw`Sozialversicherungs-?\s?(?:nummer|nr\.?)`,
      String.raw`Rentenversicherungs-?\s?(?:nummer|nr\.?)`,
      String.raw`Versicherten-?\s?(?:nummer|nr\.?)`,
      String.raw`[SRK]V-?\s?(?:Nummer|Nr\.?)`,
      String.raw`AZR-?\s?(?:Nummer|Nr\.?)`,
      String.raw`(?:Personal)?ausweis-?\s?(?:nummer|nr\.?)`,
      String.raw`(?:Reise)?pass-?\s?(?:nummer|nr\.?)`,
      String.raw`Dokumenten-?\s?(?:nummer|nr\.?)`,
      String.raw`Konto-?\s?(?:nummer|nr\.?)`,
      String.raw`(?:Fall|Antrags|Bescheid|Mitglieds|Personal|Versicherungs|Beitrags|Kindergeld|Zuwendungs|Vertrags)-?\s?(?:nummer|nr\.?)`,
      String.raw`Vers\.-?\s?Nr\.?`,
      String.raw`Vertragskonto`,
      String.raw`KG-?\s?(?:Nummer|Nr\.?)`,
      String.raw`St\.?-?\s?Nr\.?`,
      String.raw`VSNR|VS-?Nr\.?`,
      String.raw`Az\.?`,
      String.raw`Gz\.?`,
    ].join('|') +
    String.raw`)`,
  'gi',
);
/**
 * What may stand between a label and its identifier: "Nr.", a colon, the authority
 * ("Aktenzeichen ABH: 123/456", "Az. bei der ABH 123/456", "Az. LVwA 503-41122/24",
 * "Az. SDL-AB 4471/23"), "ist", "lautet".
 */
const FILE_SEPARATOR =
  /(?:[ \t]*(?:Nr\.?|Nummer|No\.?)(?![\p{L}]))?[ \t]*[:#.]?\s*(?:(?:bei|beim|vom|von|der|des)[ \t]+(?:(?:der|dem|des)[ \t]+)?\p{Lu}{2,6}:?[ \t]+)?(?:\p{Lu}{2,6}:[ \t]*|(?:\p{Lu}\p{L}{0,4}\p{Lu}(?:-\p{Lu}{1,4})?|lvwa|afa|abh?|jc|bamf|zab|ihk|hwk)[ \t]+(?=[\p{L}\p{N}/.\-]*\d))?(?:(?:ist|lautet|lautend auf)[ \t]+)?(?:[:#][ \t]*)?/uy;
/**
 * The identifier: tokens containing a digit, separated by single spaces, with short
 * upper-case letter groups allowed between them ("3 A 123/24", "S 7 AS 1234/24",
 * "12 150780 M 123"). Lower-case words end it.
 */
const FILE_ID =
  /(?:\p{Lu}{1,5}[ \t])*(?=[\p{L}\p{N}/.\-]*\d)[\p{L}\p{N}][\p{L}\p{N}/.\-]*(?:[ \t](?:\p{Lu}{1,5}[ \t])*(?=[\p{L}\p{N}/.\-]*\d)[\p{L}\p{N}][\p{L}\p{N}/.\-]*)*/uy;
const TRAILING_PUNCT = /[./\-]+$/;

/**
 * A Jobcenter's Bedarfsgemeinschaft number has its own shape (office number, "BG", seven
 * digits: "08701BG0056123"), so it is found without a label as well.
 */
const BG_NUMBER = /(?<!\p{N})\d{5}\s?BG\s?\d{7}(?![\p{L}\p{N}])/giu;

function findFileNumbers(text: string, out: Candidate[]): void {
  for (const m of text.matchAll(BG_NUMBER)) out.push({ type: 'aktenzeichen', start: m.index, end: m.index + m[0].length });
  for (const m of text.matchAll(FILE_LABEL)) {
    const labelEnd = m.index + m[0].length;
    if (!standsAlone(text, m.index, labelEnd)) continue;
    FILE_SEPARATOR.lastIndex = labelEnd;
    FILE_SEPARATOR.exec(text); // always matches (possibly empty)
    FILE_ID.lastIndex = FILE_SEPARATOR.lastIndex;
    const id = FILE_ID.exec(text);
    if (!id) continue;
    const value = id[0].replace(TRAILING_PUNCT, '');
    out.push({ type: 'aktenzeichen', start: id.index, end: id.index + value.length });
  }
}

// ---------------------------------------------------------------------------------------
// Dates of birth: only after a birth cue; only the date is redacted.

const DAY = String.raw`(?:0?[1-9]|[12]\d|3[01])`;
const MONTH_NUM = String.raw`(?:0?[1-9]|1[0-2])`;
const MONTH_NAME =
  String.raw`(?:Januar|Jan|J(?:ä|ae)nner|Februar|Feb|M(?:ä|ae)rz|M(?:ä|ae)r|Mrz|April|Apr|Mai|Juni|Jun|Juli|Jul|August|Aug|September|Sept|Sep|Oktober|Okt|November|Nov|Dezember|Dez)(?![\p{L}])\.?`;
const BIRTH_DATE = [
  // 12.03.1990, 12.3.90, 1.5.88, 12. 03. 1990, 12.03. (year optional after a cue)
  String.raw`${DAY}\.\s?${MONTH_NUM}\.(?:(?:19|20)\d{2}|\d{2}(?!\d)|\s(?:19|20)\d{2})?(?!\d)`,
  // 12. März 1990, 12 Mär 90
  String.raw`${DAY}\.?\s?${MONTH_NAME}(?:\s?(?:(?:19|20)\d{2}|'?\d{2})(?!\d))?`,
  // 1990-03-12
  String.raw`(?:19|20)\d{2}-${MONTH_NUM}-${DAY}(?!\d)`,
  // 12/03/1990
  String.raw`${DAY}/${MONTH_NUM}/(?:19|20)?\d{2}(?!\d)`,
].join('|');
const BIRTH_CUE =
  /Geburtsdatum|Geburtstag|geb(?:urts)?\.?\s?-?\s?dat(?:um|\.)?|geboren(?:e|er)?|geb\.?|d\.?o\.?b\.?|date of birth|\*/gi;
const BIRTH_DATE_AFTER_CUE = new RegExp(
  String.raw`[ \t]*[:.,]?\s*(?:(?:am|den|on)\s+)?(${BIRTH_DATE})`,
  'iuy',
);

const STAR_CUE_BEFORE = /^$|[\s(,;]/;

/**
 * A full date with a birth year in brackets right after a full name, without a cue:
 * "Fr. Asma Noorzai (12.08.1995)". A year up to 2012: later ones are deadlines and
 * appointments, not adults' or teenagers' birthdays.
 */
const BIRTH_DATE_AFTER_NAME = new RegExp(
  String.raw`(?<=\p{Lu}[\p{L}\p{M}'’-]+[ \t]\p{Lu}[\p{L}\p{M}'’-]+[ \t]?\()${DAY}\.${MONTH_NUM}\.(?:19[2-9]\d|200\d|201[0-2])(?=\))`,
  'gu',
);

function findBirthDates(text: string, out: Candidate[]): void {
  for (const m of text.matchAll(BIRTH_CUE)) {
    const cueEnd = m.index + m[0].length;
    if (m[0] === '*') {
      // "(*12.03.1990)", "Sohn * 1.5.88"; not "Kurs* 01.03." or "**Termin** 12.03."
      if (!STAR_CUE_BEFORE.test(text.charAt(m.index - 1))) continue;
    } else {
      if (isWordChar(text.charAt(m.index - 1))) continue;
      if (!m[0].endsWith('.') && isLetter(text.charAt(cueEnd))) continue; // "gebeten"
    }
    BIRTH_DATE_AFTER_CUE.lastIndex = cueEnd;
    const d = BIRTH_DATE_AFTER_CUE.exec(text);
    if (!d) continue;
    const end = BIRTH_DATE_AFTER_CUE.lastIndex;
    out.push({ type: 'geburtsdatum', start: end - (d[1] ?? '').length, end });
  }
  for (const m of text.matchAll(BIRTH_DATE_AFTER_NAME)) out.push({ type: 'geburtsdatum', start: m.index, end: m.index + m[0].length });
}

// ---------------------------------------------------------------------------------------
// Phone numbers: national (0 + area code), international (+CC / 00CC, optional "(0)").

/** A phone number: area or country code, then groups of >= 2 digits. */
const PHONE_NUMBER =
  String.raw`(?:(?:\+|00)[1-9]\d{0,2}[ \-]?(?:\(0\)[ \-]?)?[1-9]\d{1,11}` +
  String.raw`|\(0[1-9]\d{1,4}\)|0[1-9]\d{1,11})` +
  // "/" or "-" (or " / ") only as the first separator; a time or amount after it ends it
  String.raw`(?:(?: ?[/\-–] ?| )\d{2,8}(?:[ \-]\d{2,8}(?! ?(?:Uhr|€|%|Euro|EUR))){0,5}(?:-\d{1,4})?)?` +
  String.raw`(?![\p{L}\p{N}\[\]])`;
/** Not inside a word or number, and not right after "123 " / "12." / "1/" (number runs). */
const PHONE = new RegExp(
  String.raw`(?<![\p{L}\p{N}+\[\]])(?<![\d\]][ .,:/\-–])` + PHONE_NUMBER,
  'gu',
);
const PHONE_AT = new RegExp(PHONE_NUMBER, 'uy');
const PHONE_GAP = /[ \-/–]+/y;
const PHONE_LAST_GROUP = /[ \-/–][^ \-/–]*$/;
const PHONE_TRAILING_GAP = /[ \-/–]+$/;
const DIGIT = /\d/g;
const DATE_LIKE = /^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/;

function findPhones(text: string, out: Candidate[]): void {
  for (const m of text.matchAll(PHONE)) {
    let start = m.index;
    let value: string | undefined = m[0];
    while (value !== undefined) {
      const kept = phoneLength(value);
      if (kept > 0) out.push({ type: 'telefon', start, end: start + kept });
      if (kept === 0 || kept === value.length) break;
      // The run held more than one number ("0345 1234567 0176 12345678"): read on, so
      // that the rest is judged now and not only once its neighbour became a placeholder.
      PHONE_GAP.lastIndex = start + kept;
      PHONE_GAP.exec(text);
      start = PHONE_GAP.lastIndex;
      PHONE_AT.lastIndex = start;
      value = PHONE_AT.exec(text)?.[0];
    }
  }
}

/** How much of a matched digit run is a plausible phone number (0: none of it). */
function phoneLength(match: string): number {
  let value = match;
  const max = value.startsWith('+') || value.startsWith('00') ? 16 : 13;
  // A run of numbers may have swallowed a following group: drop groups until plausible.
  let digits = countDigits(value);
  while (digits > max) {
    const cut = value.search(PHONE_LAST_GROUP);
    if (cut <= 0) return 0;
    value = value.slice(0, cut).replace(PHONE_TRAILING_GAP, '');
    digits = countDigits(value);
  }
  return digits < 8 || DATE_LIKE.test(value) ? 0 : value.length;
}

function countDigits(s: string): number {
  return s.match(DIGIT)?.length ?? 0;
}

// ---------------------------------------------------------------------------------------
// Street addresses: street + house number only (postal code and town stay).

/** House number: 12, 12a, 4 b, 12-14, Nr. 5; not followed by a unit, date or decimal. */
const HOUSE_NUMBER =
  String.raw`(?:Nr\.\s?)?\d{1,3}(?:\s?[a-hA-H](?![\p{L}\p{N}]))?(?:\s?[-–/]\s?\d{1,3}[a-h]?)?` +
  String.raw`(?![\p{L}\p{N}\[\]]|[.,]\d|\.\s?(?:${MONTH_NAME}|\d))` +
  String.raw`(?!\s?(?:%|€|Euro|EUR|Uhr|Jahre?n?|Monate?n?|Wochen?|Tage?n?|Std|Stunden?|Min|Kinder|Kindern|Personen|Leute|mal|Mal|x(?![\p{L}])))`;
const HOUSE_NUMBER_AT = new RegExp(String.raw`[ \t]{0,2}` + HOUSE_NUMBER, 'uy');
/** A street-type word directly followed by a number: "…straße 12", "…weg 7", "Str. 3". */
const STREET_ANCHOR =
  /(?:stra(?:ß|ss)e|str\.|allee|gasse|chaussee|weg|platz|ring|damm|ufer|steig|pfad)(?=[ \t]{0,2}(?:Nr\.[ \t]?)?\d)/gi;
/** Suffixes distinctive enough to count in lower case too ("hauptstr. 5"). */
const STREET_ANY_CASE = /^(?:stra(?:ß|ss)e|str\.|allee|gasse|chaussee)$/i;
const STREET_WORD_CHAR = /[\p{L}'’\-]/u;
const STREET_ADJECTIVE = /^\p{Lu}[\p{L}'’\-]*(?:e|er|es|en|sche)$/u;
const STREET_ADJECTIVE_ANY_CASE = /^\p{L}[\p{L}'’\-]*(?:e|er|es|en|sche)$/u;
const UPPER_FIRST = /^\p{Lu}/u;
/** "Platz der Einheit 1", "Straße des Friedens 3". */
const STREET_NAMED =
  /(?:Straße|Strasse|Str\.|Weg|Allee|Platz|Gasse|Ring|Damm|Ufer|Chaussee|Steig|Pfad)[ \t]+(?:der|des|am|an der|zum|zur)[ \t]+/g;
const STREET_NAMED_REST = new RegExp(
  String.raw`\p{Lu}[\p{L}'’\-]+(?:[ \t]+\p{Lu}[\p{L}'’\-]+)?[ \t]{1,2}` + HOUSE_NUMBER,
  'uy',
);
const PREPOSITION_LIST = `Am|An der|An den|An dem|Auf dem|Auf der|Auf den|Im|In der|In den|Zum|Zur|Hinter der|Hinter dem|Hinter den|Unter den|Vor dem|Vor der|Beim|Bei der`;
/** "Am Markt 3", "An der Kirche 5" (street names capitalise the preposition). */
const STREET_PREPOSITION = new RegExp(String.raw`(?:${PREPOSITION_LIST})[ \t]+`, 'g');
/**
 * Lower-case "am Markt 3" only after a residence cue ("wohnt am Markt 3"), since
 * "im Modul 2" and "am Montag 3" are everyday text.
 */
const STREET_AFTER_RESIDENCE = new RegExp(
  String.raw`(?:wohnt|wohnen|wohnhaft|lebt|leben|gemeldet|Anschrift|Adresse|Wohnadresse|Wohnort)[:,]?[ \t]+(?:(?:jetzt|noch|nun)[ \t]+)?` +
    String.raw`((?:${PREPOSITION_LIST.toLowerCase()})[ \t]+)`,
  'g',
);
const STREET_PREPOSITION_REST = new RegExp(
  String.raw`(\p{Lu}[\p{L}'’\-]+)(?:[ \t]+(\p{Lu}[\p{L}'’\-]+))?[ \t]{1,2}` + HOUSE_NUMBER,
  'uy',
);

/** Capitalised words that start a sentence but are not street-name adjectives. */
const NOT_STREET_ADJECTIVE = new Set([
  'die', 'der', 'des', 'den', 'eine', 'einer', 'eines', 'einen', 'keine', 'keiner',
  'seine', 'seiner', 'ihre', 'ihrer', 'meine', 'meiner', 'unsere', 'unserer', 'diese',
  'dieser', 'dieses', 'jede', 'jeder', 'jedes', 'welche', 'welcher', 'alle', 'aller',
  'andere', 'anderer', 'oder', 'aber', 'wieder', 'immer', 'später', 'früher', 'weiter',
  'hinter', 'unter', 'über', 'ueber', 'bitte', 'ohne', 'gleiche', 'nächste', 'naechste',
  'selbe', 'derselbe', 'dieselbe', 'jene', 'jener', 'manche', 'mancher', 'beide', 'beiden',
]);
const STREET_PREFIX_ADJECTIVE =
  /^(?:Gro(?:ß|ss)e|Kleine|Alte|Neue|Obere|Untere|Lange|Hohe|Breite|Hintere|Vordere|Innere|(?:Ä|Ae)u(?:ß|ss)ere|Mittlere|Kurze|Schmale|Krumme|Stille|Tiefe|Weite)$/;

/**
 * Compounds ending in -platz, -weg, -ufer … that are hotline words, not streets. Short
 * prefixes only as the whole word ("Umweg", but "Baumweg" is a street).
 */
const NOT_STREET_COMPOUND = new RegExp(
  [
    String.raw`^(?:um|aus|irr|ab|hin|rück|rueck|heim|durch|weiter|sonder|lebens|rechts)weg$`,
    String.raw`(?:arbeits|ausbildungs|kita|krippen|kindergarten|kurs|studien|praktikums|betreuungs|park|sitz|stell|therapie|wohnheim|warte|lehr|job|bildungs|zugangs|lern)(?:platz|weg|pfad|ring)$`,
    String.raw`(?:ruf|käuf|kaeuf|läuf|laeuf)er$`,
  ].join('|'),
);

function findAddresses(text: string, out: Candidate[], anyCase: boolean): void {
  for (const m of text.matchAll(STREET_ANCHOR)) {
    const start = streetStart(text, m.index, m[0], anyCase);
    if (start < 0) continue;
    HOUSE_NUMBER_AT.lastIndex = m.index + m[0].length;
    if (HOUSE_NUMBER_AT.exec(text)) {
      out.push({ type: 'adresse', start, end: HOUSE_NUMBER_AT.lastIndex });
    }
  }
  for (const m of text.matchAll(STREET_NAMED)) {
    if (isWordChar(text.charAt(m.index - 1))) continue;
    STREET_NAMED_REST.lastIndex = m.index + m[0].length;
    if (STREET_NAMED_REST.exec(text)) {
      out.push({ type: 'adresse', start: m.index, end: STREET_NAMED_REST.lastIndex });
    }
  }
  for (const m of text.matchAll(STREET_PREPOSITION)) {
    if (!isWordChar(text.charAt(m.index - 1))) preposition(text, m.index, m.index + m[0].length, out);
  }
  for (const m of text.matchAll(STREET_AFTER_RESIDENCE)) {
    const end = m.index + m[0].length;
    if (!isWordChar(text.charAt(m.index - 1))) preposition(text, end - (m[1] ?? '').length, end, out);
  }
  for (const m of text.matchAll(STREET_BEFORE_POSTAL_CODE)) {
    if (isCommonWord(m[1])) continue;
    out.push({ type: 'adresse', start: withPrefixAdjective(text, m.index), end: m.index + (m[1] ?? '').length + (m[2] ?? '').length });
  }
}

/**
 * A street without a type word is an address when a postal code follows its house number:
 * "Vogelweide 14, 06122 Halle", "Alte Brücke 9, 39261 Zerbst" (the postal code stays).
 */
const STREET_BEFORE_POSTAL_CODE =
  /(?<![\p{L}\p{N}.\-])(\p{Lu}[\p{Ll}ß]{3,}(?:-\p{Lu}?[\p{Ll}ß]+)*)([ \t]\d{1,3}[a-z]?)(?=,?[ \t]+\d{5}[ \t]+\p{Lu})/gu;

/**
 * Where the street whose type word is at `at` begins: the start of a compound
 * ("Musterstraße", "Ernst-Thälmann-Str."), or of the adjective before a separate type
 * word ("Lange Str."); -1 when it is no street ("Arbeitsplatz", "Anrufer", "Platz").
 */
function streetStart(text: string, at: number, type: string, anyCase: boolean): number {
  let start = at;
  while (start > 0 && STREET_WORD_CHAR.test(text.charAt(start - 1))) start--;
  if (isWordChar(text.charAt(start - 1))) return -1;
  const stem = text.slice(start, at);
  if (stem !== '') {
    if (stem.length < 2 || !isLetter(stem.charAt(0))) return -1;
    // weg/platz/ring/… need a capitalised compound: "Hauptweg", "Kirch-Weg", not "hinweg".
    const typeFits = type === type.toLowerCase() || (stem.endsWith('-') && UPPER_FIRST.test(type));
    if (!STREET_ANY_CASE.test(type) && !anyCase && !(UPPER_FIRST.test(stem) && typeFits)) return -1;
    if (NOT_STREET_COMPOUND.test((stem + type).toLowerCase())) return -1;
    return withPrefixAdjective(text, start);
  }
  if (!anyCase && !UPPER_FIRST.test(type)) return -1;
  let wordEnd = start;
  while (wordEnd > 0 && /[ \t]/.test(text.charAt(wordEnd - 1))) wordEnd--;
  if (wordEnd === start) return -1;
  let wordStart = wordEnd;
  while (wordStart > 0 && STREET_WORD_CHAR.test(text.charAt(wordStart - 1))) wordStart--;
  const adjective = text.slice(wordStart, wordEnd);
  if (!(anyCase ? STREET_ADJECTIVE_ANY_CASE : STREET_ADJECTIVE).test(adjective)) return -1;
  if (NOT_STREET_ADJECTIVE.has(adjective.toLowerCase())) return -1;
  return isWordChar(text.charAt(wordStart - 1)) ? -1 : withPrefixAdjective(text, wordStart);
}

/** "Große Steinstraße 5": a common prefix adjective belongs to the street name. */
function withPrefixAdjective(text: string, start: number): number {
  if (text.charAt(start - 1) !== ' ') return start;
  let wordStart = start - 1;
  while (wordStart > 0 && isLetter(text.charAt(wordStart - 1))) wordStart--;
  const word = text.slice(wordStart, start - 1);
  if (!STREET_PREFIX_ADJECTIVE.test(word) || isWordChar(text.charAt(wordStart - 1))) return start;
  return wordStart;
}

/** A preposition street: the preposition spans [start, restAt). */
function preposition(text: string, start: number, restAt: number, out: Candidate[]): void {
  STREET_PREPOSITION_REST.lastIndex = restAt;
  const m = STREET_PREPOSITION_REST.exec(text);
  if (!m || isCommonWord(m[1]) || isCommonWord(m[2])) return;
  out.push({ type: 'adresse', start, end: STREET_PREPOSITION_REST.lastIndex });
}

// ---------------------------------------------------------------------------------------
// Names after a title: "Frau Öztürk", "Herr Dr. Ahmadi", "Frau Nguyen Thi", "Familie al-Hassan".

/** Titles (and the birth-name cue "geb."), followed by a space. */
const TITLE =
  /(?:Herrn|Herr|Frau|Hr\.?|Fr\.?|Familie|Fam\.?|Ehepaar|Eheleute|herrn|herr|frau|hr\.?|fr\.|familie|fam\.?|geb\.|Geb\.|geborene|geborener)(?=[ \t\u00A0])/g;
const GAP = /[ \t\u00A0]+/uy;
/** Academic and similar titles between "Frau" and the name; kept. */
const ACADEMIC = /(?:(?:Prof|Dr|Dipl\.-Ing|Dipl|Mag|Ing)\.(?:[ \t]?(?:med|phil|jur|rer\.[ \t]?nat|h\.[ \t]?c)\.)?|Doktor|Professor|Professorin|Doktorin)[ \t\u00A0]+/uy;
/**
 * One name: optional lower-case particles (von, van der, de la, al, bin …), then a
 * capitalised word, possibly hyphenated or with a particle prefix ("al-Hassan").
 */
const NAME_WORD =
  /(?:(?:von|van|de|da|di|du|del|della|dos|la|le|ter|ten|al|el|bin|ibn|abu|ben|ould)(?:[ \t]+(?:der|den|dem|la|las|los|el|de))?[ \t]+)?((?:(?:al|el|ad|as|ash|at|an|ar|ben|bin|abu|ibn|ul|ud)-)?\p{Lu}[\p{L}\p{M}'’]*(?:-\p{L}[\p{L}\p{M}'’]*)*)/uy;
/** NAME_WORD for a note typed without capitals ("hr. hamid karimi"). */
const NAME_WORD_ANY_CASE = new RegExp(NAME_WORD.source.replace(String.raw`\p{Lu}[\p{L}`, String.raw`\p{L}[\p{L}`), 'uy');
const INITIAL = /\p{Lu}\.[ \t]+(?=\p{Lu})/uy;
/** Short all-capital words are acronyms (JC, ABH, SG), not names; "AHMADI" is a name. */
const ACRONYM = /^[\p{Lu}\-]{2,3}$/u;

/**
 * Lower-case function words that can appear capitalised (sentence start, typos), and
 * "Bad", which starts town names ("Kita-Leitung Bad Kösen").
 */
const FUNCTION_WORDS = `der die das den dem des ein eine einer einem einen eines und oder aber
  mit von vom zum zur aus bei beim im in am an auf für fuer über ueber unter nach vor seit
  bis ab wegen ohne gegen durch um hat habe haben hatte ist sind war waren wird werden wurde
  will wollen möchte moechte kann können koennen soll sollte muss müssen muessen darf
  sagt sagte fragt fragte ruft rief meldet meldete braucht sucht sie er es ihr ihm ihre
  ihren ihrem ihrer sein seine seinen seinem seiner wir ich du man uns nicht kein keine
  keinen auch noch schon bitte danke hier da dort heute morgen gestern ja nein so wie was
  wer wo wann warum weshalb ob dass als weil wenn sowie bzw usw etc ca zb dann jetzt nun
  erst nur sehr ganz alle alles beide beiden anbei betreff betr wg lt laut gem gemäß
  wohnt lebt arbeitet sucht braucht kommt kam geht ging bekommt bekam erhält erhielt
  benötigt benoetigt spricht versteht weiß weiss selbst allein alleine wieder gerade immer
  oft bereits inzwischen leider vielleicht sofort zusammen möglichst moeglichst evtl eventuell
  trotzdem bad`;
/** Nouns a hotline note puts after Herr/Frau when the name is missing. */
const HOTLINE_NOUNS = `tel telefon telefonnummer handy mobil fax mail email e-mail kontakt
  rückruf rueckruf anruf nachricht info infos frage fragen problem thema notiz
  wohnort anschrift adresse anliegen betreff plz
  jobcenter jc arbeitsagentur agentur bundesagentur aa ba ausländerbehörde
  auslaenderbehoerde abh behörde behoerde amt ämter sozialamt landratsamt bürgeramt
  buergeramt standesamt einwohnermeldeamt ordnungsamt jugendamt stadt stadtverwaltung
  landkreis kreis gemeinde verwaltung bamf caritas diakonie awo drk vhs ihk hwk iq mbe jmd
  migrationsberatung beratungsstelle beratung berater beraterin kollege kollegin kollegen
  mitarbeiter mitarbeiterin sachbearbeiter sachbearbeiterin vermittler vermittlerin
  arbeitsvermittler arbeitsvermittlerin fallmanager fallmanagerin integrationsfachkraft
  betreuer betreuerin dolmetscher dolmetscherin sprachmittler sprachmittlerin anwalt
  anwältin anwaeltin rechtsanwalt rechtsanwältin arzt ärztin aerztin lehrer lehrerin
  lehrkraft dozent dozentin chef chefin leiter leiterin arbeitgeber arbeitgeberin
  ansprechpartner ansprechpartnerin doktor dr professor prof duldung aufenthaltserlaubnis
  aufenthaltstitel aufenthalt niederlassungserlaubnis arbeitserlaubnis
  beschäftigungserlaubnis fiktionsbescheinigung gestattung visum pass reisepass ausweis
  integrationskurs sprachkurs berufssprachkurs kurs deutschkurs prüfung pruefung test
  zertifikat anerkennung ausbildung studium arbeit job stelle praktikum bewerbung termin
  gespräch gespraech antrag bescheid widerspruch klage leistung leistungen bürgergeld
  buergergeld kindergeld wohngeld elterngeld geld miete wohnung kita schule kind kinder
  sohn tochter mann ehemann ehefrau partner partnerin mutter vater familie eltern bruder
  schwester nachbar nachbarin bekannte bekannter freundin freund anruferin anrufer klient
  klientin kunde kundin ratsuchende ratsuchender person dame herr herrn frau hr fr fam
  vormittag nachmittag mittag abend nacht woche wochenende montag dienstag mittwoch
  donnerstag freitag samstag sonntag januar februar märz maerz april mai juni juli august
  september oktober november dezember jan feb mär mrz apr jun jul aug sep sept okt nov dez
  datum geburtsdatum modul raum zimmer jahr monat tag zeit ende anfang
  moment fall rahmen bereich niveau level unterlagen dokumente formular nachweis
  hause beruf besuch recht zuhause früh frueh spät spaet vormittags nachmittags abends
  morgens ganztags dringend bürgermeister bürgermeisterin oberbürgermeister deutsche deutscher
  deutsch englisch arabisch persisch farsi dari paschtu kurdisch türkisch tuerkisch
  russisch ukrainisch tigrinya französisch spanisch vietnamesisch somali
  syrer syrerin afghane afghanin ukrainer ukrainerin iraner iranerin iraker irakerin
  eritreer eritreerin türke türkin russe russin somalier somalierin kurde kurdin araber
  araberin inder inderin vietnamese vietnamesin pakistaner pakistanerin nigerianer
  ausländer ausländerin migrant migrantin flüchtling fluechtling geflüchtete geflüchteter
  asylbewerber asylbewerberin ärger aerger angst sorgen streit schulden stress`;
const NOT_NAME = new Set(`${FUNCTION_WORDS} ${HOTLINE_NOUNS}`.split(/\s+/).filter(Boolean));
/** Endings of common nouns (and street names) that are not surnames. */
const NOUN_ENDING =
  /(?:heit|keit|schaft|tion|sion|tät|taet|ismus|erlaubnis|bescheinigung|behörde|behoerde|center|agentur|amt|kurs|stelle|geld|zentrum|schein|titel|antrag|bescheid|vertrag|gesetz|nachweis|beratung|berater|beraterin|arbeiter|arbeiterin|vermittler|vermittlerin|betreuer|betreuerin|dolmetscher|dolmetscherin|kollegin|anwalt|anwältin|ärztin|lehrerin|leiterin|erin|prüfung|pruefung|anerkennung|ausbildung|leistung|sicherung|förderung|foerderung|führung|fuehrung|maßnahme|massnahme|unterlagen|gespräch|gespraech|termin|kasse|hilfe|karte|nachzug|frau|verfahren|straße|strasse|str|allee|gasse|chaussee|platz|verein|netzwerk|klasse|schule|projekt|initiative|betrieb|job|erung|igung|ellung|ahlung|ldung|ndlung|ichtung|ordnung|[a-zäöüß]{3}kraft)$/;
/** Towns and regions of Sachsen-Anhalt and countries of origin: never a second name word. */
const PLACES = new Set(
  `halle saale magdeburg dessau roßlau rosslau dessau-roßlau dessau-rosslau wittenberg
  lutherstadt stendal salzwedel halberstadt wernigerode quedlinburg bernburg köthen koethen
  bitterfeld wolfen bitterfeld-wolfen merseburg naumburg weißenfels weissenfels zeitz
  sangerhausen eisleben hettstedt aschersleben staßfurt stassfurt schönebeck schoenebeck
  burg genthin haldensleben wolmirstedt oschersleben gardelegen zerbst sachsen-anhalt harz
  saalekreis burgenlandkreis mansfeld-südharz altmark altmarkkreis börde boerde
  jerichower anhalt-bitterfeld salzlandkreis deutschland syrien afghanistan ukraine irak
  iran eritrea somalia türkei tuerkei russland vietnam indien pakistan nigeria ghana
  kosovo albanien serbien polen rumänien bulgarien moldau georgien armenien marokko
  tunesien algerien ägypten libanon jemen sudan äthiopien kamerun venezuela kolumbien
  brasilien china philippinen indonesien guinea gambia senegal`.split(/\s+/),
);

function isCommonWord(word: string | undefined): boolean {
  if (word === undefined) return false;
  const lower = word.toLowerCase();
  return NOT_NAME.has(lower) || NOUN_ENDING.test(lower);
}

/** Whether `word` can be a name word after a title (`second`: the optional second word). */
function isNameWord(word: string, second: boolean): boolean {
  if (word.length < 2 || ACRONYM.test(word) || isCommonWord(word)) return false;
  return !(second && PLACES.has(word.toLowerCase()));
}

/** Reads one name word at `pos`; returns its end, or -1. */
function readName(text: string, pos: number, second: boolean, pattern = NAME_WORD): number {
  pattern.lastIndex = pos;
  const m = pattern.exec(text);
  if (!m || !isNameWord(m[1] ?? '', second)) return -1;
  const end = pos + m[0].length;
  // A name word is a whole word: "Frau Müller2" or "Frau Ab@" are not names.
  return /[\p{N}_@]/u.test(text.charAt(end)) ? -1 : end;
}

function skip(re: RegExp, text: string, pos: number): number {
  re.lastIndex = pos;
  return re.exec(text) ? re.lastIndex : pos;
}

/**
 * Words for a person's role that notes put before a full name without a title
 * ("TN Ahmad Rahimi", "Ehrenamtliche Gisela Brandt"). After these, only a first name and
 * a surname (two or three name words) count: a single capitalised word may be anything.
 */
const ROLE_WORDS = String.raw`TN|MA|Azubi|Auszubildende[rn]?|Teilnehmer(?:in)?|Mitarbeiter(?:in)?|Kolleg(?:e|in)|Klient(?:in)?|Kunde|Kundin|Mandant(?:in)?|Bewerber(?:in)?|Sch(?:ü|ue)ler(?:in)?|Ehrenamtliche[r]?|Pfarrer(?:in)?|Anrufer(?:in)?|Ratsuchende[r]?|Betreuer(?:in)?|Berater(?:in)?|Ansprechpartner(?:in)?|Ansprechp\.|Sohn|Tochter|Ehemann|Ehefrau|Vater|Mutter|Bruder|Schwester|Onkel|Tante|Nachbar(?:in)?|Vorsitzende[r]?|Mitglied|Kassenwart(?:in)?|Inhaber(?:in)?|Meister(?:in)?|Dozent(?:in)?|Praktikant(?:in)?|Vorstand|Leitung|Dr\.|Name:?|R(?:ü|ue)ckr\.|R(?:ü|ue)ckruf(?:[ \t]+an)?`;
// Notes type role words in lower case too ("anrufer Ionuț Popescu"); the name words after
// them must still be capitalised.
const ROLE = new RegExp(String.raw`(?:${ROLE_WORDS})(?=[ \t\u00A0])`, 'gi');
const ROLE_WORD = new RegExp(String.raw`^(?:${ROLE_WORDS})$`, 'i');

/** One plain name word after a role: no particles ("Kunde Zusage von …"), no other role. */
function readRoleName(text: string, pos: number, second: boolean, pattern = NAME_WORD): number {
  const end = readName(text, pos, second, pattern);
  if (end < 0) return -1;
  const word = text.slice(pos, end);
  return /\s/u.test(word) || ROLE_WORD.test(word) ? -1 : end;
}

/**
 * A name of one to three words from `pos` ("Nguyen Thi Lan"), each further word after a
 * single space; null when the first word is no name word.
 */
function readNameWords(
  text: string,
  pos: number,
  read: (text: string, pos: number, second: boolean) => number,
): { end: number; words: number } | null {
  let end = read(text, pos, false);
  if (end < 0) return null;
  let words = 1;
  for (; words < 3; words++) {
    GAP.lastIndex = end;
    if (!GAP.exec(text) || GAP.lastIndex - end !== 1) break;
    const next = read(text, GAP.lastIndex, true);
    if (next < 0) break;
    end = next;
  }
  return { end, words };
}

/** A form's name field ("name: jamal al-khatib"): the words after it are a name in any case. */
const NAME_FIELD = /^name:$/i;

function findRoleNames(text: string, out: Candidate[], lowerCaseNote: boolean): void {
  for (const m of text.matchAll(ROLE)) {
    if (isWordChar(text.charAt(m.index - 1))) continue;
    const start = skip(GAP, text, m.index + m[0].length);
    const anyCase = lowerCaseNote && NAME_FIELD.test(m[0]);
    const name = readNameWords(text, start, anyCase ? readLowerCaseRoleName : readRoleName);
    if (name && name.words >= 2) out.push({ type: 'name', start, end: name.end });
  }
}

/**
 * A full name right before a date of birth, an age or a way to call back: "Rana Saleh *21.04.2004",
 * "Karam Alali, 20, Gestattung", "Yonas Tekle (21)",
 * "Mehmet Aydin, geb. 17.08.1979", "Yonas Haile, yonas.haile@web.de", "Ibrahima Diallo,
 * Handy 0176 …". Two or three name words, none of them a common word or a place.
 */
const NAME_BEFORE_IDENTIFIER =
  /(?<![\p{L}\p{N}.])(\p{Lu}[\p{L}\p{M}'’-]+(?:[ \t]\p{Lu}[\p{L}\p{M}'’-]+){1,2})(?=,?[ \t]*(?:\(?(?:geb\.|geboren|\*)[ \t]?\d|(?:(?:Tel\.?|Telefon|Handy|Mobil|Tel\.-Nr\.?):?[ \t]*)?(?:\+|0)\d[\d \/-]{5,}\d|[\w.+-]+@[\w-]+\.)|,[ \t]*\d{1,2}(?:,|[ \t]?(?:J\.|Jahre\b))|[ \t]*\(\d{1,2}\))/gu;

function findNamesBeforeIdentifiers(text: string, out: Candidate[]): void {
  for (const m of text.matchAll(NAME_BEFORE_IDENTIFIER)) {
    const words = (m[1] ?? '').split(/[ \t]/);
    // As a second word: no place either, wherever it stands.
    if (words.some((w) => !isNameWord(w, true) || ROLE_WORD.test(w))) continue;
    out.push({ type: 'name', start: m.index, end: m.index + (m[1] ?? '').length });
  }
}

type NameReader = (text: string, pos: number, second: boolean, pattern?: RegExp) => number;

/** `read` for a note typed without capitals: lower-case name words of three letters or more. */
function inLowerCase(read: NameReader): NameReader {
  return (text, pos, second) => {
    const end = read(text, pos, second, NAME_WORD_ANY_CASE);
    return end - pos >= 3 ? end : -1;
  };
}
const readLowerCaseName = inLowerCase(readName);
const readLowerCaseRoleName = inLowerCase(readRoleName);

/** A word that starts a full name when it is a known given name. */
const CAPITALISED_WORD = /(?<![\p{L}\p{N}.\-'’])\p{Lu}[\p{L}\p{M}]+/gu;
const ANY_WORD = /(?<![\p{L}\p{N}.\-'’])\p{L}[\p{L}\p{M}]+/gu;
const ARTICLE_BEFORE = /(?:^|[^\p{L}])(?:der|die|das|den|dem|des)[ \t]+$/u;
const FIRST_NAMES_LOWER_CASE: ReadonlySet<string> = new Set([...FIRST_NAMES].map((name) => name.toLowerCase()));


/**
 * A full name without a title: a known given name and one or two further name words
 * ("Anruf von Olena Kovalenko", "Reinigungskraft Desislava Ivanova aus Bulgarien"). A
 * given name alone stays ("Amal hat B1 bestanden"): without a surname it rarely
 * identifies anyone, and the surname is what tells a name from a word.
 */
function findNamesByFirstName(text: string, out: Candidate[], lowerCaseNote: boolean): void {
  const names = lowerCaseNote ? FIRST_NAMES_LOWER_CASE : FIRST_NAMES;
  for (const m of text.matchAll(lowerCaseNote ? ANY_WORD : CAPITALISED_WORD)) {
    if (!names.has(m[0])) continue;
    // "an die mia verwiesen": after an article, a lower-case given name is an abbreviation.
    if (lowerCaseNote && ARTICLE_BEFORE.test(text.slice(Math.max(0, m.index - 5), m.index))) continue;
    const name = readNameWords(text, m.index, lowerCaseNote ? readLowerCaseRoleName : readRoleName);
    if (name && name.words >= 2) out.push({ type: 'name', start: m.index, end: name.end });
  }
}


/**
 * The last line of a pasted e-mail or form, when it is a name alone or after a closing
 * formula: "Danke, K. Lehmann", "Viele Grüße\nAmina Yusuf", "\nClaudine Mbeki".
 */
const SIGNATURE =
  /\n[ \t]*(?:(?:Danke|Vielen Dank|Viele Grüße|Liebe Grüße|Beste Grüße|Freundliche Grüße|Mit freundlichen Grüßen|MfG|LG|VG|Gruß|Grüße)[,!.]?[ \t]*\n?[ \t]*)?((?:\p{Lu}\.[ \t]?)?\p{Lu}[\p{L}\p{M}'’-]+(?:[ \t]\p{Lu}[\p{L}\p{M}'’-]+){0,2})[ \t.]*$/u;

const CLOSING = /^(?:Viele|Liebe|Beste|Freundliche|Mit|Vielen)\b/u;

function findSignature(text: string, out: Candidate[]): void {
  const m = SIGNATURE.exec(text);
  const name = m?.[1];
  if (m === null || name === undefined) return;
  const words = name.split(/[ \t]+/);
  // A single word is a name only with an initial ("K. Lehmann" is two words here).
  if (words.length < 2 || words.some((w) => !/\.$/.test(w) && !isNameWord(w, true)) || CLOSING.test(name)) return;
  const start = m.index + m[0].indexOf(name);
  out.push({ type: 'name', start, end: start + name.length });
}

/** "bis Fr.", "am Fr.", "Mo.–Fr.": Friday, not Frau. */
const WEEKDAY_BEFORE = /(?:(?:^|[^\p{L}])(?:bis|am|ab|zum|vom|seit|nächsten|naechsten|kommenden|diesen|jeden)[ \t]+|(?:Mo|Di|Mi|Do)\.?[ \t]?[–-][ \t]?)$/iu;

/** "meine Frau", "seinem Herrn": a wife or a master, not a title before a name. */
const POSSESSIVE_BEFORE = /(?:^|[^\p{L}])(?:mein|dein|sein|ihr|unser|euer|eur)(?:e|er|em|en|es)?[ \t]+$/iu;
const FULL_TITLE = /^(?:herrn?|frau)$/i;

/** "hr." and "fr." stand before a name; "frau" and "herr" in lower case often do not. */
const ABBREVIATED_TITLE = /^(?:hr|fr|fam|geb)\.$/;
/**
 * In lower case, "familie" is mostly followed by what the family does ("familie zieht um"),
 * and "hr" without a dot may be a department ("hr does nothing"); "hr Kovalchuk" counts.
 */
const LOWER_CASE_NOT_TITLE = /^(?:familie|geborene|geborener|hr|fam)$/;

function findNames(text: string, out: Candidate[], lowerCaseNote: boolean): void {
  for (const m of text.matchAll(TITLE)) {
    if (isWordChar(text.charAt(m.index - 1))) continue;
    if (/^fr\.?$/i.test(m[0]) && WEEKDAY_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    if (FULL_TITLE.test(m[0]) && POSSESSIVE_BEFORE.test(text.slice(Math.max(0, m.index - 8), m.index))) continue;
    if (lowerCaseNote) {
      if (LOWER_CASE_NOT_TITLE.test(m[0])) continue;
      const start = skip(GAP, text, m.index + m[0].length);
      const name = readNameWords(text, start, readLowerCaseName);
      // After "frau"/"herr" a first name and a surname: "frau sucht arbeit" is no name.
      if (name && (ABBREVIATED_TITLE.test(m[0]) || name.words >= 2)) out.push({ type: 'name', start, end: name.end });
      continue;
    }
    let pos = skip(GAP, text, m.index + m[0].length);
    while (true) {
      const next = skip(ACADEMIC, text, pos);
      if (next === pos) break;
      pos = next;
    }
    const start = pos;
    const name = readNameWords(text, skip(INITIAL, text, pos), readName);
    // "Familie von Leipzig nach Leuna" moves; "Familie von Berg" is a name.
    if (name && /^von[ \t]/.test(text.slice(start)) && /^[ \t]+nach[ \t]/.test(text.slice(name.end))) continue;
    if (name) out.push({ type: 'name', start, end: name.end });
  }
}
