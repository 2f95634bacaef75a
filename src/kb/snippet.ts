/**
 * Search snippets: a short passage of the article body around the matched words, with
 * those words wrapped in <mark>. Everything else is HTML-escaped.
 */

import type { Analyzer } from '../text/index.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
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
  const hits = analyzer.findTerms(flat, terms);
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
