/**
 * The fixed vocabulary of Lotse (SPEC §2 and §4): topic ids, district codes, callers,
 * channels, outcomes and roles. Plain constants with no dependencies, so that store,
 * triage, kb, trends and server can all import them.
 */

/** Topic ids, fixed by SPEC §2 (labels may be refined elsewhere). */
export const TOPIC_IDS = [
  'aufenthalt',
  'arbeitsverwaltung',
  'sprache',
  'anerkennung',
  'ausbildung',
  'arbeitgeber',
  'ehrenamt',
  'migrantenorganisationen',
  'frauen-familie',
  'netzwerk',
  'foerderung',
  'diskriminierung',
  'sonstiges',
] as const;
export type TopicId = (typeof TOPIC_IDS)[number];

/** Default German labels of the topics (SPEC §2). */
export const TOPIC_LABELS: Readonly<Record<TopicId, string>> = {
  aufenthalt: 'Aufenthalt & Arbeitserlaubnis',
  arbeitsverwaltung: 'Jobcenter & Agentur für Arbeit',
  sprache: 'Sprachförderung',
  anerkennung: 'Anerkennung von Abschlüssen',
  ausbildung: 'Ausbildung & Studium',
  arbeitgeber: 'Unternehmen & Beschäftigung',
  ehrenamt: 'Ehrenamt',
  migrantenorganisationen: 'Migrantenorganisationen',
  'frauen-familie': 'Frauen & Familie',
  netzwerk: 'Netzwerke & Zuständigkeiten',
  foerderung: 'Förderprogramme & Finanzierung',
  diskriminierung: 'Diskriminierung & Rassismus',
  sonstiges: 'Sonstiges',
};

/** The 14 districts of Sachsen-Anhalt: Kreisschlüssel (AGS of the district) → name. */
export const DISTRICTS = {
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
} as const;
export type DistrictCode = keyof typeof DISTRICTS;
export const DISTRICT_CODES = Object.keys(DISTRICTS) as [DistrictCode, ...DistrictCode[]];

/** Who called (SPEC §4 `caller`). */
export const CALLERS = [
  'ehrenamt',
  'beratung',
  'behoerde',
  'kommune',
  'unternehmen',
  'migrant',
  'migrantenorganisation',
  'sonstige',
] as const;
export type Caller = (typeof CALLERS)[number];

/** How the enquiry arrived (SPEC §4 `channel`). */
export const CHANNELS = ['telefon', 'email', 'vor-ort', 'sonstige'] as const;
export type Channel = (typeof CHANNELS)[number];

/** What became of the enquiry (SPEC §4 `outcome`). */
export const OUTCOMES = ['beantwortet', 'weiterverwiesen', 'rueckruf', 'offen'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** User roles (SPEC §1); `admin` has every other role's rights. */
export const ROLES = ['adviser', 'lead', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isTopicId(value: string): value is TopicId {
  return (TOPIC_IDS as readonly string[]).includes(value);
}

export function isDistrictCode(value: string): value is DistrictCode {
  return Object.hasOwn(DISTRICTS, value);
}

/** True when a user with `role` may do what `required` may do (admin may do anything). */
export function roleGrants(role: Role, required: Role): boolean {
  return role === 'admin' || role === required;
}
