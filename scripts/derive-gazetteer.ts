/**
 * Derives src/triage/data/gazetteer.json from the reference data in ../shared/data
 * (Destatis municipalities, GeoNames postal codes and places, Kfz codes) plus the
 * hand-curated lists below (Stadtteile of Halle and Magdeburg, district forms,
 * adjectives, names that are common words or places elsewhere).
 *
 *   npx tsx scripts/derive-gazetteer.ts [data-dir]     (default: ../shared/data)
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  KIND_CODES,
  KIND_RANK,
  nameKey,
  type GazetteerData,
  type KindCode,
  type NameRow,
} from '../src/triage/gazetteer.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATA_DIR = resolve(ROOT, process.argv[2] ?? '../shared/data');
const OUT = resolve(ROOT, 'src/triage/data/gazetteer.json');

// ---------------------------------------------------------------------------------
// CSV

function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += ch;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  const [header, ...body] = rows;
  if (header === undefined) throw new Error('derive-gazetteer: empty CSV');
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

function readCsv(file: string): Record<string, string>[] {
  return parseCsv(readFileSync(resolve(DATA_DIR, file), 'utf8'));
}

function col(row: Record<string, string>, name: string): string {
  const v = row[name];
  if (v === undefined) throw new Error(`derive-gazetteer: missing column ${name}`);
  return v;
}

// ---------------------------------------------------------------------------------
// Curated lists

/** Municipality (core) names that are also ordinary German words: need a place context. */
const COMMON_WORD_MUNICIPALITIES = new Set([
  'Burg', 'Halle', 'Klötze', 'Egeln', 'Könnern', 'Stößen', 'Ausleben', 'Finne',
  'Kaiserpfalz', 'Werben', 'Iden', 'Aland', 'Seeland', 'Möser', 'An der Poststraße',
  'Borne', 'Angern', 'Huy',
]);

/** Municipality (core) names that also name places in other Länder (AMBIGUITIES.md §C). */
const TWIN_MUNICIPALITIES = new Set([
  'Coswig', 'Halle', 'Naumburg', 'Burg', 'Landsberg', 'Petersberg', 'Nienburg',
  'Blankenburg', 'Falkenstein', 'Kalbe', 'Rohrberg', 'Sommersdorf', 'Ummendorf',
  'Mertendorf', 'Möckern', 'Arnstein', 'Berga', 'Blankenheim', 'Wallhausen', 'Hassel',
  'Schönhausen', 'Werben', 'Seeland', 'Aland', 'Calbe', 'Thale', 'Angern', 'Borne',
]);

/**
 * Ortsteile that are common German words (AMBIGUITIES.md §A, plus names whose folded
 * form is a word: Parchen ~ Pärchen, Löben ~ loben, Wünsch ~ Wunsch, Sössen ~ Soßen).
 * Left out of the gazetteer.
 */
const COMMON_WORD_ORTSTEILE = new Set([
  'Elend', 'Sorge', 'Buch', 'Bühne', 'Büste', 'Insel', 'Marke', 'Winkel', 'Wellen',
  'Wespen', 'Tanne', 'Stiege', 'Wangen', 'Berge', 'Biere', 'Binde', 'Heeren', 'Schauen',
  'Röcken', 'Born', 'Brücken', 'Staats', 'Bias', 'Moritz', 'Linda', 'Kade', 'Rade',
  'Grimme', 'Gonna', 'Dolle', 'Losse', 'Lossa', 'Parchen', 'Löben', 'Spören', 'Büden',
  'Rösa', 'Wünsch', 'Sössen', 'Kütten', 'Hessen', 'Grana', 'Cosa', 'Pouch', 'Elster',
  'Wust', 'Land', 'Aue', 'Rotta', 'Leps', 'Zens', 'Menz', 'Buko', 'Luso', 'Gagel',
  'Hayn', 'Rieder', 'Kakau', 'Queis', 'Senst', 'Dorst',
]);

/**
 * Ortsteile whose name is (also) a better-known place elsewhere in Germany or abroad
 * (AMBIGUITIES.md §C and others): kept, but count only with other evidence.
 */
