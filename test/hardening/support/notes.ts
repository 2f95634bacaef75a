/**
 * Realistic German hotline notes for load, crash and soak runs: the notes of the
 * labelled corpus (corpus/notes.jsonl, with their names, phone numbers and dates of
 * birth, so redaction does real work), each made unique by a marker that the redaction
 * leaves alone ("Notiz r3w5n17"), so duplicates are visible in the stored text.
 */
import { readFileSync } from 'node:fs';
import { CALLERS, CHANNELS, OUTCOMES, type Caller, type Channel, type Outcome } from '../../../src/domain/ids.js';

const CORPUS = new URL('../../../corpus/notes.jsonl', import.meta.url);

let cached: string[] | undefined;

/** The corpus note texts (loaded once). */
export function corpusNotes(): string[] {
  cached ??= readFileSync(CORPUS, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { text: string }).text);
  return cached;
}

/** A small deterministic random number generator (mulberry32), so runs can be repeated with a seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick: empty list');
  return item;
}

export interface EnquiryDraft {
  text: string;
  channel: Channel;
  caller: Caller;
  outcome: Outcome;
  referredTo?: string;
}

const REFERRALS = ['Jobcenter Halle', 'MBE Caritas Magdeburg', 'IQ Netzwerk Sachsen-Anhalt', 'Ausländerbehörde Stendal', 'Agentur für Arbeit Dessau'];

/**
 * A POST /api/enquiries body: a corpus note with the marker `Notiz <marker>` appended,
 * a random channel, caller and outcome (a referral target when referred).
 */
export function enquiryDraft(random: () => number, marker: string): EnquiryDraft {
  const outcome = pick(random, OUTCOMES);
  return {
    text: `${pick(random, corpusNotes())} (Notiz ${marker})`,
    channel: pick(random, CHANNELS),
    caller: pick(random, CALLERS),
    outcome,
    ...(outcome === 'weiterverwiesen' ? { referredTo: pick(random, REFERRALS) } : {}),
  };
}
