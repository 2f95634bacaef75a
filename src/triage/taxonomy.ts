/**
 * The hotline's topic taxonomy (SPEC §2): fixed ids, German labels, a one-line German
 * description and curated cue terms per topic.
 *
 * Cue terms come from domain knowledge of labour-market integration in Sachsen-Anhalt,
 * not from the evaluation notes. They are run through the same German analyzer as the
 * notes, so "Duldung" also matches "Duldungen" and "Ausbildungsduldung" matches its
 * compound parts. A cue may be several words ("Blaue Karte", "SGB II"): it matches when
 * its analysed terms appear next to each other in the note. A cue written in capitals of
 * at most five letters ("AB", "IK", "EQ") is an abbreviation and matches only that exact
 * spelling, since the folded forms collide with ordinary words ("ab", "eq").
 */

import { TOPIC_IDS, TOPIC_LABELS, isTopicId, type TopicId } from '../domain/ids.js';

export { TOPIC_IDS, isTopicId, type TopicId };

/** The topic used when nothing else fits. */
export const FALLBACK_TOPIC: TopicId = 'sonstiges';

export interface Topic {
  readonly id: TopicId;
  /** German label shown to users. */
  readonly label: string;
  /** One German sentence: what belongs to the topic. */
  readonly description: string;
  /** Curated German cue terms (words, phrases, abbreviations). */
  readonly cues: readonly string[];
}