const ELSEWHERE_ORTSTEILE = new Set([
  'Thalheim', 'Lindau', 'Emden', 'Taucha', 'Hermsdorf', 'Gehrden', 'Osterode',
  'Stolberg', 'Rothenburg', 'Mügeln', 'Grabow', 'Glinde', 'Beelitz', 'Dahlen',
  'Buchholz', 'Falkenberg', 'Schönberg', 'Selbitz', 'Garz', 'Düben', 'Bucha', 'Ostrau',
  'Lichterfelde', 'Karow', 'Lübars', 'Drewitz', 'Holzhausen', 'Neudorf', 'Schönfeld',
  'Friedersdorf', 'Woltersdorf', 'Reinsdorf', 'Nienhagen', 'Weißenborn', 'Waldau',
  'Gutenberg', 'Hindenburg', 'Wolfsberg', 'Neukirchen', 'Steinfeld', 'Schönwalde',
  'Neundorf', 'Volkstedt', 'Trebnitz', 'Sachsendorf', 'Leimbach', 'Lengefeld',
  'Spielberg', 'Lochau', 'Breitenfeld', 'Winningen', 'Rotha', 'Küsel', 'Döhren',
  'Bornum', 'Vogelsdorf', 'Uchtdorf', 'Westerhausen', 'Heimburg', 'Wulkow', 'Neuendorf',
  'Naundorf', 'Delitz',
]);

/** GeoNames names in the Ortsteil file that carry a municipality prefix or a typo. */
const ORTSTEIL_FIXES: Record<string, string> = {
  'Barleben Meitzendorf': 'Meitzendorf',
  'Taugwitz Spielberg': 'Spielberg',
  'Taugwitz Taugwitz': 'Taugwitz',
  'Flecken Apenburg': 'Apenburg',
  'Flecken Diesdorf': 'Diesdorf',
};

/** Honorific titles kept in `name_official` ("Eisleben, Lutherstadt"). */
const HONORIFICS = new Set([
  'Lutherstadt', 'Hansestadt', 'Welterbestadt', 'Solestadt', 'Goethestadt',
  'Landeshauptstadt', 'Flecken',
]);

/** Stadtteile of Halle (Saale), from general knowledge (not in the Ortsteil file). */
const HALLE_PARTS = [
  'Halle-Neustadt', 'Ha-Neu', 'HaNeu', 'Westliche Neustadt', 'Nördliche Neustadt',
  'Südliche Neustadt', 'Silberhöhe', 'Heide-Nord', 'Heide-Süd', 'Trotha', 'Kröllwitz',
  'Giebichenstein', 'Burg Giebichenstein', 'Paulusviertel', 'Ammendorf',
  'Dölau', 'Nietleben', 'Lettin', 'Seeben', 'Büschdorf', 'Reideburg', 'Diemitz',
  'Kanena', 'Bruckdorf', 'Radewell', 'Osendorf', 'Beesen', 'Wörmlitz', 'Böllberg',
  'Glaucha', 'Freiimfelde', 'Dautzsch', 'Mötzlich', 'Planena', 'Passendorf', 'Landrain',
  'Halle-Südstadt', 'Tornau',
];
/** Halle's "Frohe Zukunft" is also a phrase ("eine frohe Zukunft"): only in a place context. */
const HALLE_PARTS_CONTEXT = ['Frohe Zukunft'];
/** Stadtteile that are generic or exist in many towns: only with other evidence. */
const HALLE_PARTS_AMBIGUOUS = ['Südstadt', 'Gesundbrunnen'];

/** Stadtteile of Magdeburg, from general knowledge. */
const MAGDEBURG_PARTS = [
  'Sudenburg', 'Buckau', 'Stadtfeld', 'Stadtfeld Ost', 'Stadtfeld West',
  'Magdeburg-Neustadt', 'Alte Neustadt', 'Neue Neustadt', 'Olvenstedt', 'Neu Olvenstedt',
  'Alt Olvenstedt', 'Kannenstieg', 'Cracau', 'Rothensee', 'Neustädter See',
  'Neustädter Feld', 'Sülzegrund', 'Lemsdorf', 'Ottersleben',
  'Groß Ottersleben', 'Klein Ottersleben', 'Benneckenbeck', 'Westerhüsen', 'Salbke',
  'Fermersleben', 'Brückfeld', 'Prester', 'Pechau', 'Randau-Calenberge', 'Randau',
  'Beyendorf-Sohlen', 'Herrenkrug', 'Diesdorf', 'Zipkeleben', 'Beimssiedlung',
  'Barleber See',
];
/** Magdeburg's Reform and Hopfengarten are common nouns ("die Reform"): only in a place context. */
const MAGDEBURG_PARTS_CONTEXT = ['Reform', 'Hopfengarten'];

