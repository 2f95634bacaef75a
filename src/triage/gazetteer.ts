/**
 * The gazetteer: place names of Sachsen-Anhalt → district codes, loaded from the
 * committed `data/gazetteer.json` (derived by `scripts/derive-gazetteer.ts`) and
 * indexed as a trie over folded name tokens. Pure: no I/O after the one load.
 */
import { readFileSync } from 'node:fs';
import { foldWord } from '../text/normalize.js';

/** Kinds of name, as single letters in the JSON. */
export const KIND_CODES = {
  m: 'municipality',
  s: 'stadtteil',
  o: 'ortsteil',
  v: 'verbandsgemeinde',
  j: 'adjective',
  d: 'district',
  r: 'region',
  x: 'outside',
} as const;
export type KindCode = keyof typeof KIND_CODES;
export type PlaceKind = (typeof KIND_CODES)[KindCode];

/**
 * How strongly a kind of name points at a place: a municipality beats an adjective,
 * which beats a district name, which beats a region. Postal codes and licence plates
 * (not names) are ranked in district.ts on the same scale.
 */
export const KIND_RANK: Readonly<Record<PlaceKind, number>> = {
  municipality: 60,
  stadtteil: 58,
  ortsteil: 55,
  verbandsgemeinde: 52,
  adjective: 45,
  district: 40,
  region: 20,
  outside: 0,
};

/**
 * Flags, as letters in the JSON:
 * - `c` context: a common word too (Burg, Halle, Klötze); counts only in a place context.
 * - `a` ambiguous: in two districts, or also a place elsewhere in Germany; counts only
 *   when other evidence in the text agrees (a postal code, another place).
 * - `d` default: the first code is meant unless other evidence points at another one
 *   (a municipality that is also an Ortsteil elsewhere: Erxleben, Hedersleben, …).
 * - `t` twin: a place of that name exists outside the state; a following qualifier such
 *   as "(Westf.)", "bei Dresden" or "am Lech" turns the mention into an outside one.
 * - `u` upper case: an abbreviation (BLK, MSH) that counts only written in capitals.
 * - `g` region: takes an article in a place context ("im Harz", "in der Altmark").
 */
export interface PlaceFlags {
  readonly context: boolean;
  readonly ambiguous: boolean;
  readonly defaultFirst: boolean;
  readonly twin: boolean;
  readonly upperCase: boolean;
  readonly region: boolean;
}

/** One row of `names`: surface form, kind, district codes (space-separated), flags. */
export type NameRow = [surface: string, kind: KindCode, codes: string, flags?: string];

export interface SourceNote {
  file: string;
  source: string;
  licence: string;
  attribution: string;
}

/** The shape of `data/gazetteer.json`. */
export interface GazetteerData {
  version: 1;
  sources: SourceNote[];
  districts: { code: string; name: string }[];
  municipalities: { ags: string; name: string; district: string }[];
  names: NameRow[];
  /** postal code → district codes (space-separated; two when it spans two districts) */
  plz: Record<string, string>;
  /** vehicle registration code → district code */
  kfz: Record<string, string>;
}

export interface PlaceEntry {
  /** the name as the gazetteer writes it */
  readonly surface: string;
  readonly kind: PlaceKind;
  readonly rank: number;
  /** district codes; more than one only for ambiguous or defaulted names */
  readonly codes: readonly string[];
  readonly flags: PlaceFlags;
}

export interface TrieNode {
  readonly children: ReadonlyMap<string, TrieNode>;
  readonly entry: PlaceEntry | undefined;
}

interface MutableTrieNode {
  children: Map<string, MutableTrieNode>;
  entry: PlaceEntry | undefined;
}

const NAME_TOKEN = /[\p{L}\p{N}]+/gu;

/** The tokens of a name as the matcher sees them: letters and digits, punctuation dropped. */
export function nameTokens(surface: string): string[] {
  return surface.match(NAME_TOKEN) ?? [];
}

/** The folded lookup key of a name: "Halle (Saale)" → "halle saale", "Köthen" → "kothen". */
export function nameKey(surface: string): string {
  return nameTokens(surface).map(foldWord).join(' ');
}

function parseFlags(letters: string | undefined): PlaceFlags {
  const f = letters ?? '';
  for (const ch of f) {
    if (!'cadtug'.includes(ch)) throw new Error(`gazetteer: unknown flag "${ch}"`);
  }
  return {
    context: f.includes('c'),
    ambiguous: f.includes('a'),
    defaultFirst: f.includes('d'),
    twin: f.includes('t'),
    upperCase: f.includes('u'),
    region: f.includes('g'),
  };
}

