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
// Enough matches to pick a passage; the rest of a long article is not scanned.
const MAX_HITS = 40;

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
  for (let m = re.exec(text); m !== null && hits.length < MAX_HITS; m = re.exec(text)) {
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
  // Whitespace is collapsed only in the passage that is shown.
  const flat = text.slice(0, 20_000);
  if (!flat.trim()) return '';
  // Matched words (one entry per word, with the terms it carries).
  const hits = findHits(flat, terms, analyzer);
  let from = flat.length - flat.trimStart().length;
  if (hits.length > 0) {
    // The window (starting a little before a hit) with the most distinct matched terms:
    // two pointers over the hits, counting terms inside the window.
    let best = -1;
    const counts = new Map<string, number>();
    let end = 0;
    for (let i = 0; i < hits.length; i++) {
      const h = hits[i];
      if (!h) continue;
      const start = Math.max(0, h.start - 40);
      if (i > 0) {
        const prev = hits[i - 1];
        if (prev) {
          const c = (counts.get(prev.term) ?? 1) - 1;
          if (c > 0) counts.set(prev.term, c);
          else counts.delete(prev.term);
        }
      }
      if (end < i) end = i;
      for (; end < hits.length; end++) {
        const e = hits[end];
        if (!e || e.end > start + length) break;
        counts.set(e.term, (counts.get(e.term) ?? 0) + 1);
      }
      if (counts.size > best) {
        best = counts.size;
        from = start;
      }
    }
  }
  // Snap to word boundaries.
  if (from > 0 && /\S/.test(flat[from - 1] ?? '')) {
    const space = flat.slice(from, from + 40).search(/\s/);
    if (space !== -1) from += space + 1;
  }
  let to = Math.min(flat.length, from + length);
  if (to < flat.length) {
    const before = flat.slice(from + length / 2, to);
    const space = Math.max(before.lastIndexOf(' '), before.lastIndexOf('\n'));
    if (space !== -1) to = from + length / 2 + space;
  }
  const plain = (a: number, b: number): string => escapeHtml(flat.slice(a, b).replace(/\s+/g, ' '));
  let out = '';
  let pos = from;
  for (const h of hits) {
    if (h.start < from || h.end > to) continue;
    out += plain(pos, h.start) + '<mark>' + plain(h.start, h.end) + '</mark>';
    pos = h.end;
  }
  out = (out + plain(pos, to)).trim();
  if (from > 0) out = `… ${out}`;
  if (to < flat.trimEnd().length) out += ' …';
  return out;
}