/** Town adjectives and demonyms (indeclinable -er forms; inflected below). */
const TOWN_ADJECTIVES: [stem: string, code: string][] = [
  ['Magdeburger', '15003'], ['Hallenser', '15002'], ['Dessauer', '15001'],
  ['Roßlauer', '15001'], ['Naumburger', '15084'], ['Weißenfelser', '15084'],
  ['Zeitzer', '15084'], ['Hohenmölsener', '15084'], ['Stendaler', '15090'],
  ['Tangermünder', '15090'], ['Havelberger', '15090'], ['Osterburger', '15090'],
  ['Wernigeröder', '15085'], ['Quedlinburger', '15085'], ['Halberstädter', '15085'],
  ['Blankenburger', '15085'], ['Merseburger', '15088'], ['Querfurter', '15088'],
  ['Leunaer', '15088'], ['Köthener', '15082'], ['Bitterfelder', '15082'],
  ['Wolfener', '15082'], ['Zerbster', '15082'], ['Bernburger', '15089'],
  ['Schönebecker', '15089'], ['Aschersleber', '15089'], ['Staßfurter', '15089'],
  ['Sangerhäuser', '15087'], ['Eisleber', '15087'], ['Hettstedter', '15087'],
  ['Wittenberger', '15091'], ['Gräfenhainichener', '15091'], ['Jessener', '15091'],
  ['Salzwedeler', '15081'], ['Gardelegener', '15081'], ['Haldensleber', '15083'],
  ['Oschersleber', '15083'], ['Wolmirstedter', '15083'], ['Genthiner', '15086'],
];
/** Declinable adjectives of Halle. */
const HALLE_ADJECTIVE_STEMS = ['hallesch', 'hallisch'];

/** District names and their usual forms. Bare abbreviations count only in capitals. */
const DISTRICT_FORMS: Record<string, { forms: string[]; abbreviations?: string[]; contextAbbreviations?: string[] }> = {
  '15081': { forms: ['Altmarkkreis Salzwedel', 'Altmarkkreis', 'Kreis Salzwedel', 'Landkreis Salzwedel'] },
  '15082': { forms: ['Anhalt-Bitterfeld', 'Landkreis Anhalt-Bitterfeld'], contextAbbreviations: ['ABI'] },
  '15083': { forms: ['Landkreis Börde', 'Bördekreis', 'Ohrekreis'] },
  '15084': { forms: ['Burgenlandkreis'], abbreviations: ['BLK'] },
  '15085': { forms: ['Landkreis Harz', 'Harzkreis'] },
  '15086': { forms: ['Jerichower Land', 'Landkreis Jerichower Land'], contextAbbreviations: ['JL'] },
  '15087': { forms: ['Mansfeld-Südharz', 'Landkreis Mansfeld-Südharz'], abbreviations: ['MSH'] },
  '15088': { forms: ['Saalekreis', 'Landkreis Saalekreis', 'Saalkreis', 'Merseburg-Querfurt'] },
  '15089': { forms: ['Salzlandkreis', 'Landkreis Salzlandkreis'], abbreviations: ['SLK'] },
  '15090': { forms: ['Landkreis Stendal'] },
  '15091': { forms: ['Landkreis Wittenberg'] },
};
/** Bases that take the district prefixes below ("LK Harz", "Lkr. Börde", "Kreis Stendal"). */
const DISTRICT_BASES: Record<string, string[]> = {
  '15081': ['Salzwedel'],
  '15082': ['Anhalt-Bitterfeld', 'ABI'],
  '15083': ['Börde'],
  '15084': ['Burgenlandkreis', 'BLK'],
  '15085': ['Harz'],
  '15086': ['Jerichower Land', 'JL'],
  '15087': ['Mansfeld-Südharz', 'MSH'],
  '15088': ['Saalekreis'],
  '15089': ['Salzlandkreis', 'SLK'],
  '15090': ['Stendal'],
  '15091': ['Wittenberg'],
};
const DISTRICT_PREFIXES = ['Landkreis', 'Landkreises', 'LK', 'Lkr.', 'Lkrs.', 'Kreis', 'Kreises', 'Kreisverwaltung'];

/**
 * Vehicle codes that are not read as places on their own: "DE" is Germany in notes
 * ("seit 2 Jahren in DE"), "OK" is okay. They still count on a number plate.
 */
const VEHICLE_CODES_NOT_NAMES = new Set(['DE', 'OK']);
/** Three-letter vehicle codes that are also words or common abbreviations in notes. */
const VEHICLE_CODES_IN_CONTEXT = new Set(['MER', 'EIL', 'HET', 'NEB', 'ASL', 'BRG']);

/** Regions: counted with the lowest rank; `g` lets them take an article ("im Harz"). */
const REGIONS: NameRow[] = [
  ['Harz', 'r', '15085', 'cg'],
  ['Börde', 'r', '15083', 'cg'],
  ['Magdeburger Börde', 'r', '15083', 'g'],
  ['Altmark', 'r', '15081 15090', 'ag'],
  ['Mansfelder Land', 'r', '15087', 'g'],
  ['Geiseltal', 'r', '15088', 'g'],
];

