/**
 * The plain baseline the classifier is measured against: count the curated cue terms of
 * each topic in the note, tag the topics with the most matches (at least half as many as
 * the best, at most three), `sonstiges` when no cue matches. No training.
 */
import type { FeatureExtractor, Span } from './classifier-features.js';
import { FALLBACK_TOPIC, TOPIC_IDS, type TopicId } from './taxonomy.js';

export interface CueBaseline {
  classify(text: string, skip?: readonly Span[]): TopicId[];
}

export function createCueBaseline(extractor: FeatureExtractor, ratio = 0.5, maxTopics = 3): CueBaseline {
  return {
    classify(text, skip = []) {
      const matches = extractor.cueMatches(text, skip);
      const counted = TOPIC_IDS.map((id, order) => ({ id, order, n: matches.get(id)?.length ?? 0 }))
        .filter((x) => x.n > 0)
        .sort((a, b) => b.n - a.n || a.order - b.order);
      const best = counted[0]?.n ?? 0;
      const chosen = counted.filter((x) => x.n >= ratio * best).slice(0, maxTopics).map((x) => x.id);
      return chosen.length > 0 ? chosen : [FALLBACK_TOPIC];
    },
  };
}
