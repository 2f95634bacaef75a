import t from 'tap';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { KnowledgeBase } from '../../src/kb/index.js';
import { evaluate, parseRelevanceSet, scoreQuery, type RelevanceQuery } from '../../src/kb/evaluate.js';
import { TYPING_NOISES } from '../../src/triage/index.js';

const KB_DIR = fileURLToPath(new URL('../../kb-content/', import.meta.url));
const SET = fileURLToPath(new URL('../fixtures/relevance/queries.jsonl', import.meta.url));

t.test('scoreQuery: reciprocal rank and recall at 5', async (t) => {
  const q = { q: 'x', gold: ['a', 'b'], district: null, style: 'short' as const };
  t.match(scoreQuery(q, ['c', 'b', 'a']), { rank: 2, reciprocalRank: 0.5, recall: 1 });
  t.match(scoreQuery(q, ['c', 'd', 'e', 'f', 'g', 'a']), { rank: null, reciprocalRank: 0, recall: 0 });
  t.match(scoreQuery(q, ['a']), { rank: 1, reciprocalRank: 1, recall: 0.5 });
  const r = evaluate([q, { ...q, style: 'note' }], (query) => (query.style === 'short' ? ['a'] : ['x', 'b']));
  t.equal(r.mrr, 0.75);
  t.equal(r.byStyle.short.mrr, 1);
  t.equal(r.byStyle.note.mrr, 0.5);
  t.throws(() => parseRelevanceSet('{"q": "ohne gold"}'));
});

t.test('relevance set: MRR@5 ≥ 0.85 on the bundled KB (short queries via search, notes via suggest)', { skip: !existsSync(SET) && 'no relevance set' }, async (t) => {
  const queries = parseRelevanceSet(readFileSync(SET, 'utf8'));
  const kb = await KnowledgeBase.open({ dir: KB_DIR });
  t.teardown(() => kb.close());
  const known = new Set(kb.slugs());
  const missing = queries.flatMap((q) => q.gold).filter((slug) => !known.has(slug));
  t.same([...new Set(missing)], [], 'every gold slug is an article of kb-content');

  const result = evaluate(queries, (q) => rankedSlugs(kb, q));
  const f = (x: number) => x.toFixed(3);
  t.comment(
    `MRR@5 ${f(result.mrr)} recall@5 ${f(result.recall)} (n=${result.queries}); ` +
      `short ${f(result.byStyle.short.mrr)}/${f(result.byStyle.short.recall)} (n=${result.byStyle.short.queries}); ` +
      `note ${f(result.byStyle.note.mrr)}/${f(result.byStyle.note.recall)} (n=${result.byStyle.note.queries})`,
  );
  t.ok(result.mrr >= 0.85, `MRR@5 ${f(result.mrr)} ≥ 0.85`);
  t.ok(result.byStyle.short.mrr >= 0.8, `short MRR@5 ${f(result.byStyle.short.mrr)} ≥ 0.80`);
  t.ok(result.byStyle.note.mrr >= 0.8, `note MRR@5 ${f(result.byStyle.note.mrr)} ≥ 0.80`);
  // Deterministic: the same run gives the same figures.
  const again = evaluate(queries, (q) => rankedSlugs(kb, q));
  t.equal(again.mrr, result.mrr);
});

t.test('relevance set typed in a hurry: a slip in every fourth longer word costs little', { skip: !existsSync(SET) && 'no relevance set' }, async (t) => {
  const queries = parseRelevanceSet(readFileSync(SET, 'utf8'));
  const kb = await KnowledgeBase.open({ dir: KB_DIR });
  t.teardown(() => kb.close());
  const asWritten = evaluate(queries, (q) => rankedSlugs(kb, q));
  for (const [label, noise] of TYPING_NOISES) {
    const result = evaluate(queries, (q) => rankedSlugs(kb, { ...q, q: noise(q.q) }));
    for (const style of ['short', 'note'] as const) {
      const before = asWritten.byStyle[style].mrr;
      const after = result.byStyle[style].mrr;
      // Unknown words in notes are matched fuzzily too ("Kenntnsipruefung", "Verwendunsgnachweis").
      t.ok(after >= before - 0.04, `${label}: ${style} MRR@5 ${after.toFixed(3)}, at most 4 points below ${before.toFixed(3)}`);
    }
  }
});

/** The top five slugs for a relevance query: short queries via search, notes via suggest. */
function rankedSlugs(kb: KnowledgeBase, q: RelevanceQuery): string[] {
  return q.style === 'note'
    ? kb.suggest(q.q, { district: q.district, topics: [], limit: 5 }).map((s) => s.slug)
    : kb.search(q.q, { district: q.district, limit: 5 }).results.map((r) => r.slug);
}
