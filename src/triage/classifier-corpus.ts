/**
 * The labelled corpus of hotline notes (corpus/notes.jsonl, built by
 * scripts/build-corpus.ts): loading and conversion into training examples.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DISTRICT_CODES } from '../domain/ids.js';
import { TOPIC_IDS } from './taxonomy.js';
import type { TrainingExample } from './classifier.js';

/** corpus/notes.jsonl, found relative to this module (works from src/ and under tsx). */
export const CORPUS_URL = new URL('../../corpus/notes.jsonl', import.meta.url);

const CorpusNoteSchema = z.object({
  id: z.string(),
  text: z.string(),
  topics: z.array(z.enum(TOPIC_IDS)).min(1),
  district: z.enum(DISTRICT_CODES).nullable(),
  pii: z.array(z.object({ type: z.string(), start: z.number().int(), end: z.number().int() })),
  split: z.enum(['train', 'dev']),
});

export type CorpusNote = z.infer<typeof CorpusNoteSchema>;

/** Parses JSON lines of notes; throws naming the line of the first bad note. */
export function parseCorpus(jsonl: string, source = 'corpus'): CorpusNote[] {
  const notes: CorpusNote[] = [];
  jsonl.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new Error(`corpus: ${source}:${i + 1}: not JSON (${(err as Error).message})`);
    }
    const parsed = CorpusNoteSchema.safeParse(value);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ');
      throw new Error(`corpus: ${source}:${i + 1}: ${issues}`);
    }
    notes.push(parsed.data);
  });
  return notes;
}

/** Reads the corpus; a missing file gives an empty corpus. */
export function loadCorpus(url: URL = CORPUS_URL): CorpusNote[] {
  let text: string;
  try {
    text = readFileSync(url, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return parseCorpus(text, url.pathname);
}

/** A corpus note as a training example; its personal data spans are ignored. */
export function toExample(note: CorpusNote): TrainingExample {
  return { text: note.text, topics: note.topics, skip: note.pii };
}

/** Notes per writer batch: the corpus grew by writers adding notes in blocks of 100 lines. */
const WRITER_BATCH_SIZE = 100;

/**
 * The writer batch of a note (its block of 100 lines in source order, from the id
 * `n0001`): notes of one batch share a writer and their habits, so cross-validation can
 * hold a batch out whole to measure notes of writers the model never saw.
 */
export function writerBatch(note: CorpusNote): number {
  const line = Number.parseInt(note.id.replace(/^\D+/, ''), 10);
  return Number.isFinite(line) ? Math.floor((line - 1) / WRITER_BATCH_SIZE) : 0;
}
