/**
 * npm run eval — trains triage on the corpus train split and measures it on the dev
 * split: per-topic precision/recall/F1, primary-topic accuracy, topic-set micro-F1, the
 * primary-topic confusion matrix, district accuracy and redaction precision/recall, with
 * the cue-counting baseline side by side.
 *
 * npm run eval -- --cv   additionally compares model settings by 5-fold cross-validation
 *                        on the train split, with random folds and with writer batches
 *                        held out (how the defaults were chosen; dev unused).
 * npm run eval -- --robust  additionally measures the dev notes typed in a hurry (no
 *                        umlauts, lower case, typos).
 */
import {
  DEFAULT_CLASSIFIER_OPTIONS,
  TOPIC_IDS,
  createClassifierAnalyzer,
  crossValidate,
  evaluateOnDev,
  evaluateTypingNoise,
  loadCorpus,
  trainingExample,
  writerBatch,
  type ClassifierOptions,
  type CorpusNote,
  type DevEvaluation,
  type TopicReport,
} from '../triage/index.js';

const pct = (x: number): string => (x * 100).toFixed(1).padStart(5);
const pad = (s: string, n: number): string => s.padEnd(n);

function topicTable(model: TopicReport, baseline: TopicReport): string[] {
  const lines = [
    `${pad('topic', 25)} ${'n'.padStart(4)} │ ${'model P'.padStart(7)} ${'R'.padStart(5)} ${'F1'.padStart(5)} │ ${'base P'.padStart(7)} ${'R'.padStart(5)} ${'F1'.padStart(5)}`,
  ];
  for (const id of TOPIC_IDS) {
    const m = model.perTopic.get(id);
    const b = baseline.perTopic.get(id);
    if (!m || !b) continue;
    lines.push(
      `${pad(id, 25)} ${String(m.support).padStart(4)} │ ${pct(m.precision).padStart(7)} ${pct(m.recall)} ${pct(m.f1)} │ ${pct(b.precision).padStart(7)} ${pct(b.recall)} ${pct(b.f1)}`,
    );
  }
  return lines;
}

function confusionTable(report: TopicReport): string[] {
  const short = TOPIC_IDS.map((id) => id.slice(0, 5));
  const lines = [`${pad('gold \\ predicted', 24)}${short.map((s) => s.padStart(6)).join('')}`];
  report.confusion.forEach((row, i) => {
    lines.push(`${pad(TOPIC_IDS[i] ?? '', 24)}${row.map((c) => (c === 0 ? '·' : String(c)).padStart(6)).join('')}`);
  });
  return lines;
}

export function formatEvaluation(e: DevEvaluation): string {
  const r = e.model;
  const b = e.baseline;
  return [
    `Lotse triage evaluation — trained on ${e.trainNotes} train notes, measured on ${e.devNotes} dev notes`,
    `model ${e.modelVersion}, ${e.msPerNote.toFixed(2)} ms per triage call`,
    '',
    ...topicTable(r, b),
    '',
    `${pad('', 32)} ${'model'.padStart(7)} ${'baseline'.padStart(9)}`,
    `${pad('primary-topic accuracy', 32)} ${pct(r.primaryAccuracy).padStart(7)} ${pct(b.primaryAccuracy).padStart(9)}`,
    `${pad('topic-set micro precision', 32)} ${pct(r.micro.precision).padStart(7)} ${pct(b.micro.precision).padStart(9)}`,
    `${pad('topic-set micro recall', 32)} ${pct(r.micro.recall).padStart(7)} ${pct(b.micro.recall).padStart(9)}`,
    `${pad('topic-set micro-F1', 32)} ${pct(r.micro.f1).padStart(7)} ${pct(b.micro.f1).padStart(9)}`,
    `${pad('macro-F1 over topics', 32)} ${pct(r.macroF1).padStart(7)} ${pct(b.macroF1).padStart(9)}`,
    '',
    'primary-topic confusion (model; rows gold, columns predicted):',
    ...confusionTable(r),
    '',
    `district accuracy (null included)     ${pct(e.districtAccuracy)}`,
    `redaction, span overlap   precision ${pct(e.redaction.overlap.precision)}  recall ${pct(e.redaction.overlap.recall)}`,
    `redaction, exact span     precision ${pct(e.redaction.exact.precision)}  recall ${pct(e.redaction.exact.recall)}`,
    '(district and redaction are the same modules for model and baseline; the baseline only differs in topics)',
  ].join('\n');
}