/** Extra forms of towns: nicknames, institutions named after two towns, abbreviations. */
const EXTRA_MUNICIPALITY_FORMS: NameRow[] = [
  ['Halle/S.', 'm', '15002'],
  ['Halle a. d. S.', 'm', '15002'],
  ['Halle-Wittenberg', 'm', '15002'], // Martin-Luther-Universität Halle-Wittenberg sits in Halle
  ['Halle-Dessau', 'm', '15002'], // IHK Halle-Dessau sits in Halle
  ['Händelstadt', 'm', '15002'],
  ['Händelstadt Halle', 'm', '15002'],
  ['Ottostadt', 'm', '15003'],
  ['Ottostadt Magdeburg', 'm', '15003'],
  ['Burg bei Magdeburg', 'm', '15086'],
  ['Burg b. Magdeburg', 'm', '15086'],
  ['HAL', 'm', '15002', 'uc'],
  ['MD', 'm', '15003', 'uc'],
  ['Mgd', 'm', '15003'],
  ['Mgdb', 'm', '15003'],
  // universities named without their town
  ['OvGU', 'm', '15003'],
  ['Otto-von-Guericke-Universität', 'm', '15003'],
  ['MLU', 'm', '15002', 'u'],
  ['Martin-Luther-Universität', 'm', '15002'],
];

/** Places outside the state whose names contain one of ours: they block the match. */
const OUTSIDE: string[] = [
  'Halle (Westf.)', 'Halle (Westfalen)', 'Halle Westfalen', 'Halle in Westfalen',
  'Coswig (Sachsen)', 'Coswig bei Dresden', 'Burg (Spreewald)', 'Burg im Spreewald',
  'Burg (Dithmarschen)', 'Burg (Mosel)', 'Naumburg (Hessen)', 'Landsberg am Lech',
  'Osterode am Harz', 'Nienburg/Weser', 'Nienburg an der Weser', 'Wittenberge',
  'Falkenstein/Vogtl.', 'Berga/Elster', 'Berga (Elster)', 'Bad Blankenburg',
  'Berlin-Blankenburg', 'Leipzig/Halle', 'Leipzig-Halle', 'Lindau (Bodensee)',
  'Stolberg (Rhld.)', 'Thalheim/Erzgeb.', 'Wangen im Allgäu', 'Rothenburg ob der Tauber',
  'Bad Düben', 'Osterode im Harz', 'Kalbe (Niedersachsen)',
  // not places: "Harz IV" is a misspelling of Hartz IV
  'Harz IV', 'Harz 4', 'Harz vier',
];

/**
 * Countries, as callers' countries of origin are named in nearly every note: known places
 * outside the state, so that "aus Finnland" is never read as a misspelt "Finneland".
 */
const COUNTRIES: string[] = [
  'Afghanistan', 'Ägypten', 'Albanien', 'Algerien', 'Angola', 'Argentinien', 'Armenien',
  'Aserbaidschan', 'Äthiopien', 'Australien', 'Bangladesch', 'Belarus', 'Belgien', 'Benin',
  'Bolivien', 'Bosnien', 'Brasilien', 'Bulgarien', 'Burkina Faso', 'Burundi', 'Chile', 'China',
  'Dänemark', 'Ecuador', 'Elfenbeinküste', 'England', 'Eritrea', 'Estland', 'Finnland',
  'Frankreich', 'Gambia', 'Georgien', 'Ghana', 'Griechenland', 'Großbritannien', 'Guatemala',
  'Guinea', 'Honduras', 'Indien', 'Indonesien', 'Irak', 'Iran', 'Irland', 'Island', 'Italien',
  'Japan', 'Jemen', 'Jordanien', 'Kambodscha', 'Kamerun', 'Kanada', 'Kasachstan', 'Kenia',
  'Kirgistan', 'Kolumbien', 'Kongo', 'Korea', 'Kosovo', 'Kroatien', 'Kuba', 'Laos', 'Lettland',
  'Libanon', 'Liberia', 'Libyen', 'Litauen', 'Luxemburg', 'Mali', 'Marokko', 'Mauretanien',
  'Mazedonien', 'Nordmazedonien', 'Mexiko', 'Moldau', 'Moldawien', 'Mongolei', 'Montenegro',
  'Mosambik', 'Myanmar', 'Nepal', 'Nicaragua', 'Niederlande', 'Niger', 'Nigeria', 'Norwegen',
  'Österreich', 'Pakistan', 'Palästina', 'Paraguay', 'Peru', 'Philippinen', 'Polen',
  'Portugal', 'Ruanda', 'Rumänien', 'Russland', 'Sambia', 'Schweden', 'Schweiz', 'Senegal',
  'Serbien', 'Sierra Leone', 'Simbabwe', 'Slowakei', 'Slowenien', 'Somalia', 'Spanien',
  'Sri Lanka', 'Sudan', 'Südsudan', 'Syrien', 'Tadschikistan', 'Tansania', 'Thailand', 'Togo',
  'Tschad', 'Tschechien', 'Tschetschenien', 'Tunesien', 'Türkei', 'Turkmenistan', 'Uganda',
  'Ukraine', 'Ungarn', 'Uruguay', 'Usbekistan', 'Venezuela', 'Vietnam', 'Weißrussland', 'Zypern',
];

