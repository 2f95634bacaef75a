/**
 * How the knowledge base serves the hotline, read from the stored enquiries: which
 * articles were suggested (the `suggestions` JSON written when an enquiry is stored),
 * which ones advisers marked as helpful (`article_used`), and where articles are
 * missing — enquiries for which no article helped and the best suggestion scored low,
 * grouped by topic, so that editors know what to write next.
 */
import type { Db } from './database.js';

export interface KbUsageQuery {
  /** Inclusive lower bound of `createdAt` (UTC ISO). */
  since?: string;
  /** Exclusive upper bound of `createdAt` (UTC ISO). */
  before?: string;
  /**
   * A best suggestion below this score counts as "no good article". Default: half the
   * median best score in the period — search scores have no fixed scale, so the bar is
   * relative to what the KB usually achieves (null with fewer than 8 scored enquiries;
   * then only enquiries without any suggestion count as low).
   */
  lowScore?: number;
  /** Example notes per topic (redacted, newest first). Default 3. */
  examples?: number;
}

export interface ArticleUsage {
  slug: string;
  /** The title as it was suggested; null when the article was marked used but never suggested. */
  title: string | null;
  /** How often it was among the suggestions. */
  shown: number;
  /** How often it was the best suggestion. */
  shownFirst: number;
  /** How often advisers marked it as the article that helped. */
  used: number;
  /** How often it helped when it was among the suggestions (`used` also counts articles found otherwise). */
  usedWhenShown: number;
}

export interface GapExample {
  id: number;
  createdAt: string;
  /** Redacted text, at most {@link EXCERPT_LENGTH} characters. */
  excerpt: string;
  bestScore: number | null;
}

export interface TopicGap {
  topic: string;
  enquiries: number;
  /** No article marked as helpful. */
  withoutHelp: number;
  /** No suggestion, or the best one below the low-score threshold. */
  lowScore: number;
  /** Both: no helpful article and no good suggestion. */
  gaps: number;
  examples: GapExample[];
}

export interface KbUsage {
  enquiries: number;
  /** Enquiries with an article marked as helpful. */
  withHelp: number;
  lowScoreThreshold: number | null;
  /** Articles suggested or used in the period, most used first. */
  articles: ArticleUsage[];
  /** Per topic, most gaps first. */
  topics: TopicGap[];
}

export interface KbUsageReader {
  usage(query?: KbUsageQuery): KbUsage;
}

export const EXCERPT_LENGTH = 200;
const MIN_SCORED_FOR_DEFAULT = 8;

const SCOPED = `WITH scoped AS (
  SELECT e.id, e.created_at, e.text, e.article_used, e.suggestions,
         (SELECT max(CAST(j.value ->> 'score' AS REAL)) FROM json_each(e.suggestions) j) AS best
    FROM enquiries e
   WHERE e.created_at >= @since AND e.created_at < @before
)`;
const LOW = '(s.best IS NULL OR s.best < ifnull(@low, -1e300))';

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= EXCERPT_LENGTH ? flat : `${flat.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…`;
}

