/**
 * The article front matter (SPEC §3) as a zod schema with German messages, and the
 * translation of zod issues into per-file reports with the line of the offending key.
 */

import { z } from 'zod';
import { DISTRICT_CODES, TOPIC_IDS, isDistrictCode, isTopicId, type DistrictCode, type TopicId } from '../domain/ids.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** YAML turns `2026-10-01` into a Date; editors may also quote it. Both become `YYYY-MM-DD`. */
const isoDate = z.union([z.date(), z.string()], { error: 'muss ein Datum (JJJJ-MM-TT) sein' }).transform((value, ctx) => {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'ist kein gültiges Datum' });
      return z.NEVER;
    }
    return value.toISOString().slice(0, 10);
  }
  const trimmed = value.trim();
  const parsed = new Date(`${trimmed}T00:00:00Z`);
  if (!ISO_DATE.test(trimmed) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== trimmed) {
    ctx.addIssue({ code: 'custom', message: `„${value}“ ist kein Datum im Format JJJJ-MM-TT` });
    return z.NEVER;
  }
  return trimmed;
});

// Words after which a full stop does not end a sentence.
const ABBREVIATIONS_WITH_DOT = /(?:^|\s)(?:\p{L}|\d+|bzw|ggf|ca|Nr|Abs|Dr|Str|St|vgl|inkl|evtl|usw|etc|e\.\s?V|u\.\s?a|z\.\s?B|d\.\s?h|v\.\s?a|S)\.$/u;

/** True when a text contains more than one sentence (abbreviations and ordinals aside). */
export function hasSeveralSentences(text: string): boolean {
  const re = /[.!?](?=\s+[\p{Lu}„"])/gu;
  for (const m of text.matchAll(re)) {
    const before = text.slice(0, m.index + 1);
    if (m[0] === '.' && ABBREVIATIONS_WITH_DOT.test(before)) continue;
    return true;
  }
  return false;
}

const text = (field: string) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? 'Pflichtfeld fehlt' : `${field} muss ein Text sein`) })
    .trim()
    .min(1, 'darf nicht leer sein');

/** A list that YAML may give as a single value; numbers (unquoted 15084) become strings. */
const stringList = z.preprocess(
  (v) => (v === null || v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z.array(
    z.union([z.string(), z.number()], { error: 'jeder Eintrag muss ein Text sein' }).transform((x) => String(x).trim()),
  ),
);

export const frontMatterSchema = z
  .object({
    title: text('Der Titel').max(200, 'ist zu lang (höchstens 200 Zeichen)'),
    summary: text('Die Zusammenfassung')
      .max(400, 'ist zu lang (höchstens 400 Zeichen, ein Satz)')
      .refine((s) => !s.includes('\n'), 'muss in einer Zeile stehen')
      .refine((s) => !hasSeveralSentences(s), 'soll genau ein Satz sein'),
    topics: z.preprocess(
      (v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]),
      z
        .array(z.string({ error: 'jedes Thema muss ein Text sein' }), {
          error: (iss) => (iss.input === undefined ? 'Pflichtfeld fehlt (mindestens ein Thema)' : 'muss eine Liste von Themen sein'),
        })
        .min(1, 'mindestens ein Thema angeben')
        .superRefine((ids, ctx) => {
          ids.forEach((id, i) => {
            if (!isTopicId(id)) {
              ctx.addIssue({
                code: 'custom',
                path: [i],
                message: `unbekanntes Thema „${id}“ (erlaubt: ${TOPIC_IDS.join(', ')})`,
              });
            }
          });
        }),
    ),
    districts: stringList.superRefine((codes, ctx) => {
      codes.forEach((code, i) => {
        if (!isDistrictCode(code)) {
          ctx.addIssue({
            code: 'custom',
            path: [i],
            message: `unbekannter Kreisschlüssel „${code}“ (erlaubt: ${DISTRICT_CODES.join(', ')})`,
          });
        }
      });
    }),
    keywords: stringList,
    updated: isoDate,
    review_by: isoDate.optional(),
  })
  .loose();

export interface FrontMatter {
  title: string;
  summary: string;
  topics: TopicId[];
  districts: DistrictCode[];
  keywords: string[];
  /** ISO date `YYYY-MM-DD`. */
  updated: string;
  /** ISO date `YYYY-MM-DD`. */
  reviewBy?: string;
}

export const KNOWN_KEYS = new Set(['title', 'summary', 'topics', 'districts', 'keywords', 'updated', 'review_by']);

/** One problem found in a file. */
export interface KbIssue {
  /** Path relative to the KB directory, with forward slashes. */
  file: string;
  /** 1-based line in the file, when known. */
  line?: number;
  /** German message. */
  message: string;
  /** Errors make a file invalid or a link broken; warnings are advice (lint prints them). */
  severity: 'error' | 'warning';
}

/**
 * Line (1-based, in the whole file) of each top-level key in the front-matter text.
 * `offset` is the line number of the first front-matter line.
 */
export function keyLines(matter: string, offset: number): Map<string, number> {
  const lines = new Map<string, number>();
  matter.split(/\r?\n/).forEach((line, i) => {
    const m = /^([A-Za-z_][\w-]*)\s*:/.exec(line);
    if (m?.[1] && !lines.has(m[1])) lines.set(m[1], offset + i);
  });
  return lines;
}

/**
 * Validates parsed front matter. Returns the typed value or every issue, each with the
 * line of its key (or of the front matter's start when the key is missing).
 */
export function validateFrontMatter(
  data: unknown,
  file: string,
  lines: Map<string, number>,
  startLine: number,
  raw: Map<string, string> = new Map(),
): { value?: FrontMatter; issues: KbIssue[] } {
  const issues: KbIssue[] = [];
  // Dates are checked as written: YAML rolls 2026-13-45 over into a valid Date.
  if (typeof data === 'object' && data !== null) {
    const copy: Record<string, unknown> = { ...(data as Record<string, unknown>) };
    for (const key of ['updated', 'review_by']) {
      const written = raw.get(key);
      if (copy[key] instanceof Date && written !== undefined) copy[key] = written;
    }
    data = copy;
  }
  if (typeof data === 'object' && data !== null) {
    for (const key of Object.keys(data)) {
      if (!KNOWN_KEYS.has(key)) {
        issues.push({ file, line: lines.get(key), message: `unbekanntes Feld „${key}“ wird ignoriert`, severity: 'warning' });
      }
    }
  }
  const result = frontMatterSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = typeof issue.path[0] === 'string' ? issue.path[0] : undefined;
      const where = issue.path.map(String).join('.');
      issues.push({
        file,
        line: (key && lines.get(key)) || startLine,
        message: where ? `${where}: ${issue.message}` : issue.message,
        severity: 'error',
      });
    }
    return { issues: sortIssues(issues) };
  }
  const d = result.data;
  const value: FrontMatter = {
    title: d.title,
    summary: d.summary,
    topics: d.topics.filter(isTopicId),
    districts: [...new Set(d.districts.filter(isDistrictCode))],
    keywords: d.keywords.filter((k) => k.length > 0),
    updated: d.updated,
  };
  if (d.review_by !== undefined) value.reviewBy = d.review_by;
  return { value, issues: sortIssues(issues) };
}

export function sortIssues(issues: KbIssue[]): KbIssue[] {
  return [...issues].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}
