/**
 * `/anfrage` (adviser): the form an adviser fills in while on the phone. The server
 * renders the frame and the fixed vocabularies; public/js/enquiry.js tags the note as
 * it is typed (POST /api/triage), shows articles (GET /api/kb/search) and similar
 * enquiries (POST /api/enquiries/similar), opens an article in the side panel
 * (public/js/panel.js) and saves with Ctrl+Enter (POST /api/enquiries).
 *
 * The German labels of the vocabularies live here; the other workspace pages use them.
 */
import type { FastifyPluginAsync } from 'fastify';
import {
  CALLERS,
  CHANNELS,
  DISTRICT_CODES,
  DISTRICTS,
  OUTCOMES,
  ROLES,
  TOPIC_IDS,
  TOPIC_LABELS,
  type Caller,
  type Channel,
  type Outcome,
  type Role,
} from '../../../domain/ids.js';
import { layoutData, pageAccess } from '../../plugins/pages.js';
import { pageHeaders } from './signin.js';

export const CALLER_LABELS: Readonly<Record<Caller, string>> = {
  ehrenamt: 'Ehrenamtliche',
  beratung: 'Beratungsstelle / Träger',
  behoerde: 'Behörde (Jobcenter, Agentur, Ausländerbehörde)',
  kommune: 'Kommune / Integrationskoordination',
  unternehmen: 'Unternehmen',
  migrant: 'Zugewanderte Person',
  migrantenorganisation: 'Migrantenorganisation',
  sonstige: 'Sonstige',
};

export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  telefon: 'Telefon',
  email: 'E-Mail',
  'vor-ort': 'Vor Ort',
  sonstige: 'Sonstiger Weg',
};

export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  beantwortet: 'Beantwortet',
  weiterverwiesen: 'Weiterverwiesen',
  rueckruf: 'Rückruf vereinbart',
  offen: 'Offen',
};

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  adviser: 'Beratung',
  lead: 'Teamleitung',
  editor: 'Redaktion Wissensbasis',
  admin: 'Administration',
};

export interface Option {
  value: string;
  label: string;
}

/** The vocabularies as `<option>` lists. */
export const OPTIONS = {
  topics: TOPIC_IDS.map((id) => ({ value: id, label: TOPIC_LABELS[id] })),
  districts: DISTRICT_CODES.map((code) => ({ value: code, label: DISTRICTS[code] })).sort((a, b) => a.label.localeCompare(b.label, 'de')),
  callers: CALLERS.map((id) => ({ value: id, label: CALLER_LABELS[id] })),
  channels: CHANNELS.map((id) => ({ value: id, label: CHANNEL_LABELS[id] })),
  outcomes: OUTCOMES.map((id) => ({ value: id, label: OUTCOME_LABELS[id] })),
  roles: ROLES.map((id) => ({ value: id, label: ROLE_LABELS[id] })),
} satisfies Record<string, Option[]>;

/** Everything the browser modules need to label things, for one `data-labels` attribute. */
export const LABELS = {
  topics: TOPIC_LABELS,
  districts: DISTRICTS,
  callers: CALLER_LABELS,
  channels: CHANNEL_LABELS,
  outcomes: OUTCOME_LABELS,
  roles: ROLE_LABELS,
};

export function enquiryPage(): FastifyPluginAsync {
  return async (app) => {
    app.get('/anfrage', { onRequest: pageAccess('adviser'), schema: { hide: true } }, async (request, reply) => {
      return pageHeaders(reply).view('enquiry', {
        ...layoutData(request, '/anfrage'),
        title: 'Neue Anfrage',
        scripts: ['/static/js/enquiry.js'],
        labels: LABELS,
        ...OPTIONS,
      });
    });
  };
}