/** The settings compared by cross-validation; the first is the default. */
const CANDIDATES: [string, ClassifierOptions][] = [
  ['NB + LR blend (default)', {}],
  ['naive Bayes alone', { model: 'nb' }],
  ['logistic regression alone (20 epochs)', { model: 'lr', logistic: { epochs: 20 } }],
  ['blend, NB weight 0.7', { blendWeight: 0.7 }],
  ['blend, NB weight 0.3', { blendWeight: 0.3 }],
  ['blend, 3 epochs of the regression', { logistic: { epochs: 3 } }],
  ['blend, no primary-topic model', { primaryModel: false }],
  ['blend, cue seeds weight 3', { cueSeedWeight: 3 }],
  ['blend, no cue features', { features: { cueFeatures: false } }],
  ['blend, no bigrams', { features: { bigrams: false } }],
  ['blend, compound parts as word features', { features: { partFeatures: true } }],
];

const REPEATS = 3;

function crossValidation(): string {
  const train = loadCorpus().filter((note) => note.split === 'train');
  const examples = train.map((note) => trainingExample(note));
  const batches = train.map(writerBatch);
  const lines = [
    `5-fold cross-validation, ${REPEATS} repetitions, on ${examples.length} train notes, each with random folds and with`,
    `writer batches held out (thresholds chosen on the out-of-fold scores of both; "new writers" = held-out batches alone):`,
    `${pad('setting', 40)} ${'micro-F1'.padStart(8)} ${'primary'.padStart(8)} │ new writers: ${'F1'.padStart(5)} ${'primary'.padStart(7)}  thresholds`,
  ];
  for (const [name, options] of CANDIDATES) {
    const started = performance.now();
    const cv = crossValidate((texts) => createClassifierAnalyzer(texts), examples, options, 5, REPEATS, batches);
    const t = cv.thresholds;
    const unseen = cv.unseenGroups;
    lines.push(
      `${pad(name, 40)} ${pct(cv.report.micro.f1).padStart(8)} ${pct(cv.report.primaryAccuracy).padStart(8)} │ ` +
        `${''.padStart(13)}${unseen ? `${pct(unseen.micro.f1)} ${pct(unseen.primaryAccuracy).padStart(7)}` : ''}  ` +
        `min ${t.minimum} sec ${t.secondary} ratio ${t.ratio} blend ${t.primaryBlend} primacy ${t.primacyWeight}  (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
  const d = DEFAULT_CLASSIFIER_OPTIONS.thresholds;
  lines.push(
    `committed default thresholds: min ${d.minimum} sec ${d.secondary} ratio ${d.ratio} blend ${d.primaryBlend} primacy ${d.primacyWeight}`,
  );
  return lines.join('\n');
}

function typingNoiseTable(notes: readonly CorpusNote[]): string {
  const lines = [
    'dev notes typed in a hurry (same model; each note rewritten):',
    `${pad('', 34)} ${'primary'.padStart(8)} ${'micro-F1'.padStart(9)} ${'district'.padStart(9)} ${'same primary'.padStart(13)} ${'redaction P/R'.padStart(14)}`,
  ];
  for (const row of evaluateTypingNoise(notes)) {
    lines.push(
      `${pad(row.noise, 34)} ${pct(row.model.primaryAccuracy).padStart(8)} ${pct(row.model.micro.f1).padStart(9)} ` +
        `${pct(row.districtAccuracy).padStart(9)} ${pct(row.samePrimary).padStart(13)} ` +
        (row.redaction ? `${pct(row.redaction.precision)} / ${pct(row.redaction.recall)}`.padStart(14) : '(length changed)'.padStart(14)),
    );
  }
  return lines.join('\n');
}

function main(argv: readonly string[]): void {
  const notes = loadCorpus();
  if (notes.length === 0) {
    process.stderr.write('eval: corpus/notes.jsonl is missing or empty (npx tsx scripts/build-corpus.ts)\n');
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`${formatEvaluation(evaluateOnDev(notes))}\n`);
  if (argv.includes('--robust')) process.stdout.write(`\n${typingNoiseTable(notes)}\n`);
  if (argv.includes('--cv')) process.stdout.write(`\n${crossValidation()}\n`);
}

main(process.argv.slice(2));