/** Qualifier forms: "(Saale)" may be written "an der Saale", "(Harz)" "im Harz" etc. */
const QUALIFIER_FORMS: Record<string, string[]> = {
  Saale: ['an der Saale', 'a. d. Saale', 'a.d. Saale'],
  Elbe: ['an der Elbe', 'a. d. Elbe'],
  Unstrut: ['an der Unstrut'],
  Bode: ['an der Bode'],
  Milde: ['an der Milde'],
  Elster: ['an der Elster'],
  Harz: ['im Harz', 'am Harz'],
  Altmark: ['in der Altmark'],
  Anhalt: ['in Anhalt'],
  Geiseltal: ['im Geiseltal'],
  Kyffhäuser: ['am Kyffhäuser'],
};

/** Name prefixes after which a joined spelling is usual too ("Großquenstedt"). */
const JOINABLE_PREFIXES = new Set(['Groß', 'Klein', 'Neu', 'Alt', 'Hohen', 'Nieder', 'Ober', 'Wendisch', 'Kloster']);

// ---------------------------------------------------------------------------------
// Name variants

interface Candidate {
  surface: string;
  kind: KindCode;
  codes: string[];
  flags: string;
  /** for a derived form (a demonym), the kind of name it was derived from */
  origin?: KindCode;
}

/** "Halle (Saale)" → {core: "Halle", qualifier: "Saale"}; "Zerbst/Anhalt" likewise. */
function splitQualifier(name: string): { core: string; qualifier: string | undefined } {
  const paren = /^(.+?) \((.+)\)$/.exec(name);
  if (paren) return { core: paren[1]!, qualifier: paren[2] };
  const slash = /^([^/]+)\/(.+)$/.exec(name);
  if (slash) return { core: slash[1]!, qualifier: slash[2] };
  return { core: name, qualifier: undefined };
}

/** The name, the core, qualifier forms and joined prefix forms. */
function nameVariants(name: string): { full: string[]; core: string | undefined } {
  const { core, qualifier } = splitQualifier(name);
  const full = [name];
  if (qualifier !== undefined) {
    for (const form of QUALIFIER_FORMS[qualifier] ?? []) full.push(`${core} ${form}`);
  }
  const words = core.split(' ');
  if (words.length > 1 && JOINABLE_PREFIXES.has(words[0]!)) {
    const joined = words[0]! + words.slice(1).join(' ').toLowerCase();
    full.push(qualifier === undefined ? joined : `${joined} (${qualifier})`);
    if (qualifier !== undefined) full.push(joined);
  }
  return { full, core: qualifier === undefined ? undefined : core };
}

/** Names whose -er form is a common word or another thing ("Burger", "Thaler"). */
const NO_DEMONYM = new Set(['Burg', 'Halle', 'Wettin', 'Seeland', 'Iden', 'Huy', 'Born']);

/** "Gerwisch" → "Gerwischer", "Erxleben" → "Erxleber"; none for names ending in a vowel. */
function regularDemonym(name: string): string | undefined {
  if (NO_DEMONYM.has(name) || !/^\p{Lu}[\p{L}-]*$/u.test(name)) return undefined;
  if (name.endsWith('leben')) return `${name.slice(0, -2)}er`;
  if (/er$|[aeiouyäöü]$/i.test(name)) return undefined;
  return `${name}er`;
}

/** -er demonyms: Magdeburger, Magdeburgerin, Magdeburgerinnen, Magdeburgern, Magdeburgers. */
function demonymForms(stem: string): string[] {
  return [stem, `${stem}in`, `${stem}innen`, `${stem}n`, `${stem}s`];
}

// ---------------------------------------------------------------------------------
// Derivation