export function createKbUsageReader(db: Db): KbUsageReader {
  type Range = { since: string; before: string };
  type Scored = Range & { low: number | null };
  const stmt = {
    totals: db.prepare<Range, { enquiries: number; withHelp: number | null; scored: number | null }>(
      `${SCOPED} SELECT count(*) AS enquiries, sum(s.article_used IS NOT NULL) AS withHelp, sum(s.best IS NOT NULL) AS scored FROM scoped s`,
    ),
    nth: db.prepare<Range & { offset: number }, { best: number }>(
      `${SCOPED} SELECT s.best AS best FROM scoped s WHERE s.best IS NOT NULL ORDER BY s.best LIMIT 1 OFFSET @offset`,
    ),
    shown: db.prepare<Range, { slug: string; title: string | null; shown: number; shownFirst: number; usedWhenShown: number }>(
      `${SCOPED} SELECT j.value ->> 'slug' AS slug, max(j.value ->> 'title') AS title, count(*) AS shown, sum(j.key = 0) AS shownFirst,
              sum(ifnull(s.article_used = j.value ->> 'slug', 0)) AS usedWhenShown
         FROM scoped s, json_each(s.suggestions) j
        WHERE j.value ->> 'slug' IS NOT NULL
        GROUP BY 1`,
    ),
    used: db.prepare<Range, { slug: string; used: number }>(
      `${SCOPED} SELECT s.article_used AS slug, count(*) AS used FROM scoped s WHERE s.article_used IS NOT NULL GROUP BY 1`,
    ),
    topics: db.prepare<Scored, Omit<TopicGap, 'examples'>>(
      `${SCOPED} SELECT t.topic AS topic, count(*) AS enquiries,
              sum(s.article_used IS NULL) AS withoutHelp,
              sum(${LOW}) AS lowScore,
              sum(s.article_used IS NULL AND ${LOW}) AS gaps
         FROM scoped s JOIN enquiry_topics t ON t.enquiry_id = s.id
        GROUP BY t.topic
        ORDER BY gaps DESC, withoutHelp DESC, t.topic`,
    ),
    examples: db.prepare<Scored & { per: number }, { topic: string; id: number; createdAt: string; text: string; best: number | null }>(
      // The newest gap notes per topic; a note text that recurs is shown once.
      `${SCOPED} SELECT topic, id, createdAt, text, best FROM (
         SELECT topic, id, createdAt, text, best, row_number() OVER (PARTITION BY topic ORDER BY createdAt DESC, id DESC) AS n FROM (
           SELECT t.topic AS topic, max(s.id) AS id, max(s.created_at) AS createdAt, s.text AS text, max(s.best) AS best
             FROM scoped s JOIN enquiry_topics t ON t.enquiry_id = s.id
            WHERE s.text IS NOT NULL AND s.article_used IS NULL AND ${LOW}
            GROUP BY t.topic, s.text
         )
       ) WHERE n <= @per ORDER BY topic, n`,
    ),
  };

  return {
    usage(query = {}) {
      const range: Range = { since: query.since ?? '0000', before: query.before ?? '9999' };
      const totals = stmt.totals.get(range) ?? { enquiries: 0, withHelp: 0, scored: 0 };
      const scored = totals.scored ?? 0;
      let low: number | null = query.lowScore ?? null;
      if (query.lowScore === undefined && scored >= MIN_SCORED_FOR_DEFAULT) {
        const median = stmt.nth.get({ ...range, offset: Math.floor((scored - 1) / 2) })?.best;
        low = median === undefined ? null : Math.round((median / 2) * 1000) / 1000;
      }

      const articles = new Map<string, ArticleUsage>();
      for (const row of stmt.shown.all(range)) articles.set(row.slug, { ...row, used: 0 });
      for (const row of stmt.used.all(range)) {
        const known = articles.get(row.slug);
        if (known) known.used = row.used;
        else articles.set(row.slug, { slug: row.slug, title: null, shown: 0, shownFirst: 0, used: row.used, usedWhenShown: 0 });
      }

      const per = Math.max(0, Math.min(query.examples ?? 3, 20));
      const examples = new Map<string, GapExample[]>();
      if (per > 0) {
        for (const row of stmt.examples.all({ ...range, low, per })) {
          const list = examples.get(row.topic) ?? [];
          list.push({ id: row.id, createdAt: row.createdAt, excerpt: excerpt(row.text), bestScore: row.best });
          examples.set(row.topic, list);
        }
      }

      return {
        enquiries: totals.enquiries,
        withHelp: totals.withHelp ?? 0,
        lowScoreThreshold: low,
        articles: [...articles.values()].sort((a, b) => b.used - a.used || b.shown - a.shown || a.slug.localeCompare(b.slug)),
        topics: stmt.topics.all({ ...range, low }).map((row) => ({ ...row, examples: examples.get(row.topic) ?? [] })),
      };
    },
  };
}
