import t from 'tap';
import { TYPING_NOISES, dropUmlauts, lowerCase, typos, writeOutUmlauts } from '../../src/triage/index.js';

const NOTE = 'Frau aus Köthen fragt nach dem Integrationskurs, Bescheinigung der Ausländerbehörde fehlt, Straße unbekannt.';

t.test('umlauts dropped or written out, everything in lower case', async (t) => {
  t.equal(dropUmlauts('Köthen, Übergang, Straße, ÄRZTIN'), 'Kothen, Ubergang, Strasse, ARZTIN');
  t.equal(writeOutUmlauts('Köthen, Übergang, Straße'), 'Koethen, Uebergang, Strasse');
  t.equal(lowerCase('JC Halle, BAMF'), 'jc halle, bamf');
});

t.test('typos: one slip in some longer words, the first letter kept, the same every run', async (t) => {
  const once = typos(0.25)(NOTE);
  t.equal(typos(0.25)(NOTE), once, 'deterministic for a seed');
  t.not(typos(0.25, 2)(NOTE), once, 'another seed, other typos');
  t.equal(typos(0)(NOTE), NOTE, 'share 0 changes nothing');
  const all = typos(1)(NOTE);
  const before = NOTE.split(' ');
  const after = all.split(' ');
  t.equal(after.length, before.length, 'words stay words');
  let changed = 0;
  before.forEach((word, i) => {
    const slipped = after[i] ?? '';
    t.equal(slipped[0], word[0], `first letter kept: ${word} → ${slipped}`);
    t.ok(Math.abs(slipped.length - word.length) <= 1, 'one letter more or less at most');
    if (/\p{L}{5,}/u.test(word) && slipped !== word) changed++;
    if (!/\p{L}{5,}/u.test(word)) t.equal(slipped, word, `short words untouched: ${word}`);
  });
  // A swap of two equal letters changes nothing, so not quite every long word differs.
  t.ok(changed >= 8, `share 1 changes (nearly) every longer word (${changed})`);
});

t.test('every listed noise keeps a note a note', async (t) => {
  for (const [name, noise] of TYPING_NOISES) {
    const out = noise(NOTE);
    t.ok(out.length > NOTE.length * 0.9 && out.length < NOTE.length * 1.1, name);
  }
});