function derive(): { data: GazetteerData; counts: Record<string, number> } {
  const gemeinden = readCsv('sachsen-anhalt-gemeinden.csv');
  const ortsteile = readCsv('sachsen-anhalt-ortsteile.csv');
  const plzRows = readCsv('sachsen-anhalt-plz.csv');
  const kfzRows = readCsv('sachsen-anhalt-kfz.csv');

  const districts = new Map<string, string>();
  const municipalities: GazetteerData['municipalities'] = [];
  const candidates: Candidate[] = [];
  const add = (surface: string, kind: KindCode, codes: string[], flags = '', origin?: KindCode): void => {
    candidates.push({ surface, kind, codes, flags, ...(origin === undefined ? {} : { origin }) });
  };

  // Municipalities
  for (const g of gemeinden) {
    const name = col(g, 'name');
    const code = col(g, 'district_ags5');
    districts.set(code, col(g, 'district_name'));
    municipalities.push({ ags: col(g, 'ags8'), name, district: code });
    const { full, core } = nameVariants(name);
    const coreName = core ?? name;
    const coreFlags =
      (COMMON_WORD_MUNICIPALITIES.has(coreName) ? 'c' : '') + (TWIN_MUNICIPALITIES.has(coreName) ? 't' : '');
    for (const f of full) add(f, 'm', [code], f === coreName ? coreFlags : '');
    if (core !== undefined) add(core, 'm', [code], coreFlags);
    // honorific prefixes from the official name: "Eisleben, Lutherstadt" → "Lutherstadt Eisleben"
    const official = col(g, 'name_official');
    const title = official.includes(', ') ? official.slice(official.lastIndexOf(', ') + 2) : '';
    if (HONORIFICS.has(title)) {
      add(`${title} ${name}`, 'm', [code]);
      if (core !== undefined) add(`${title} ${core}`, 'm', [code]);
    }
    const vg = col(g, 'verbandsgemeinde');
    if (vg !== '') {
      add(`Verbandsgemeinde ${vg}`, 'v', [code]);
      add(`VG ${vg}`, 'v', [code]);
      if (vg !== 'Goldene Aue') add(vg, 'v', [code], vg.startsWith('An der ') ? 'c' : '');
    }
  }
  for (const row of EXTRA_MUNICIPALITY_FORMS) add(row[0], row[1], row[2].split(' '), row[3] ?? '');

  // Ortsteile
  let skippedCommon = 0;
  let elsewhere = 0;
  for (const o of ortsteile) {
    const raw = col(o, 'ortsteil');
    const name = ORTSTEIL_FIXES[raw] ?? raw;
    const code = col(o, 'district_ags5');
    if (raw.startsWith('Flecken ')) add(raw, 'o', [code]);
    const { full, core: qualifiedCore } = nameVariants(name);
    // "Löbnitz an der Linde", "Naundorf bei Seyda": the first word is said alone too
    const core = qualifiedCore ?? /^(\S+) (?:an der|am|bei) \S+$/.exec(name)?.[1];
    const coreName = core ?? name;
    if (COMMON_WORD_ORTSTEILE.has(coreName)) {
      skippedCommon++;
      if (core === undefined) continue; // a qualified form ("Elster/Elbe") is still specific
      for (const f of full) add(f, 'o', [code]);
      continue;
    }
    const isElsewhere = ELSEWHERE_ORTSTEILE.has(coreName);
    if (isElsewhere) elsewhere++;
    for (const f of full) add(f, 'o', [code], f === coreName && isElsewhere ? 'at' : '');
    if (core !== undefined) add(core, 'o', [code], isElsewhere ? 'at' : '');
  }

  // Stadtteile
  for (const p of HALLE_PARTS) {
    add(p, 's', ['15002']);
    if (!/^(Halle|Ha-?Neu|Burg )/.test(p)) add(`Halle-${p}`, 's', ['15002']);
  }
  for (const p of HALLE_PARTS_AMBIGUOUS) add(p, 's', ['15002'], 'a');
  for (const p of HALLE_PARTS_CONTEXT) {
    add(p, 's', ['15002'], 'c');
    add(`Halle-${p}`, 's', ['15002']);
  }
  for (const p of MAGDEBURG_PARTS) {
    add(p, 's', ['15003']);
    if (!p.startsWith('Magdeburg')) add(`Magdeburg-${p}`, 's', ['15003']);
  }
  for (const p of MAGDEBURG_PARTS_CONTEXT) {
    add(p, 's', ['15003'], 'c');
    add(`Magdeburg-${p}`, 's', ['15003']);
  }

  // Adjectives and demonyms: the hand list (irregular ones), then regular -er forms of
  // one-word municipality and Ortsteil names ("Gerwischer", "Mansfelder", "Erxleber")
  for (const [stem, code] of TOWN_ADJECTIVES) for (const f of demonymForms(stem)) add(f, 'j', [code]);
  for (const c of [...candidates]) {
    if ((c.kind !== 'm' && c.kind !== 'o') || c.surface.includes(' ') || c.flags.includes('u')) continue;
    const demonym = regularDemonym(c.surface);
    if (demonym !== undefined) add(demonym, 'j', c.codes, c.flags.replace('c', ''), c.kind);
  }
  for (const stem of HALLE_ADJECTIVE_STEMS) {
    for (const ending of ['', 'e', 'er', 'en', 'es', 'em']) add(stem + ending, 'j', ['15002']);
  }

  // Districts
  for (const [code, name] of districts) {
    if (!['15001', '15002', '15003'].includes(code)) add(name, 'd', [code], code === '15085' || code === '15083' ? 'cg' : '');
  }
  for (const [code, spec] of Object.entries(DISTRICT_FORMS)) {
    for (const f of spec.forms) {
      add(f, 'd', [code]);
      // Genitive: "des Saalekreises", "des Altmarkkreises Salzwedel"
      const genitive = f.replace(/kreis\b/u, 'kreises');
      if (genitive !== f) add(genitive, 'd', [code]);
      // "Saale Kreis", "Burgenland-Kreis": dictated or typed apart
      const stem = /^(\p{L}+)kreis$/u.exec(f)?.[1];
      if (stem !== undefined) for (const sep of [' ', '-']) add(`${stem}${sep}Kreis`, 'd', [code]);
    }
    for (const a of spec.abbreviations ?? []) add(a, 'd', [code], 'u');
    for (const a of spec.contextAbbreviations ?? []) add(a, 'd', [code], 'uc');
  }
  for (const [code, bases] of Object.entries(DISTRICT_BASES)) {
    for (const base of bases) for (const prefix of DISTRICT_PREFIXES) add(`${prefix} ${base}`, 'd', [code]);
  }
  // Vehicle codes on their own ("AB SDL", "LK HZ", "Rückfrage / WR"): in capitals only;
  // two letters and codes that are also words only after a place word or standing alone.
  const named = new Set(candidates.map((c) => nameKey(c.surface)));
  for (const k of kfzRows) {
    const plate = col(k, 'kfz');
    if (VEHICLE_CODES_NOT_NAMES.has(plate) || named.has(nameKey(plate))) continue;
    const flags = plate.length < 3 || VEHICLE_CODES_IN_CONTEXT.has(plate) ? 'uc' : 'u';
    add(plate, 'd', [col(k, 'district_ags5')], flags);
  }
  for (const row of REGIONS) add(row[0], row[1], row[2].split(' '), row[3] ?? '');
  for (const o of [...OUTSIDE, ...COUNTRIES]) add(o, 'x', []);

  // Merge by folded key
  const byKey = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const key = nameKey(c.surface);
    const list = byKey.get(key);
    if (list) list.push(c);
    else byKey.set(key, [c]);
  }
  const names: NameRow[] = [];
  const ambiguousNames: string[] = [];
  const defaultedNames: string[] = [];
  for (const [key, list] of [...byKey].sort(([a], [b]) => a.localeCompare(b))) {
    const outside = list.filter((c) => c.kind === 'x');
    if (outside.length > 0) {
      if (outside.length !== list.length) {
        throw new Error(`derive-gazetteer: "${key}" is both outside and inside the state`);
      }
      names.push([outside[0]!.surface, 'x', '']);
      continue;
    }
    const rank = (c: Candidate): number =>
      KIND_RANK[KIND_CODES[c.kind]] * 100 +
      KIND_RANK[KIND_CODES[c.origin ?? c.kind]] -
      (c.flags.includes('a') ? 10_000 : 0);
    const sorted = [...list].sort((a, b) => rank(b) - rank(a));
    const primary = sorted[0]!;
    const codes = [...new Set(sorted.flatMap((c) => c.codes))];
    let flags = '';
    const has = (f: string): boolean => list.some((c) => c.flags.includes(f));
    const all = (f: string): boolean => list.every((c) => c.flags.includes(f));
    if (has('c')) flags += 'c';
    if (codes.length > 1) {
      // a municipality, district or region name that is also an Ortsteil elsewhere: the
      // named place is meant unless the text points at the other; otherwise a tie
      const origin = primary.origin ?? primary.kind;
      const firm = origin !== 'o' && origin !== 's' && !primary.flags.includes('a');
      if (firm && primary.codes.length === 1) {
        flags += 'd';
        defaultedNames.push(`${primary.surface} (${codes.join('/')})`);
      } else {
        flags += 'a';
        ambiguousNames.push(`${primary.surface} (${codes.join('/')})`);
      }
    } else if (all('a')) flags += 'a';
    if (has('t')) flags += 't';
    if (all('u')) flags += 'u';
    if (has('g')) flags += 'g';
    const row: NameRow = [primary.surface, primary.kind, codes.join(' ')];
    if (flags !== '') row.push(flags);
    names.push(row);
  }

  // Postal codes
  const plzCodes = new Map<string, Set<string>>();
  for (const p of plzRows) {
    const plz = col(p, 'plz');
    const set = plzCodes.get(plz) ?? new Set<string>();
    set.add(col(p, 'district_ags5'));
    plzCodes.set(plz, set);
  }
  const plz: Record<string, string> = {};
  for (const [k, set] of [...plzCodes].sort(([a], [b]) => a.localeCompare(b))) plz[k] = [...set].sort().join(' ');

  // Vehicle codes
  const kfz: Record<string, string> = {};
  for (const k of kfzRows) kfz[col(k, 'kfz')] = col(k, 'district_ags5');

  const data: GazetteerData = {
    version: 1,
    sources: [
      {
        file: 'sachsen-anhalt-gemeinden.csv',
        source: 'Destatis Gemeindeverzeichnis GV-ISys, Gebietsstand 31.12.2020',
        licence: 'dl-de/by-2-0',
        attribution:
          '© Statistisches Bundesamt (Destatis), Gemeindeverzeichnis GV-ISys, Gebietsstand 31.12.2020, dl-de/by-2-0 (www.govdata.de/dl-de/by-2-0) (Daten verändert)',
      },
      {
        file: 'sachsen-anhalt-plz.csv',
        source: 'GeoNames postal codes',
        licence: 'CC BY 4.0',
        attribution: 'Postal code data © GeoNames (www.geonames.org), CC BY 4.0',
      },
      {
        file: 'sachsen-anhalt-ortsteile.csv',
        source: 'GeoNames place names placed in BKG VG5000 municipality polygons',
        licence: 'CC BY 4.0; dl-de/by-2-0',
        attribution: '© GeoNames (www.geonames.org), CC BY 4.0; © GeoBasis-DE / BKG 2021 (Daten verändert)',
      },
      {
        file: 'sachsen-anhalt-kfz.csv',
        source: 'compiled from Wikipedia, "Liste der Kfz-Kennzeichen in Deutschland"',
        licence: 'CC0 (compilation of facts)',
        attribution: '',
      },
      {
        file: 'scripts/derive-gazetteer.ts',
        source: 'hand-curated: Stadtteile of Halle and Magdeburg, district forms, town adjectives, names that are common words or places elsewhere (AMBIGUITIES.md of the reference data named in the README)',
        licence: 'project',
        attribution: '',
      },
    ],
    districts: [...districts].sort(([a], [b]) => a.localeCompare(b)).map(([code, name]) => ({ code, name })),
    municipalities,
    names,
    plz,
    kfz,
  };
  const kinds: Record<string, number> = {};
  for (const n of names) kinds[KIND_CODES[n[1]]] = (kinds[KIND_CODES[n[1]]] ?? 0) + 1;
  const counts: Record<string, number> = {
    districts: data.districts.length,
    municipalities: municipalities.length,
    'ortsteil rows': ortsteile.length,
    'ortsteile left out as common words': skippedCommon,
    'ortsteile also elsewhere (need evidence)': elsewhere,
    names: names.length,
    ...Object.fromEntries(Object.entries(kinds).map(([k, v]) => [`names: ${k}`, v])),
    'names ambiguous (tie)': names.filter((n) => (n[3] ?? '').includes('a')).length,
    'names defaulted': defaultedNames.length,
    'postal codes': Object.keys(plz).length,
    'postal codes in two districts': Object.values(plz).filter((v) => v.includes(' ')).length,
    'vehicle codes': Object.keys(kfz).length,
  };
  console.log('defaulted (municipality meant unless other evidence):', defaultedNames.join('; '));
  console.log('ambiguous (need other evidence):', ambiguousNames.join('; '));
  return { data, counts };
}

/** Compact but diff-friendly JSON: one name, postal code or municipality per line. */
function format(data: GazetteerData): string {
  const lines = (items: string[]): string => `[\n    ${items.join(',\n    ')}\n  ]`;
  const object = (entries: [string, string][]): string =>
    `{\n    ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n    ')}\n  }`;
  return [
    '{',
    `  "version": ${data.version},`,
    `  "sources": ${lines(data.sources.map((s) => JSON.stringify(s)))},`,
    `  "districts": ${lines(data.districts.map((d) => JSON.stringify(d)))},`,
    `  "municipalities": ${lines(data.municipalities.map((m) => JSON.stringify(m)))},`,
    `  "names": ${lines(data.names.map((n) => JSON.stringify(n)))},`,
    `  "plz": ${object(Object.entries(data.plz))},`,
    `  "kfz": ${object(Object.entries(data.kfz))}`,
    '}',
    '',
  ].join('\n');
}

const { data, counts } = derive();
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, format(data));
for (const [k, v] of Object.entries(counts)) console.log(`${k.padEnd(44)} ${v}`);
console.log(`wrote ${OUT}`);
