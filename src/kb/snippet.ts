/**
 * Search snippets: a short passage of the article body around the matched words, with
 * those words wrapped in <mark>. Everything else is HTML-escaped.
 */

import type { Analyzer } from '../text/index.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

// A folded term as a pattern over the written text: a may be a, ä or ae; ss may be ß.
function termPattern(term: string): string {
  return term
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/ss|[aou]/g, (m) => (m === 'ss' ? '(?:ss|ß)' : m === 'a' ? '(?:ae|ä|a)' : m === 'o' ? '(?:oe|ö|o)' : '(?:ue|ü|u)'));
}

const WORD_CHAR = /[\p{L}\p{N}*:_‐‑-]/u;

/**
 * Words of `text` whose analysis carries one of `terms`. A stem is (after folding) the
 * start of its word or of a compound part, so one regular expression over the text finds
 * every candidate word; only those are analysed.
 */
function findHits(text: string, terms: ReadonlySet<string>, analyzer: Analyzer): { start: number; end: number; term: string }[] {
  const patterns = [...terms].filter((t) => t.length > 0).map(termPattern);
  if (patterns.length === 0) return [];
  const re = new RegExp(patterns.join('|'), 'giu');
  const hits: { start: number; end: number; term: string }[] = [];
  let lastStart = -1;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    let start = m.index;
    let end = m.index + m[0].length;
    while (start > 0 && WORD_CHAR.test(text[start - 1] ?? '')) start--;
    while (end < text.length && WORD_CHAR.test(text[end] ?? '')) end++;
    re.lastIndex = end;
    if (start === lastStart) continue;
    lastStart = start;
    for (const h of analyzer.findTerms(text.slice(start, end), terms)) {
      hits.push({ start: start + h.start, end: start + h.end, term: h.term });
    }
  }
  return hits;
}

export interface SnippetOptions {
  /** Approximate length of the passage in characters (default 220). */
  length?: number;
}

/**
 * A passage of `text` with words whose analysis hits one of `terms` marked.
 * Without any hit, the start of the text.
 */
export function makeSnippet(text: string, terms: ReadonlySet<string>, analyzer: Analyzer, options: SnippetOptions = {}): string {
  const length = options.length ?? 220;
  const flat = text.slice(0, 20_000).replace(/\s+/g, ' ').trim();
  if (!flat) return '';
  // Matched words (one entry per word, with the terms it carries).
  const hits = findHits(flat, terms, analyzer);
  let from = 0;
  if (hits.length > 0) {
    // The window (starting a little before a hit) with the most distinct matched terms.
    let best = -1;
    for (const h of hits) {
      const start = Math.max(0, h.start - 40);
      const inWindow = new Set(hits.filter((x) => x.start >= start && x.end <= start + length).map((x) => x.term));
      if (inWindow.size > best) {
        best = inWindow.size;
        from = start;
      }
    }
  }
  // Snap to word boundaries.
  if (from > 0) {
    const space = flat.indexOf(' ', from);
    from = space === -1 || space > from + 40 ? from : space + 1;
  }
  let to = Math.min(flat.length, from + length);
  if (to < flat.length) {
    const space = flat.lastIndexOf(' ', to);
    if (space > from + length / 2) to = space;
  }
  let out = from > 0 ? '… ' : '';
  let pos = from;
  for (const h of hits) {
    if (h.start < from || h.end > to) continue;
    out += escapeHtml(flat.slice(pos, h.start)) + '<mark>' + escapeHtml(flat.slice(h.start, h.end)) + '</mark>';
    pos = h.end;
  }
  out += escapeHtml(flat.slice(pos, to));
  if (to < flat.length) out += ' …';
  return out;
}
