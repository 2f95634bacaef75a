import t from 'tap';
import fc from 'fast-check';
import { foldWord } from '../../src/text/normalize.js';
import { foldToken } from '../../src/triage/district.js';
import {
  Gazetteer,
  loadGazetteer,
  nameKey,
  nameTokens,
  readGazetteerData,
  type GazetteerData,
} from '../../src/triage/gazetteer.js';

const data = readGazetteerData();

const SPEC_DISTRICTS: Record<string, string> = {
  '15001': 'Dessau-Roßlau',
  '15002': 'Halle (Saale)',
  '15003': 'Magdeburg',
  '15081': 'Altmarkkreis Salzwedel',
  '15082': 'Anhalt-Bitterfeld',
  '15083': 'Börde',
  '15084': 'Burgenlandkreis',
  '15085': 'Harz',
  '15086': 'Jerichower Land',
  '15087': 'Mansfeld-Südharz',
  '15088': 'Saalekreis',
  '15089': 'Salzlandkreis',
  '15090': 'Stendal',
  '15091': 'Wittenberg',
};

t.test('gazetteer.json invariants', async (t) => {
  t.same(Object.fromEntries(data.districts.map((d) => [d.code, d.name])), SPEC_DISTRICTS, '14 districts of SPEC §2');
  t.equal(data.municipalities.length, 218, '218 municipalities');
  t.equal(new Set(data.municipalities.map((m) => m.ags)).size, 218, 'unique AGS');
  for (const m of data.municipalities) {
    t.ok(m.ags.startsWith(m.district), `${m.name}: AGS ${m.ags} lies in ${m.district}`);
  }
  const valid = new Set(Object.keys(SPEC_DISTRICTS));
  let bad = 0;
  for (const [surface, kind, codes, flags = ''] of data.names) {
    const list = codes === '' ? [] : codes.split(' ');
    if (kind === 'x') {
      if (list.length !== 0) bad++;
      continue;
    }
    if (list.length === 0 || !list.every((c) => valid.has(c))) bad++;
    if (list.length > 1 && !/[ad]/.test(flags)) t.fail(`${surface}: several codes but neither ambiguous nor defaulted`);
    if (!/^[cadtug]*$/.test(flags)) t.fail(`${surface}: flags "${flags}"`);
  }
  t.equal(bad, 0, 'every name has valid district codes');
  t.equal(Object.keys(data.plz).length, 272, '272 postal codes');
  t.equal(Object.values(data.plz).filter((c) => c.includes(' ')).length, 17, '17 postal codes in two districts');
  t.ok(Object.values(data.plz).every((c) => c.split(' ').every((x) => valid.has(x))), 'postal codes map to districts');
  t.equal(Object.keys(data.kfz).length, 52, '52 vehicle codes');
  t.ok(Object.values(data.kfz).every((c) => valid.has(c)), 'vehicle codes map to districts');
  t.ok(data.sources.some((s) => s.attribution.includes('Destatis')), 'Destatis attribution');
  t.ok(data.sources.some((s) => s.attribution.includes('GeoNames')), 'GeoNames attribution');
  const keys = data.names.map(([s]) => nameKey(s));
  t.equal(new Set(keys).size, keys.length, 'one row per folded name');
});

t.test('every municipality name is indexed under its own district', async (t) => {
  const g = loadGazetteer();
  t.equal(g.municipalities.length, 218);
  for (const m of data.municipalities) {
    const entry = g.lookup(m.name);
    t.equal(entry?.kind, 'municipality', m.name);
    t.equal(entry?.codes[0], m.district, m.name);
  }
  t.equal(g.lookup('Koethen')?.surface, 'Köthen', 'folded lookup');
  t.equal(g.lookup('Leipzig'), undefined);
  t.equal(g.lookup(''), undefined);
  t.same(g.postalCode('06120'), ['15002', '15088']);
  t.equal(g.vehicleCode('HAL'), '15002');
  t.equal(g.districtName('15085'), 'Harz');
  t.ok(g.size > 1500);
  t.equal(loadGazetteer(), g, 'built once');
});

t.test('name keys', async (t) => {
  t.same(nameTokens('Halle (Saale)'), ['Halle', 'Saale']);
  t.equal(nameKey('Halle (Saale)'), 'halle saale');
  t.equal(nameKey('Sandersdorf-Brehna'), nameKey('Sandersdorf Brehna'));
  t.equal(nameKey('Schönebeck'), nameKey('Schoenebeck'));
});

t.test('fromData rejects inconsistent data', async (t) => {
  const base = (): GazetteerData => ({
    version: 1,
    sources: [],
    districts: [{ code: '15002', name: 'Halle (Saale)' }],
    municipalities: [{ ags: '15002000', name: 'Halle (Saale)', district: '15002' }],
    names: [['Halle (Saale)', 'm', '15002']],
    plz: { '06108': '15002' },
    kfz: { HAL: '15002' },
  });
  t.ok(Gazetteer.fromData(base()));
  const broken: [string, (d: GazetteerData) => void, RegExp][] = [
    ['version', (d) => ((d as { version: number }).version = 2), /unsupported version/],
    ['district of a name', (d) => d.names.push(['Merseburg', 'm', '15088']), /unknown district "15088"/],
    ['no code', (d) => d.names.push(['Merseburg', 'm', '']), /no district code/],
    ['kind', (d) => d.names.push(['Merseburg', 'q' as 'm', '15002']), /unknown kind/],
    ['flag', (d) => d.names.push(['Merseburg', 'm', '15002', 'z']), /unknown flag/],
    ['duplicate', (d) => d.names.push(['Halle Saale', 'm', '15002']), /same key/],
    ['empty', (d) => d.names.push(['()', 'm', '15002']), /empty name/],
    ['postal code', (d) => (d.plz['06217'] = '15088'), /postal code 06217/],
    ['vehicle code', (d) => (d.kfz.MER = '15088'), /vehicle code MER/],
    ['municipality', (d) => d.municipalities.push({ ags: '15088220', name: 'Merseburg', district: '15088' }), /Merseburg/],
    ['district code', (d) => d.districts.push({ code: '1508', name: 'x' }), /malformed district code/],
  ];
  for (const [what, breakIt, message] of broken) {
    const d = base();
    breakIt(d);
    t.throws(() => Gazetteer.fromData(d), message, what);
  }
});

t.test('foldToken is foldWord', async (t) => {
  for (const [surface] of data.names) {
    for (const token of nameTokens(surface)) {
      if (foldToken(token) !== foldWord(token)) t.fail(token);
    }
  }
  for (const w of ['Frage', 'Steuer', 'Quelle', 'aktuell', 'Koethen', 'OEBISFELDE', 'Muenchen', 'Aerger', 'B2', '2024']) {
    t.equal(foldToken(w), foldWord(w), w);
  }
  fc.assert(
    fc.property(fc.stringMatching(/^[A-Za-z0-9äöüÄÖÜßéè]{1,14}$/), (w) => foldToken(w) === foldWord(w)),
    { numRuns: 2000 },
  );
});
