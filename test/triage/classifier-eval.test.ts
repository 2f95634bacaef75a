import t from 'tap';
import {
  chooseThresholds,
  createClassifierAnalyzer,
  createCueBaseline,
  createTopicClassifier,
  crossValidate,
  groupedFolds,
  districtAccuracy,
  FeatureExtractor,
  loadCorpus,
  parseCorpus,
  precisionRecall,
  spanReport,
  toExample,
  topicReport,
  TOPIC_IDS,
  TOPICS,
  writerBatch,
} from '../../src/triage/index.js';
import { BlendedModel, LogisticModel, NaiveBayesModel, type TopicModel } from '../../src/triage/classifier-models.js';

t.test('topicReport: per-topic counts, micro-F1, primary accuracy, confusion', async (t) => {
  const r = topicReport([
    { gold: ['aufenthalt', 'ausbildung'], predicted: ['aufenthalt'] },
    { gold: ['sprache'], predicted: ['sprache', 'arbeitsverwaltung'] },
    { gold: ['ehrenamt'], predicted: ['netzwerk'] },
  ]);
  t.equal(r.notes, 3);
  t.same(r.micro, precisionRecall({ tp: 2, fp: 2, fn: 2 }));
  t.equal(r.micro.f1, 0.5);
  t.equal(r.primaryAccuracy, 2 / 3);
  t.match(r.perTopic.get('aufenthalt'), { tp: 1, fp: 0, fn: 0, support: 1, f1: 1 });
  t.match(r.perTopic.get('ausbildung'), { tp: 0, fn: 1, support: 1, recall: 0 });
  t.match(r.perTopic.get('arbeitsverwaltung'), { fp: 1, precision: 0 });
  const row = r.confusion[TOPIC_IDS.indexOf('ehrenamt')];
  t.equal(row?.[TOPIC_IDS.indexOf('netzwerk')], 1);
  t.equal(r.confusion.flat().reduce((a, b) => a + b, 0), 3);
  t.same(precisionRecall({ tp: 0, fp: 0, fn: 0 }), { tp: 0, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 });
  t.equal(precisionRecall({ tp: 0, fp: 1, fn: 1 }).f1, 0);
});

t.test('districtAccuracy counts "no district" as a value', async (t) => {
  t.equal(
    districtAccuracy([
      { gold: '15002', predicted: '15002' },
      { gold: null, predicted: null },
      { gold: null, predicted: '15003' },
      { gold: '15084', predicted: null },
    ]),
    0.5,
  );
  t.equal(districtAccuracy([]), 0);
});

t.test('spanReport: exact vs overlap matching', async (t) => {
  const items = [
    { gold: [{ start: 0, end: 10 }, { start: 20, end: 25 }], predicted: [{ start: 0, end: 10 }, { start: 19, end: 26 }] },
    { gold: [], predicted: [{ start: 3, end: 5 }] },
  ];
  t.match(spanReport(items, 'exact'), { tp: 1, fn: 1, fp: 2, precision: 1 / 3, recall: 0.5 });
  t.match(spanReport(items, 'overlap'), { tp: 2, fn: 0, fp: 1, precision: 2 / 3, recall: 1 });
  t.match(spanReport([], 'overlap'), { precision: 1, recall: 1 });
});

t.test('parseCorpus: names the line of a bad note', async (t) => {
  const good = '{"id":"n1","text":"x","topics":["sprache"],"district":null,"pii":[],"split":"train"}';
  t.equal(parseCorpus(`${good}\n\n`).length, 1);
  t.throws(() => parseCorpus(`${good}\n{"id":"n2"`), /:2: not JSON/);
  t.throws(() => parseCorpus(`${good}\n${good.replace('sprache', 'kochen')}`), /:2: topics/);
  t.same(loadCorpus(new URL('file:///nonexistent/notes.jsonl')), []);
});

t.test('cue baseline: counts cue terms, sonstiges without any', async (t) => {
  const fx = new FeatureExtractor(createClassifierAnalyzer([]), TOPICS);
  const baseline = createCueBaseline(fx);
  t.same(baseline.classify('JC kürzt Bürgergeld, Widerspruch beim Jobcenter'), ['arbeitsverwaltung']);
  t.same(baseline.classify('Das Wetter ist schön'), ['sonstiges']);
  t.ok(baseline.classify('Duldung und Ausbildung, Ausbildungsduldung bei der ABH').includes('aufenthalt'));
});

t.test('cross-validation on train notes: thresholds from the grid, a report per note', async (t) => {
  const train = loadCorpus()
    .filter((n) => n.split === 'train')
    .slice(0, 150)
    .map(toExample);
  const cv = crossValidate((texts) => createClassifierAnalyzer(texts), train, {}, 3);
  t.equal(cv.report.notes, 150);
  t.ok(cv.report.micro.f1 > 0.5, `micro-F1 ${cv.report.micro.f1.toFixed(2)}`);
  t.ok(cv.thresholds.minimum >= 0.01 && cv.thresholds.minimum <= 0.5);
  t.ok(cv.thresholds.secondary > 0 && cv.thresholds.secondary < 1);
  const again = crossValidate((texts) => createClassifierAnalyzer(texts), train, {}, 3);
  t.same(again.thresholds, cv.thresholds, 'deterministic');
  t.equal(chooseThresholds([], []).report.notes, 0, 'no notes: still thresholds');
});