export const TOPICS: readonly Topic[] = [
  {
    id: 'aufenthalt',
    label: TOPIC_LABELS['aufenthalt'],
    description:
      'Aufenthaltsrecht und Arbeitserlaubnis: Ausländerbehörde, Duldung, Gestattung, Beschäftigungserlaubnis, Fachkräfteeinwanderung.',
    cues: [
      'Ausländerbehörde', 'ABH', 'AB', 'Aufenthalt', 'Aufenthaltsrecht', 'Aufenthaltserlaubnis',
      'Aufenthaltstitel', 'AE', 'Niederlassungserlaubnis', 'Daueraufenthalt', 'Duldung',
      'geduldet', 'Gestattung', 'Aufenthaltsgestattung', 'Asyl', 'Asylverfahren', 'Asylantrag',
      'Asylbewerber', 'Beschäftigungserlaubnis', 'Arbeitserlaubnis', 'Arbeitsverbot',
      'Beschäftigungsverbot', 'Beschäftigungsduldung', 'Ausbildungsduldung', 'Blaue Karte',
      'Blue Card', 'Chancenkarte', 'Westbalkan', 'Westbalkanregelung',
      'Fachkräfteeinwanderung', 'Fachkräfteeinwanderungsgesetz', 'beschleunigtes Fachkräfteverfahren',
      'Vorabzustimmung', 'Zustimmung der BA', 'Visum', 'Visa', 'Einreise', 'Botschaft',
      'Abschiebung', 'ausreisepflichtig', 'Identitätsklärung', 'Passbeschaffung', 'Pass',
      'Fiktionsbescheinigung', 'Verlängerung', 'Einbürgerung', 'Bleiberecht',
      'Chancen-Aufenthaltsrecht', 'Spurwechsel', 'Familiennachzug', 'Nebenbestimmung',
      'Erwerbstätigkeit gestattet', 'Aufenthaltsgesetz', 'AufenthG', '§ 60a', '§ 60c', '§ 60d',
      '§ 16a', '§ 18a', '§ 18b', 'Zentrale Ausländerbehörde', 'ZAST',
      'Aufnahmeeinrichtung', 'Schutzstatus', 'subsidiär', 'Flüchtlingsanerkennung',
      'aufenthaltsrechtlich', 'Aufenthaltszweck', 'Zweckwechsel', 'Titel', 'Ausreise', 'Duldungsbescheinigung', 'Wohnsitzauflage', 'Umverteilung', 'Residenzpflicht',
      'Ausländerrecht', 'Aufenthaltsstatus', 'Status', 'Einbürgerungsantrag', 'Staatsangehörigkeit',
      'Arbeitsmarktzulassung', 'Anerkennungspartnerschaft', 'Visumverfahren',
      'Auslandsvertretung', 'Familienzusammenführung', 'Ehegattennachzug', 'Schutzsuchende', 'Ukrainer',
      'Aufenthaltskarte', 'Freizügigkeit', 'EU-Bürger', 'Daueraufenthaltsrecht', 'Reiseausweis',
      'Ausweisersatz', 'Duldungsgründe', 'Mitwirkungspflicht', 'Passpflicht', 'Abschiebungsverbot',
      'Ausreiseaufforderung', 'Asylbescheid', 'BAMF-Bescheid', 'Anhörung', 'Dublin', 'Klage gegen Bescheid',
      'Beschäftigungsverordnung', 'Arbeitsmarktprüfung', 'Vorrangprüfung',
      'Zustimmung der Arbeitsagentur', 'Erwerbstätigkeit', 'Wohnsitzregelung', 'Ausländeramt',
    ],
  },
  {
    id: 'arbeitsverwaltung',
    label: TOPIC_LABELS['arbeitsverwaltung'],
    description:
      'Leistungen und Instrumente von Jobcenter und Agentur für Arbeit (SGB II/III), etwa Bürgergeld, Bildungsgutschein, Eingliederungszuschuss.',
    cues: [
      'Jobcenter', 'JC', 'Agentur für Arbeit', 'Arbeitsagentur', 'AfA', 'BA', 'Bundesagentur',
      'SGB II', 'SGB III', 'Bürgergeld', 'Grundsicherung', 'Arbeitslosengeld', 'ALG', 'ALG I',
      'ALG II', 'Hartz', 'Leistungen', 'Leistungsbescheid', 'Bescheid', 'Widerspruch',
      'Sanktion', 'Leistungsminderung', 'gekürzt', 'Kürzung', 'Eingliederungsvereinbarung',
      'Kooperationsplan', 'Bildungsgutschein', 'AVGS', 'Aktivierungsgutschein',
      'Vermittlungsgutschein', 'Maßnahme', 'Eingliederungszuschuss', 'EGZ', 'Vermittler',
      'Vermittlerin', 'Arbeitsvermittlung', 'Fallmanager', 'Fallmanagerin',
      'arbeitslos gemeldet', 'arbeitslos', 'arbeitsuchend', 'Meldetermin', 'Mitwirkung',
      'Kundennummer', 'BG-Nummer', 'Bedarfsgemeinschaft', 'Regelsatz', 'Mehrbedarf',
      'Job-Turbo', 'Vermittlungsbudget', 'Einstiegsgeld', 'Weiterbildung', 'Umschulung',
      'Förderung beruflicher Weiterbildung', 'FbW', 'Arbeitgeberservice', 'Leistungsträger',
      'Weiterbewilligungsantrag', 'Bewilligung', 'SGB',
      'Jobcenterkunde', 'Kunde vom JC', 'Rechtskreiswechsel', 'Bürgergeldbezug', 'Leistungsbezug',
      'Eingliederung', 'Arbeitsvermittler', 'Integrationsfachkraft', 'Berufsberater', 'Reha-Beratung',
      'Bewilligungsbescheid', 'Rückforderung', 'Aufstockung', 'aufstocken', 'Zumutbarkeit', 'zumutbar',
      'Meldeversäumnis', 'Vorladung', 'Einladung zum Termin', 'Kosten übernehmen', 'Kostenübernahme',
      'Minderung', 'Leistungskürzung', 'Sperrzeit', 'Arbeitslosmeldung', 'arbeitssuchend',
      'Eingliederungsmaßnahme', 'Maßnahmeträger', 'Coaching', 'AVGS-Coaching', 'Jobcoach',
      'Vermittlungsvorschlag', 'Mitwirkungspflichten', 'Weiterbewilligung', 'Erstausstattung',
      'Kosten der Unterkunft', 'KdU', 'Anrechnung', 'Hinzuverdienst', 'Freibetrag', 'Bildungsträger',
      'Zuweisung', 'Berufsberatung der Agentur', 'Teamleitung Jobcenter', 'persönlicher Ansprechpartner',
    ],
  },
  {
    id: 'sprache',
    label: TOPIC_LABELS['sprache'],
    description:
      'Deutsch lernen: Integrationskurs, Berufssprachkurse (DeuFöV), Sprachprüfungen und Sprachniveaus.',
    cues: [
      'Sprachkurs', 'Deutschkurs', 'Integrationskurs', 'IK', 'Berufssprachkurs', 'BSK',
      'Job-BSK', 'DeuFöV', 'DTZ', 'Deutsch-Test für Zuwanderer', 'A1', 'A2', 'B1', 'B2',
      'C1', 'Sprachniveau', 'Sprachzertifikat', 'Sprachprüfung', 'telc', 'Goethe',
      'Kursträger', 'Einstufungstest', 'Orientierungskurs', 'Alphabetisierungskurs',
      'Alphakurs', 'Zweitschriftlernende', 'Teilnahmeberechtigung', 'Verpflichtung',
      'Wiederholerstunden', 'UE', 'Unterrichtseinheiten', 'Fahrtkostenzuschuss', 'Sprachcafé',
      'Deutsch lernen', 'Deutschkenntnisse', 'Sprachkenntnisse', 'Sprache', 'Jugendintegrationskurs',
      'Elternintegrationskurs', 'Frauenintegrationskurs', 'Spezialkurs', 'Kurs', 'Onlinekurs',
      'Leben in Deutschland', 'LiD', 'Sprachlernangebot', 'Sprachmittlung', 'Dolmetscher',
      'Sprachschule', 'Sprachförderung', 'Sprachlehrer', 'Lehrkraft', 'Kursplatz', 'Warteliste',
      'Kursbeginn', 'Abschlusstest', 'Zertifikat', 'Fachsprache', 'Fachsprachkurs', 'Konversation', 'Lernen', 'Alphabetisierung', 'Zweitschriftlerner', 'Kinderbeaufsichtigung',
      'Sprachstand', 'Deutschprüfung', 'Prüfung B1', 'Kursabbruch', 'Kurswechsel', 'Fehlzeiten',
      'Abendkurs', 'Teilzeitkurs', 'Intensivkurs', 'Online-Kurs', 'berufsbegleitend', 'Kursgebühr',
      'Kostenbeitrag', 'Kostenbefreiung', 'Kursgeld', 'Lernmaterial', 'Sprachniveau B2', 'Sprachkenntnisse nachweisen',
      'Deutschkenntnisse nachweisen', 'Sprachzertifikat B1', 'Volkshochschule', 'VHS', 'Sprachgruppe', 'Sprachpate',
    ],
  },
  {
    id: 'anerkennung',
    label: TOPIC_LABELS['anerkennung'],
    description:
      'Anerkennung ausländischer Berufs- und Hochschulabschlüsse: Gleichwertigkeit, Anpassungsqualifizierung, Approbation, Zeugnisbewertung.',
    cues: [
      'Anerkennung', 'Berufsanerkennung', 'anerkennen', 'anerkannt', 'Anerkennungsverfahren',
      'Anerkennungsstelle', 'Anerkennungsberatung', 'Anerkennungszuschuss', 'Gleichwertigkeit',
      'Gleichwertigkeitsprüfung', 'Gleichwertigkeitsbescheid', 'Defizitbescheid',
      'teilweise gleichwertig', 'Anpassungsqualifizierung', 'Anpassungsmaßnahme',
      'Anpassungslehrgang', 'Ausgleichsmaßnahme', 'Kenntnisprüfung', 'Eignungsprüfung',
      'Fachsprachprüfung', 'IHK FOSA', 'FOSA', 'Handwerkskammer', 'HWK', 'ZAB',
      'Zeugnisbewertung', 'Zeugnisse', 'Abschluss', 'Berufsabschluss', 'Hochschulabschluss',
      'Diplom', 'Approbation', 'Berufserlaubnis', 'Berufszulassung', 'reglementiert',
      'Landesverwaltungsamt', 'LVwA', 'Landesschulamt', 'anabin', 'Übersetzung', 'beglaubigt',
      'Berufsurkunde', 'Qualifikationsanalyse', 'IQ Netzwerk', 'Lehrkräfte', 'Lehramt',
      'Ingenieur', 'Ärztin', 'Pflegefachkraft', 'Erzieherin', 'Erzieher',
      'Anerkennungsbescheid', 'Gutachten', 'Bewertung', 'Nachqualifizierung', 'Berufserfahrung', 'Studienabschluss', 'Bachelor', 'Master', 'Kammer', 'Ärztekammer',
      'Berufsbezeichnung', 'Krankenpfleger', 'Pflegekraft', 'Lehrerin', 'Lehrer', 'Apotheker',
      'Physiotherapeut', 'Meisterbrief', 'Gesellenbrief', 'gleichwertig', 'Urkunde', 'Zeugnis',
      'Anerkennungsantrag', 'Gleichwertigkeitsfeststellung', 'Berufsabschluss aus', 'Abschluss aus',
      'Studium im Ausland', 'ausländischer Abschluss', 'ausländische Zeugnisse', 'Staatsexamen', 'Jura',
      'Juristin', 'Ingenieurin', 'Pflegefachfrau', 'Pflegefachmann', 'Hebamme', 'Berufskraftfahrerqualifikation',
      'Führerschein umschreiben', 'Kenntnisstandprüfung', 'Teilanerkennung',
      'Anerkennungsstellen', 'Referenzberuf', 'Landesprüfungsamt', 'Kultusministerium',
    ],
  },
  {
    id: 'ausbildung',
    label: TOPIC_LABELS['ausbildung'],
    description:
      'Berufsausbildung, Einstiegsqualifizierung, Schule und Studium, einschließlich der Förderung während der Ausbildung.',
    cues: [
      'Ausbildung', 'Ausbildungsplatz', 'Ausbildungsstelle', 'Ausbildungsvertrag',
      'Ausbildungsbetrieb', 'Ausbildungsvergütung', 'Ausbildungsduldung', 'Azubi',
      'Auszubildende', 'Auszubildender', 'Berufsschule', 'Berufsfachschule', 'duale Ausbildung',
      'Lehrstelle', 'Lehre', 'EQ', 'Einstiegsqualifizierung', 'Praktikum', 'Schülerpraktikum',
      'Studium', 'studieren', 'Student', 'Studentin', 'Studierende', 'Studienkolleg',
      'Hochschule', 'Universität', 'Uni', 'Fachhochschule', 'Immatrikulation', 'Semester',
      'Hochschulzugang', 'BAföG', 'Berufsausbildungsbeihilfe', 'BAB', 'assistierte Ausbildung',
      'AsA', 'AsA flex', 'ausbildungsbegleitende Hilfen', 'Berufsorientierung',
      'Berufsvorbereitung', 'BvB', 'Schulabschluss', 'Hauptschulabschluss', 'Realschulabschluss',
      'Schule', 'Schüler', 'Berufsberatung', 'Jugendberufsagentur', 'JBA', 'Pflegeausbildung',
      'Pflegefachhelfer', 'Pflegefachhelferin', 'Prüfung', 'Abschlussprüfung',
      'Ausbildungsabbruch', 'Berufseinstiegsbegleitung',
      'Ausbilder', 'Ausbilderin', 'Ausbildungsberuf', 'Ausbildungsbeginn', 'Ausbildungsjahr',
      'Zwischenprüfung', 'Nachhilfe', 'Lernförderung', 'Schulbesuch', 'Schulpflicht', 'Klasse',
      'Berufsvorbereitungsjahr', 'BVJ', 'Pflegeschule', 'Studienplatz', 'Bewerbung um Ausbildung',
      'Ausbildungsmesse', 'Sozialassistent', 'Erzieherausbildung',
      'Schulabgänger', 'Ausbildungsvorbereitung', 'Ausbildungssuche', 'Ausbildungsstart',
      'Berufseinstieg', 'Berufsausbildung', 'schulische Ausbildung', 'Fachschule', 'Berufsorientierungskurs',
      'Abitur', 'Schulzeugnis', 'Schulplatz', 'Nachholen', 'Schulabschluss nachholen', 'Hochschulzugangsberechtigung',
      'Studienberatung', 'Stipendium', 'Azubis', 'Ausbildungsbetriebe', 'Ausbildungsreife',
    ],
  },
  {
    id: 'arbeitgeber',
    label: TOPIC_LABELS['arbeitgeber'],
    description:
      'Fragen von Arbeitgebern zur Einstellung und Beschäftigung Zugewanderter sowie Fragen rund um das Arbeitsverhältnis.',
    cues: [
      'Arbeitgeber', 'Arbeitgeberin', 'Firma', 'Betrieb', 'Unternehmen', 'Unternehmer',
      'Unternehmerin', 'einstellen', 'Einstellung', 'anstellen', 'beschäftigen', 'Beschäftigung',
      'Mitarbeiter', 'Mitarbeiterin', 'Mitarbeitende', 'Fachkraft', 'Fachkräfte',
      'Fachkräftemangel', 'Arbeitsvertrag', 'Probezeit', 'Lohn', 'Gehalt', 'Mindestlohn',
      'Minijob', 'Vollzeit', 'Stelle', 'Bewerber', 'Bewerberin', 'Bewerbung', 'Personal',
      'Personalabteilung', 'Handwerksbetrieb', 'Kündigung', 'gekündigt', 'Arbeitsrecht',
      'Leiharbeit', 'Zeitarbeit', 'Arbeitsplatz', 'Arbeitsstelle', 'Arbeitnehmer',
      'Chef', 'Chefin', 'Geschäftsführer', 'Geschäftsführerin', 'Inhaber', 'Inhaberin', 'Schicht',
      'Saisonarbeit', 'Saisonkräfte', 'Onboarding', 'Welcome Center', 'Pflegeheim', 'Pflegedienst',
      'Bäckerei', 'Restaurant', 'Hotel', 'Spedition', 'Baufirma', 'Logistik', 
      'Vorgesetzter', 'Arbeitszeit', 'Überstunden', 'Arbeitsaufnahme',
      'Anstellung', 'Jobangebot', 'Stellenangebot',
      'Personalleiter', 'Personalleiterin', 'Personaler', 'Geschäftsführung', 'Handwerksmeister',
      'Meister', 'Genossenschaft', 'Agrargenossenschaft', 'Gebäudereinigung', 'Reinigungsfirma',
      'Werkstatt', 'Werk', 'Landwirtschaft', 'Gastronomie', 'Klinik', 'Belegschaft', 'Beschäftigte',
      'Arbeitskräfte', 'Helfer', 'Facharbeiter', 'Monteur', 'Anwerbung', 'anwerben', 'Rekrutierung',
      'Stellenanzeige', 'Vorstellungsgespräch', 'Arbeitsschutz', 'Gewerkschaft', 'Betriebsrat',
      'Auftrag', 'Kunden', 'Team', 'Arbeitsbedingungen', 'Lohnabrechnung',
      'Firmenchef', 'Personalvermittler', 'Personalvermittlung', 'Arbeitgeberverband', 'Unternehmerverband',
      'Betriebe', 'Unternehmen einstellen', 'Arbeitskräftemangel', 'Stellen besetzen', 'offene Stellen',
      'Erntehelfer', 'Schweißer', 'Fahrer', 'Berufskraftfahrer', 'Pflegehelfer', 'Küchenhilfe',
      'Produktionshelfer', 'Lagerarbeiter', 'Arbeitsausbeutung', 'Lohnabzug', 'Arbeitsunfall',
      'Einarbeitung', 'Mentoren', 'Integrationsmanagement', 'betrieblich', 'Zeitarbeitsfirma',
    ],
  },
  {
    id: 'ehrenamt',
    label: TOPIC_LABELS['ehrenamt'],
    description:
      'Rolle, Qualifizierung, Absicherung und Koordination von Ehrenamtlichen in der Begleitung Zugewanderter.',
    cues: [
      'Ehrenamt', 'ehrenamtlich', 'Ehrenamtliche', 'Ehrenamtlicher', 'Freiwillige', 'freiwillig',
      'Pate', 'Patin', 'Paten', 'Patenschaft', 'Patenschaftsprojekt', 'Mentor', 'Mentorin',
      'Mentoring', 'Helferkreis', 'Helfer', 'Helferin', 'Willkommensinitiative', 'Initiative',
      'Ehrenamtskoordination', 'Ehrenamtskoordinator', 'Ehrenamtskoordinatorin',
      'Aufwandsentschädigung', 'Ehrenamtspauschale', 'Übungsleiterpauschale', 'Schulung',
      'Fortbildung', 'Supervision', 'Abgrenzung', 'Rechtsdienstleistung', 'Haftpflicht',
      'Unfallversicherung', 'Engagement', 'engagieren', 'engagiert', 'Bundesfreiwilligendienst',
      'BFD', 'Freiwilligenagentur', 'Ehrenamtsbörse', 'Überlastung', 'begleiten', 'Begleitung',
      'Ehrenamtsgruppe', 'Ehrenamtskreis', 'Integrationshelfer', 'Begleiterin', 'Begleiter',
      'Lernpate', 'Lernpatin', 'Familienpate', 'Vollmacht', 'Grenzen', 'Nähe und Distanz',
      'Helferinnen', 'Unterstützerkreis', 'Flüchtlingshilfe', 'ehrenamtlicher Dolmetscher',
      'Fahrdienst', 'Kilometergeld', 'Fahrtkosten', 'Ehrenamtspreis', 'Anerkennungskultur',
      'Freiwilligenarbeit', 'Nachwuchs', 'neue Ehrenamtliche',
      'Ehrenamtsnetzwerk', 'Patenschaften', 'Flüchtlingspatenschaften', 'FSJ', 'Freiwilliges Soziales Jahr',
      'Einsatzstellen', 'Engagierte', 'Ehrenamtsbeauftragte', 'Ehrenamtsagentur', 'Helferkreise',
      'Unterstützer', 'Unterstützerin', 'Fortbildungsreihe', 'Schulungen für Ehrenamtliche',
      'Datenschutz im Ehrenamt', 'Schweigepflicht', 'Haftung', 'Trainer', 'Übungsleiter', 'Vereinsmitglieder',
    ],
  },
  {
    id: 'migrantenorganisationen',
    label: TOPIC_LABELS['migrantenorganisationen'],
    description:
      'Migrantenorganisationen: Gründung, Professionalisierung, Beteiligung und Unterstützung.',
    cues: [
      'Migrantenorganisation', 'Migrantenorganisationen', 'MO', 'MSO', 'MOs',
      'Migrantenselbstorganisation', 'Migrantenverein', 'Verein', 'e.V.',
      'Vereinsgründung', 'Vereinsregister', 'Satzung', 'Gemeinnützigkeit', 'gemeinnützig',
      'Vorstand', 'Mitglieder', 'Mitgliederversammlung', 'Dachverband', 'LAMSA', 'Community',
      'Diaspora', 'Moscheegemeinde', 'Empowerment', 'Professionalisierung',
      'Interessenvertretung', 'Integrationsbeirat', 'Migrationsbeirat', 'Ausländerbeirat',
      'Beteiligung', 'Partizipation', 'Selbstorganisation', 'Selbsthilfe', 'Landsleute',
      'Vereinsräume', 'Kulturfest',
      'Vereine', 'Vereinsarbeit', 'Vereinsvorstand', 'Vereinsvermögen', 'Netzwerk der MO',
      'Communities', 'Gemeinde', 'Kulturzentrum', 'Frauenverein', 'Elternverein',
      'Unternehmervereinigung', 'Landsmannschaft', 'Muttersprachunterricht', 'Eintragung',
      'Registergericht', 'Ehrenamtliche Strukturen', 'hauptamtlich', 'Hauptamt', 'Strukturförderung',
      'Selbstorganisationen', 'migrantische Vereine', 'Community-Verein', 'Diaspora-Verein',
      'Vereinskonto', 'Spenden', 'Spendenquittung', 'Zuwendungsnachweis',
      'Afrikanischer Verein', 'Arabischer Verein', 'ukrainischer Verein', 'vietnamesischer Verein',
      'Moschee', 'Kirchengemeinde', 'Religionsgemeinschaft', 'Schlüsselpersonen', 'Multiplikatoren',
    ],
  },
  {
    id: 'frauen-familie',
    label: TOPIC_LABELS['frauen-familie'],
    description:
      'Angebote für Frauen und Familien: Kinderbetreuung, Alleinerziehende, Schwangerschaft, Teilzeitmaßnahmen, Vereinbarkeit.',
    cues: [
      'Frauen', 'Mutter', 'Mütter', 'Alleinerziehend', 'alleinerziehende', 'Kind', 'Kinder',
      'Kita', 'Kitaplatz', 'Kindergarten', 'Kinderbetreuung', 'Kinderbeaufsichtigung',
      'Tagesmutter', 'Tagespflege', 'Hort', 'schwanger', 'Schwangerschaft', 'Mutterschutz',
      'Elternzeit', 'Elterngeld', 'Kindergeld', 'Kinderzuschlag', 'Teilzeit',
      'Teilzeitausbildung', 'Teilzeitkurs', 'Familie', 'Frauenkurs', 'Frauenintegrationskurs',
      'Frauengruppe', 'Frauentreff', 'Frauenprojekt', 'häusliche Gewalt', 'Frauenhaus',
      'Eltern', 'Baby', 'Säugling', 'Familienzentrum', 'Mehrgenerationenhaus', 'Vereinbarkeit',
      'Betreuung', 'Elternteil', 'Ehefrau', 'Ehemann', 'Tochter', 'Sohn', 'Witwe',
      'Migrantinnen', 'Frauenzentrum', 'Gleichstellungsbeauftragte', 'Gründerinnen', 'junge Mütter', 'Kinderbetreuungskosten', 'Kinderbetreuungszuschlag', 'Kinderzimmer',
      'verheiratet', 'Trennung', 'getrennt', 'Scheidung', 'Unterhalt', 'Unterhaltsvorschuss',
      'Geburt', 'Hebamme', 'Stillzeit', 'Schwangere', 'Jugendamt', 'Frauenberatung',
      'Frauenschutz', 'Beratung für Frauen', 'Familienkasse', 'Familiennachzug',
      'Frauencafé', 'Frauenfrühstück', 'Mütterkurs', 'Mutter-Kind', 'Mutter-Kind-Gruppe', 'Kindern',
      'Kleinkind', 'Säuglinge', 'Schwangerschaftsberatung', 'Geburtstermin', 'Elternabend', 'Elternarbeit',
      'Vereinbarkeit von Familie und Beruf', 'Teilzeitstelle', 'Teilzeitstellen', 'vormittags', 'Betreuungsplatz',
      'Kitagebühren', 'Großmütter', 'Ehepartner', 'Partnerin', 'Familienberatung', 'Gewaltschutz',
    ],
  },
  {
    id: 'netzwerk',
    label: TOPIC_LABELS['netzwerk'],
    description:
      'Lokale Netzwerke, Zuständigkeiten, die richtige Ansprechperson finden, Fallkonferenzen und Kooperation der Stellen.',
    cues: [
      'Netzwerk', 'Netzwerke', 'Netzwerktreffen', 'Vernetzung', 'vernetzen', 'zuständig',
      'Zuständigkeit', 'Zuständigkeiten', 'wer ist zuständig', 'Ansprechpartner',
      'Ansprechpartnerin', 'Ansprechperson', 'Kontakt', 'Kontaktdaten', 'Fallkonferenz',
      'Runder Tisch', 'Arbeitskreis', 'Integrationskoordinator', 'Integrationskoordinatorin',
      'Integrationskoordination', 'Koordinierungsstelle', 'Kooperation', 'Kooperationspartner',
      'Kooperationsvereinbarung', 'Beratungsstelle', 'Beratungsstellen', 'Beratungsangebote',
      'Übersicht', 'Wegweiser', 'Anlaufstelle', 'weiterleiten', 'weiterverweisen', 'Verweis',
      'MBE', 'Migrationsberatung', 'JMD', 'Jugendmigrationsdienst', 'Lotsen', 'Steuerungsgruppe',
      'Integrationsnetzwerk', 'Austausch', 'Akteure', 'Träger', 'Schnittstelle', 'an wen',
      'wohin', 'Ansprechstelle', 'Koordination', 'Einladung', 'eingeladen',
      'Fallbesprechung', 'Case Management', 'koordiniert', 'koordinieren', 'abstimmen', 'Abstimmung',
      'moderieren', 'Netzwerkstelle', 'Netzwerkarbeit', 'Netzwerkpartner',
      'Kontakte', 'vermitteln', 'Vermittlung an', 'weitergeleitet',
      'weitergeschickt', 'schickt weiter', 'niemand zuständig', 'keiner zuständig', 'Sozialamt',
      'Landkreis', 'Kommune', 'Stadtverwaltung', 'Partner', 'Bündnis', 'Kooperationspartnerin',
      'Fachtag', 'Infoabend', 'Informationsveranstaltung', 'Referierende', 'Referenten', 'Veranstaltung',
      'Doppelstrukturen', 'Angebote bündeln', 'Übersicht der Angebote', 'Angebotslandkarte', 'Liste',
      'Integrationsbeauftragte', 'Integrationsbeauftragter', 'Migrationsagentur', 'Welcome Center',
      'Verweisberatung', 'weitervermitteln', 'Zuständigkeitsfrage', 'Clearing', 'Clearingstelle', 'Lotsenprojekt',
    ],
  },
  {
    id: 'foerderung',
    label: TOPIC_LABELS['foerderung'],
    description:
      'Förderprogramme und Finanzierung für Projekte und Organisationen: Anträge, Richtlinien, Eigenanteil, Nachweise.',
    cues: [
      'Förderung', 'fördern', 'gefördert', 'Fördermittel', 'Förderprogramm', 'Förderantrag',
      'Förderrichtlinie', 'Förderaufruf', 'Fördermittelgeber', 'Förderzeitraum',
      'Projektförderung', 'Projektantrag', 'Antrag', 'Antragstellung', 'Antragsfrist',
      'ESF', 'ESF Plus', 'ESF+', 'AMIF', 'Zuwendung', 'Zuwendungsbescheid', 'Eigenanteil',
      'Eigenmittel', 'Kofinanzierung', 'Finanzierung', 'finanzieren', 'Richtlinie',
      'Bundesprogramm', 'Mittelabruf', 'Verwendungsnachweis', 'Sachbericht',
      'Stiftung', 'Budget', 'Personalkosten', 'Sachkosten', 'Mikroprojekt', 'Integrationsfonds',
      'Investitionsbank', 'Projektlaufzeit', 'Projekt', 'Geld', 'Zuschuss', 'Spenden',
      'Anschlussfinanzierung', 'Haushalt', 'Honorar', 'Honorarkosten',
      'Förderbescheid', 'Fördertopf', 'Förderprogramme', 'Fördergeld', 'Landesmittel',
      'Bundesmittel', 'Projektmittel', 'Drittmittel', 'Mittel', 'Sponsoring', 'Preisgeld',
      'Zuwendungsbestätigung', 'abrechnen', 'abrechenbar', 'Abrechnung', 'förderfähig',
      'Ausgaben', 'Kosten', 'Demokratie leben', 'Partnerschaft für Demokratie', 'Aktion Mensch',
      'Lotto', 'Lottomittel', 'Bewilligungszeitraum', 'vorzeitiger Maßnahmebeginn', 'Vergabe',
      'Fördermöglichkeiten', 'Fördermittelberatung', 'Landesgeld', 'LEADER', 'Kommunalrichtlinie',
      'Integrationsrichtlinie', 'Teilhaberichtlinie', 'Zuwendungsempfänger', 'Weiterleitung der Mittel',
      'Eigenleistung', 'Overhead', 'Verwaltungspauschale', 'Mittelverwendung', 'Rückforderung der Mittel',
      'Antragsverfahren', 'Förderperiode', 'Förderantrag stellen', 'Projektidee', 'Projektbeginn', 'Fördertöpfe',
    ],
  },
  {
    id: 'diskriminierung',
    label: TOPIC_LABELS['diskriminierung'],
    description:
      'Diskriminierung und Rassismus, etwa am Arbeitsplatz, bei Behörden oder bei der Wohnungssuche, und wo Betroffene Beratung finden.',
    cues: [
      'Diskriminierung', 'diskriminiert', 'diskriminierend', 'Rassismus', 'rassistisch',
      'beleidigt', 'Beleidigung', 'beschimpft', 'Benachteiligung', 'benachteiligt',
      'Ungleichbehandlung', 'AGG', 'Gleichbehandlungsgesetz', 'Antidiskriminierungsstelle',
      'Antidiskriminierungsberatung', 'Mobbing', 'gemobbt', 'Anfeindung', 'angefeindet',
      'Angriff', 'angegriffen', 'Übergriff', 'Hetze', 'rechtsextrem', 'Bedrohung', 'bedroht',
      'Vorurteil', 'Vorurteile', 'Kopftuch', 'Herkunft', 'Hautfarbe', 'ausländisch klingend',
      'Opferberatung', 'Mobile Opferberatung', 'Racial Profiling', 'Schikane', 'schikaniert',
      'Ausgrenzung', 'ausgegrenzt', 'herabwürdigend', 'Beschwerde', 'abwertend', 'Sprüche',
      'verweigert', 'Ungerechtigkeit', 'ungerecht',
      'Ausländer', 'Ausländern', 'Kanake', 'Affenlaute', 'Nazi', 'Hakenkreuz', 'rechte Gewalt',
      'rechter Gewalt', 'Drohbrief', 'anonyme Briefe', 'Schmiererei', 'bespuckt', 'angepöbelt',
      'Einlass', 'nicht rein', 'nicht reingelassen', 'Türsteher', 'Stammgäste', 'schlechter behandelt',
      'anders behandelt', 'weniger bezahlt', 'nur Deutsche', 'deutsche Kollegen', 'wegen Herkunft',
      'wegen Kopftuch', 'wegen Hautfarbe', 'wegen des Namens', 'Vorfall', 'Betroffene', 'Betroffener',
      'Zeugen', 'Anzeige', 'Strafanzeige', 'Gleichbehandlung', 'ADS', 'Meldestelle', 'Gewalt',
      'Beschimpfung', 'Witze', 'Mobbing am Arbeitsplatz', 'Antisemitismus', 'Islamfeindlichkeit',
      'abgewiesen', 'weist ab', 'verweigert die Anmeldung', 'nicht bedient', 'Hausverbot',
      'Racial', 'Stereotype', 'Vorurteilen', 'herabgesetzt', 'gedemütigt', 'ausgelacht', 'beschimpfen',
      'ausländerfeindlich', 'fremdenfeindlich', 'rassistischem', 'rassistische', 'Anfeindungen', 'verfolgt',
      'Kleiderordnung', 'Kopftuchverbot', 'Leute wie Sie', 'Ausländer raus', 'Beschwerdestelle', 'Gleichstellung',
    ],
  },
  {
    id: 'sonstiges',
    label: TOPIC_LABELS['sonstiges'],
    description: 'Alles, was keinem anderen Thema zugeordnet werden kann.',
    cues: [
      'Wohnung', 'Wohnungssuche', 'Miete', 'Mietvertrag', 'Vermieter', 'Wohngeld',
      'Führerschein', 'Krankenversicherung', 'Krankenkasse', 'Rente', 'Steuer', 'Steuererklärung',
      'Steuer-ID', 'Bankkonto', 'Konto', 'Handyvertrag', 'Schulden', 'Inkasso', 'Umzug',
      'Rundfunkbeitrag', 'GEZ', 'Fahrrad', 'Nahverkehr', 'Deutschlandticket', 'Pressefrage',
      'Presse', 'Statistik', 'Datenschutz', 'Internetseite', 'Flyer',
      'Führerscheinstelle', 'Fahrschule', 'umschreiben', 'Strom', 'Gas', 'Abschlag',
      'Nebenkosten', 'Nebenkostenabrechnung', 'Kaution', 'Mietkaution', 'WG', 'Zimmer', 'Schufa',
      'Kredit', 'Bank', 'Auto', 'Internet', 'Internetvertrag', 'Vertrag gekündigt', 'Verbraucherzentrale',
      'Mahnung', 'Mahnungen', 'Krankenhaus', 'Arzt', 'Pflegegrad', 'Pflegekasse', 'Impfung',
      'Impfpass', 'Versicherung', 'Reiseversicherung', 'Bürgeramt', 'falsch verbunden', 'verwählt', 'aufgelegt', 'kein Anliegen',
      'ohne Anliegen', 'Testanruf', 'Werbeanruf', 'Grundversorgung',
      'Rechnung', 'Nachzahlung', 'Anwalt', 'Gericht', 'Strafe', 'Bußgeld', 
      'Wohnungsbaugesellschaft', 'Hausverwaltung', 'Nachbarn', 'Freizeit', 'Sport', 'Urlaub',
      'Wohnungsamt', 'Mietschulden', 'Räumung', 'Obdachlos', 'Schuldnerberatung',
      'Tafel', 'Lebensmittel', 'Kleiderkammer', 'Möbel', 'Kontoeröffnung', 'Basiskonto', 'Handy', 'Telefonvertrag',
      'Steuernummer', 'Kfz', 'Führerscheinprüfung', 'Krankenschein', 'Hausarzt', 'Therapie',
      'Rentenversicherung', 'Bestattung', 'Heimreise', 'Besuchsvisum', 'Reisepass verloren', 'Fundbüro',
    ],
  },
];

const BY_ID = new Map<TopicId, Topic>(TOPICS.map((t) => [t.id, t]));

/** The topic with this id; throws for an unknown id (a programming error). */
export function topicById(id: TopicId): Topic {
  const topic = BY_ID.get(id);
  if (!topic) throw new Error(`taxonomy: unknown topic id "${id}"`);
  return topic;
}

/** The German label of a topic. */
export function topicLabel(id: TopicId): string {
  return topicById(id).label;
}
