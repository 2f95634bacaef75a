/** Triage: taxonomy, topic classifier, district detection, redaction, evaluation helpers. */
export { TOPICS, FALLBACK_TOPIC, topicById, topicLabel, type Topic } from './taxonomy.js';
export {
  createTriage,
  corpusTrainingExamples,
  trainingExample,
  placeholderSpans,
  placeSpans,
  type Correction,
  type TriageDistrict,
  type TriageOptions,
  type TriageResult,
  type TriageService,
  type TriageTopic,
} from './triage.js';
export {
  createTopicClassifier,
  decideTopics,
  DEFAULT_OPTIONS as DEFAULT_CLASSIFIER_OPTIONS,
  type ClassifierOptions,
  type DecisionThresholds,
  type TopicClassifier,
  type TopicScore,
  type TrainingExample,
} from './classifier.js';
export { loadCorpus, parseCorpus, toExample, writerBatch, CORPUS_URL, type CorpusNote } from './classifier-corpus.js';
export { detectDistrict, readPlaces, type DistrictMatch, type NotePlaces } from './district.js';
export { redact, REDACTION_TYPES, PLACEHOLDERS, type Redaction, type RedactionResult } from './redact.js';
export { TOPIC_IDS, isTopicId, type TopicId } from './taxonomy.js';
export { createClassifierAnalyzer, FeatureExtractor, type Span } from './classifier-features.js';
export { createCueBaseline, type CueBaseline } from './classifier-baseline.js';
export { crossValidate, chooseThresholds, groupedFolds, outOfFoldScores, seededRandom, type CrossValidation } from './classifier-cv.js';
export {
  topicReport,
  districtAccuracy,
  spanReport,
  precisionRecall,
  type TopicReport,
  type PrecisionRecall,
  type SpanMatch,
} from './classifier-eval.js';
export { evaluateOnDev, evaluateTypingNoise, type DevEvaluation, type NoiseEvaluation } from './classifier-evaluation.js';
export { TYPING_NOISES, dropUmlauts, lowerCase, typos, writeOutUmlauts, type TypingNoise } from './typing-noise.js';
