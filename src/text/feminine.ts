/**
 * Feminine person nouns to their base noun: Beraterin → berater, Ärztinnen → arzt,
 * Kolleginnen → kollege. Only when the base is an agent noun (by its ending), a listed
 * person noun or a known word, so Termin, Medizin, Berlin, Verein and beginnen stay as they are.
 */

// Endings of agent nouns that take -in: Berater, Koordinator, Migrant, Student,
// Spezialist, Doktorand, Friseur.
const AGENT_ENDING = /(?:er|or|ant|ent|ist|and|eur|ar)$/;

// Person nouns whose feminine form the endings above do not catch (folded). Compounds
// ending in them count too (Zahnärztin, Rechtsanwältin, Sachgebietsleiterin).
const PERSON_NOUNS = [
  'arzt', 'anwalt', 'kollege', 'kunde', 'beamte', 'padagoge', 'psychologe', 'soziologe',
  'experte', 'koch', 'chef', 'freund', 'gatte', 'nachbar', 'landsmann', 'christ', 'muslim',
];

function isPersonNoun(word: string): boolean {
  return PERSON_NOUNS.some((p) => word.endsWith(p));
}

/**
 * Returns the base noun of a folded feminine form, or the word unchanged.
 * @param folded a folded (lower-case, umlaut-free) word
 * @param isKnown whether a folded word occurs in the vocabulary
 */
export function feminineBase(folded: string, isKnown: (word: string) => boolean = () => false): string {
  let base: string | undefined;
  if (folded.endsWith('innen')) base = folded.slice(0, -5);
  else if (folded.endsWith('in')) base = folded.slice(0, -2);
  if (base === undefined || base.length < 3) return folded;
  // A gender sign left between base and suffix (Berater*innen) is dropped by the caller.
  if (AGENT_ENDING.test(base) || isPersonNoun(base) || isKnown(base)) return base;
  // Kollegin → Kollege, Kundin → Kunde, Beamtin → Beamte
  if (isPersonNoun(base + 'e') || isKnown(base + 'e')) return base + 'e';
  return folded;
}