const DISTRICT_CODE = /^15\d{3}$/;

/** Place names, postal codes and vehicle codes of Sachsen-Anhalt, indexed for matching. */
export class Gazetteer {
  /** district code → official district name */
  readonly districts: ReadonlyMap<string, string>;
  readonly municipalities: readonly { ags: string; name: string; district: string }[];
  /** root of the trie over folded name tokens */
  readonly root: TrieNode;
  /** number of names indexed */
  readonly size: number;
  private readonly plz: ReadonlyMap<string, readonly string[]>;
  private readonly kfz: ReadonlyMap<string, string>;

  private constructor(data: GazetteerData) {
    if (data.version !== 1) throw new Error(`gazetteer: unsupported version ${String(data.version)}`);
    this.districts = new Map(data.districts.map((d) => [d.code, d.name]));
    const checkCodes = (codes: readonly string[], where: string): void => {
      if (codes.length === 0) throw new Error(`gazetteer: no district code for ${where}`);
      for (const c of codes) {
        if (!this.districts.has(c)) throw new Error(`gazetteer: unknown district "${c}" for ${where}`);
      }
    };
    this.municipalities = data.municipalities;
    for (const m of data.municipalities) checkCodes([m.district], m.name);

    const root: MutableTrieNode = { children: new Map(), entry: undefined };
    for (const [surface, kindCode, codeList, flags] of data.names) {
      const kind = KIND_CODES[kindCode];
      if (kind === undefined) throw new Error(`gazetteer: unknown kind "${kindCode}" for ${surface}`);
      const codes = codeList === '' ? [] : codeList.split(' ');
      if (kind !== 'outside') checkCodes(codes, surface);
      const tokens = nameTokens(surface).map(foldWord);
      if (tokens.length === 0) throw new Error(`gazetteer: empty name in names`);
      let node = root;
      for (const t of tokens) {
        let next = node.children.get(t);
        if (next === undefined) {
          next = { children: new Map(), entry: undefined };
          node.children.set(t, next);
        }
        node = next;
      }
      if (node.entry !== undefined) {
        throw new Error(`gazetteer: "${surface}" and "${node.entry.surface}" have the same key`);
      }
      node.entry = { surface, kind, rank: KIND_RANK[kind], codes, flags: parseFlags(flags) };
    }
    this.root = root;
    this.size = data.names.length;

    this.plz = new Map(
      Object.entries(data.plz).map(([plz, codes]) => {
        const list = codes.split(' ');
        checkCodes(list, `postal code ${plz}`);
        return [plz, list];
      }),
    );
    this.kfz = new Map(Object.entries(data.kfz));
    for (const [kfz, code] of this.kfz) checkCodes([code], `vehicle code ${kfz}`);
    for (const code of this.districts.keys()) {
      if (!DISTRICT_CODE.test(code)) throw new Error(`gazetteer: malformed district code "${code}"`);
    }
  }

  /** Builds the index from parsed JSON; throws `gazetteer: …` on inconsistent data. */
  static fromData(data: GazetteerData): Gazetteer {
    return new Gazetteer(data);
  }

  /** The official name of a district, e.g. "15002" → "Halle (Saale)". */
  districtName(code: string): string | undefined {
    return this.districts.get(code);
  }

  /** District codes of a postal code (two when it spans two districts), or undefined. */
  postalCode(plz: string): readonly string[] | undefined {
    return this.plz.get(plz);
  }

  /** District code of a vehicle registration code ("HAL" → "15002"), or undefined. */
  vehicleCode(code: string): string | undefined {
    return this.kfz.get(code);
  }

  /** The exact entry for a name, or undefined (for tests and tools; matching walks the trie). */
  lookup(name: string): PlaceEntry | undefined {
    let node: TrieNode | undefined = this.root;
    for (const t of nameTokens(name)) {
      node = node.children.get(foldWord(t));
      if (node === undefined) return undefined;
    }
    return node === this.root ? undefined : node.entry;
  }
}

/** Reads and parses the committed gazetteer file. */
export function readGazetteerData(
  url: URL = new URL('./data/gazetteer.json', import.meta.url),
): GazetteerData {
  return JSON.parse(readFileSync(url, 'utf8')) as GazetteerData;
}

let shared: Gazetteer | undefined;

/** The gazetteer of the committed data, built on first use and immutable after. */
export function loadGazetteer(): Gazetteer {
  shared ??= Gazetteer.fromData(readGazetteerData());
  return shared;
}
