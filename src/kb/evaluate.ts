/**
 * Relevance evaluation: MRR@5 and recall@5 over a set of queries with gold articles,
 * per query style (short search-box queries and whole enquiry notes). Pure: the search
 * is passed in, so peers (other engines) are measured the same way.
 */

export type QueryStyle = 'short' | 'note';

export interface RelevanceQuery {
  q: string;
  /** Acceptable articles, best first. */
  gold: string[];
  district: string | null;
  style: QueryStyle;
}

export interface QueryOutcome {
  query: RelevanceQuery;
  /** The top results (slugs). */
  ranked: string[];
  /** 1-based rank of the first gold article within the cut-off, or null. */
  rank: number | null;
  reciprocalRank: number;
  recall: number;
}

export interface Metrics {
  queries: number;
  mrr: number;
  recall: number;
}

export interface EvaluationResult extends Metrics {
  /** Cut-off (5). */
  k: number;
  byStyle: Record<QueryStyle, Metrics>;
  outcomes: QueryOutcome[];
}

/** Parses `queries.jsonl` (one JSON object per line; blank lines ignored). */
export function parseRelevanceSet(jsonl: string): RelevanceQuery[] {
  const out: RelevanceQuery[] = [];
  jsonl.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const row = JSON.parse(line) as Partial<RelevanceQuery>;
    if (typeof row.q !== 'string' || !Array.isArray(row.gold) || row.gold.length === 0) {
      throw new Error(`relevance set line ${i + 1}: q and gold are required`);
    }
    out.push({
      q: row.q,
      gold: row.gold.map(String),
      district: typeof row.district === 'string' ? row.district : null,
      style: row.style === 'note' ? 'note' : 'short',
    });
  });
  return out;
}

function metrics(outcomes: readonly QueryOutcome[]): Metrics {
  const n = outcomes.length;
  if (n === 0) return { queries: 0, mrr: 0, recall: 0 };
  return {
    queries: n,
    mrr: outcomes.reduce((s, o) => s + o.reciprocalRank, 0) / n,
    recall: outcomes.reduce((s, o) => s + o.recall, 0) / n,
  };
}

/** Scores one ranked list against its gold articles. */
export function scoreQuery(query: RelevanceQuery, ranked: readonly string[], k = 5): QueryOutcome {
  const top = ranked.slice(0, k);
  const gold = new Set(query.gold);
  const index = top.findIndex((slug) => gold.has(slug));
  const found = new Set(top.filter((slug) => gold.has(slug))).size;
  return {
    query,
    ranked: [...top],
    rank: index === -1 ? null : index + 1,
    reciprocalRank: index === -1 ? 0 : 1 / (index + 1),
    recall: found / gold.size,
  };
}

/** MRR@k and recall@k overall and per style; `search` returns slugs, best first. */
export function evaluate(queries: readonly RelevanceQuery[], search: (query: RelevanceQuery) => readonly string[], k = 5): EvaluationResult {
  const outcomes = queries.map((q) => scoreQuery(q, search(q), k));
  return {
    k,
    ...metrics(outcomes),
    byStyle: {
      short: metrics(outcomes.filter((o) => o.query.style === 'short')),
      note: metrics(outcomes.filter((o) => o.query.style === 'note')),
    },
    outcomes,
  };
}
