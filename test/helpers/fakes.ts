/** Small stand-ins for the triage and the knowledge base, recording how they were called. */
import type { TopicId } from '../../src/domain/ids.js';
import type { ArticleSuggester, EnquiryTriage, TriageResult } from '../../src/server/seams.js';

const KEYWORDS: [RegExp, TopicId, number][] = [
  [/duldung|aufenthalt/i, 'aufenthalt', 0.9],
  [/ausbildung/i, 'ausbildung', 0.7],
  [/sprachkurs|integrationskurs/i, 'sprache', 0.8],
];

/** Redacts phone numbers to `[Telefon]`, tags by keyword, finds Naumburg (15084) and "Atlantis" (not ours). */
export class FakeTriage implements EnquiryTriage {
  readonly seen: string[] = [];
  readonly learned: { text: string; topics: TopicId[] }[] = [];
  failLearning = false;

  triage(text: string): TriageResult {
    this.seen.push(text);
    const redactions: TriageResult['redactions'] = [];
    const placeholders: TriageResult['placeholders'] = [];
    let redactedText = '';
    let last = 0;
    for (const match of text.matchAll(/\b0\d{3,4}[ /]?\d{5,8}\b/g)) {
      redactedText += text.slice(last, match.index);
      const start = redactedText.length;
      redactedText += '[Telefon]';
      placeholders.push({ type: 'phone', start, end: redactedText.length });
      redactions.push({ type: 'phone', start: match.index ?? 0, end: (match.index ?? 0) + match[0].length });
      last = (match.index ?? 0) + match[0].length;
    }
    redactedText += text.slice(last);
    const topics = KEYWORDS.filter(([re]) => re.test(text)).map(([, id, score]) => ({ id, label: id, score, evidence: [id] }));
    const district = /naumburg/i.test(text)
      ? { code: '15084', name: 'Burgenlandkreis', evidence: 'Naumburg' }
      : /atlantis/i.test(text)
        ? { code: '99999', name: 'Atlantis', evidence: 'Atlantis' }
        : null;
    return { topics, district, redactedText, redactions, placeholders, modelVersion: 'fake-1' };
  }

  learn(example: { text: string; topics: TopicId[] }): void {
    if (this.failLearning) throw new Error('learning failed');
    this.learned.push(example);
  }
}

export class FakeSuggester implements ArticleSuggester {
  readonly calls: { note: string; district: string | null; topics: TopicId[]; limit: number }[] = [];
  fail = false;

  suggest(note: string, opts: { district: string | null; topics: TopicId[]; limit: number }) {
    this.calls.push({ note, ...opts });
    if (this.fail) throw new Error('search index broken');
    return Array.from({ length: 8 }, (_, i) => ({ slug: `artikel-${i}`, title: `Artikel ${i}`, score: 10 - i }));
  }
}