t.test('writer batches: grouped folds hold each batch out whole, cross-validation reports the held-out writers', async (t) => {
  const notes = loadCorpus().filter((n) => n.split === 'train');
  t.equal(writerBatch(notes.find((n) => n.id === 'n0001')!), 0);
  t.equal(writerBatch(notes.find((n) => Number(n.id.slice(1)) > 1000)!) >= 10, true, 'a note after line 1000 is in batch 10 or later');
  const sample = notes.slice(0, 240);
  const groups = sample.map(writerBatch);
  const folds = groupedFolds(groups, 3);
  t.same(folds, groupedFolds(groups, 3), 'deterministic');
  for (const g of new Set(groups)) {
    t.equal(new Set(folds.filter((_, i) => groups[i] === g)).size, 1, `batch ${g} lies in one fold`);
  }
  t.ok(new Set(folds).size > 1, 'batches are spread over the folds');
  const examples = sample.map(toExample);
  const cv = crossValidate((texts) => createClassifierAnalyzer(texts), examples, {}, 3, 1, groups);
  t.equal(cv.report.notes, 2 * examples.length, 'thresholds chosen on both fold schemes');
  t.equal(cv.unseenGroups?.notes, examples.length);
  t.equal(crossValidate((texts) => createClassifierAnalyzer(texts), examples, {}, 3).unseenGroups, null);
});

/** A toy problem for the models. Feature ids: 0 duldung, 1 abh, 2 pass, 3 kurs, 4 b1, 5 dtz. */
const TOY: [number[], number][] = [
  [[0, 1], 0],
  [[0, 2], 0],
  [[3, 4], 1],
  [[3, 5], 1],
];

function train(model: TopicModel, data: readonly [number[], number][]): void {
  for (const [features, label] of data) model.add(features, [label], 1, true);
  model.fit();
}

t.test('models: both learn a toy problem; logistic regression is deterministic', async (t) => {
  for (const make of [
    () => new NaiveBayesModel(2),
    () => new LogisticModel(2, { epochs: 30 }),
    () => new BlendedModel(new NaiveBayesModel(2), new LogisticModel(2, { epochs: 30 }), 0.5),
  ]) {
    const model = make();
    train(model, TOY);
    const out = new Float64Array(2);
    model.score([0], out);
    t.ok((out[0] ?? 0) > (out[1] ?? 0), `${model.kind}: duldung → topic 0`);
    model.score([3, 99], out);
    t.ok((out[1] ?? 0) > (out[0] ?? 0), `${model.kind}: kurs → topic 1, unknown id ignored`);
    t.ok(model.contribution(3, 1) > 0);
    t.equal(model.contribution(99, 1), 0);
  }
  const a = createTopicClassifier(createClassifierAnalyzer([]), [{ text: 'Duldung bei der ABH', topics: ['aufenthalt'] }], { model: 'lr' });
  const b = createTopicClassifier(createClassifierAnalyzer([]), [{ text: 'Duldung bei der ABH', topics: ['aufenthalt'] }], { model: 'lr' });
  t.same(a.classify('Frage zur Duldung'), b.classify('Frage zur Duldung'));
  t.match(a.modelVersion, /^lr-/);
});

t.test('blended model: the weighted mean of naive Bayes and logistic regression', async (t) => {
  const nb = new NaiveBayesModel(2);
  const lr = new LogisticModel(2, { epochs: 10 });
  const blend = new BlendedModel(new NaiveBayesModel(2), new LogisticModel(2, { epochs: 10 }), 0.25);
  for (const model of [nb, lr, blend]) train(model, [...TOY, [[0, 3], 0]]);
  const [a, b, c] = [new Float64Array(2), new Float64Array(2), new Float64Array(2)];
  for (const note of [[0], [3], [0, 3], [1, 5]]) {
    nb.score(note, a);
    lr.score(note, b);
    blend.score(note, c);
    for (let topic = 0; topic < 2; topic++) t.ok(Math.abs((c[topic] ?? 0) - (0.25 * (a[topic] ?? 0) + 0.75 * (b[topic] ?? 0))) < 1e-12, `note ${note}, topic ${topic}`);
  }
  t.ok(Math.abs(blend.contribution(3, 1) - (0.25 * nb.contribution(3, 1) + 0.75 * lr.contribution(3, 1))) < 1e-12);
});

t.test('logistic regression: seeds weigh their own weight; examples after fit() take steps at once', async (t) => {
  const score = (model: LogisticModel, features: number[]): number => {
    const out = new Float64Array(2);
    model.score(features, out);
    return out[1] ?? 0;
  };
  const make = (seedWeight?: number): LogisticModel => {
    const model = new LogisticModel(2, { epochs: 5, seedWeight });
    model.add([0], [0], 1, true);
    model.add([1], [1], 1, true);
    model.add([2], [1], 5, false); // a seed: "kurs" for topic 1
    model.fit();
    return model;
  };
  t.ok(score(make(0.1), [2]) < score(make(), [2]), 'a lighter seed moves the topic less');
  const model = make();
  const before = score(model, [0]);
  model.add([0], [1], 3, true);
  t.ok(score(model, [0]) > before, 'a correction after fit() counts without refitting');
  const unfitted = new LogisticModel(2);
  unfitted.add([0], [1], 1, true);
  t.equal(score(unfitted, [0]), 0.5, 'before fit() nothing is learnt yet (fit() trains on everything at once)');
});
