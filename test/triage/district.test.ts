import t, { type Test } from 'tap';
import { detectDistrict, findPlaceMentions } from '../../src/triage/district.js';
import { loadGazetteer, readGazetteerData } from '../../src/triage/gazetteer.js';

const data = readGazetteerData();
const gazetteer = loadGazetteer();

type Expect = [note: string, code: string | null, evidence?: string];

function check(t: Test, cases: readonly Expect[]): void {
  for (const [note, code, evidence] of cases) {
    const got = detectDistrict(note);
    if (code === null) {
      t.equal(got, null, `${note} → no district (got ${got?.code} "${got?.evidence}")`);
      continue;
    }
    t.match(got, { code, evidence }, `${note} → ${code} "${evidence}"`);
    if (got !== null) {
      t.equal(note.slice(got.start, got.end), got.evidence, 'offsets point at the evidence');
      t.equal(got.name, gazetteer.districtName(code));
    }
  }
}

/** Names that exist twice in the state: the municipality is meant unless the note says otherwise. */
const TWICE_IN_STATE: { name: string; municipality: string; ortsteil: string; plz: string }[] = [
  { name: 'Erxleben', municipality: '15083', ortsteil: '15090', plz: '39606' }, // OT of Osterburg
  { name: 'Hedersleben', municipality: '15085', ortsteil: '15087', plz: '06295' }, // OT of Eisleben
  { name: 'Bornstedt', municipality: '15087', ortsteil: '15083', plz: '39343' }, // OT of Hohe Börde
  { name: 'Seehausen', municipality: '15090', ortsteil: '15083', plz: '39365' }, // OT of Wanzleben-Börde
];

t.test('every municipality, as named in the gazetteer, resolves to its district', async (t) => {
  t.equal(data.municipalities.length, 218);
  let ok = 0;
  for (const m of data.municipalities) {
    const note = `Anruf aus ${m.name}, Frage zur Arbeitserlaubnis.`;
    const got = detectDistrict(note);
    if (got?.code === m.district && got.evidence === m.name) ok++;
    else t.fail(`${m.name}: expected ${m.district} "${m.name}", got ${got?.code} "${got?.evidence}"`);
  }
  t.equal(ok, 218, '100 % of municipalities');
});

t.test('every municipality form (core names, honorific prefixes, qualifier forms)', async (t) => {
  let n = 0;
  for (const [surface, kind, codes, flags = ''] of data.names) {
    if (kind !== 'm' || flags.includes('u')) continue;
    const note = `Anruf aus ${surface}, Frage zur Arbeitserlaubnis.`;
    const got = detectDistrict(note);
    // a trailing abbreviation dot ("Halle/S.") is not part of the evidence
    const evidence = surface.replace(/\.$/, '');
    // names that exist twice in the state resolve to the municipality (first code)
    t.match(got, { code: codes.split(' ')[0], evidence }, surface);
    n++;
  }
  t.ok(n > 300, `${n} forms`);
});

t.test('names that exist twice in the state (documented exceptions)', async (t) => {
  for (const { name, municipality, ortsteil, plz } of TWICE_IN_STATE) {
    t.match(detectDistrict(`Anruf aus ${name}, Frage zur Arbeitserlaubnis.`), { code: municipality, evidence: name });
    t.match(detectDistrict(`Klient wohnt in ${plz} ${name}, Frage zum Sprachkurs.`), { code: ortsteil, evidence: name });
  }
});

t.test('unambiguous Ortsteile resolve to their district', async (t) => {
  let n = 0;
  for (const [surface, kind, codes, flags = ''] of data.names) {
    if (kind !== 'o' || /[acd]/.test(flags)) continue;
    const got = detectDistrict(`Anruf aus ${surface}, Frage zur Arbeitserlaubnis.`);
    if (got?.code !== codes || got.evidence !== surface.replace(/\.$/, '')) {
      t.fail(`${surface}: expected ${codes}, got ${got?.code} "${got?.evidence}"`);
    } else n++;
  }
  t.ok(n > 950, `${n} Ortsteil names`);
});

t.test('lower case and without umlauts', async (t) => {
  const sample = data.municipalities.filter((_, i) => i % 5 === 0);
  const lower = (s: string): string => s.toLowerCase();
  const ae = (s: string): string =>
    s.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/Ä/g, 'Ae').replace(/Ö/g, 'Oe').replace(/Ü/g, 'Ue').replace(/ß/g, 'ss');
  const bare = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss');
  for (const m of sample) {
    for (const variant of [lower(m.name), ae(m.name), bare(m.name), lower(ae(m.name))]) {
      // an all-lower-case note: capitals tell nothing, context still needed
      const note = `anruf aus ${variant}, frage zur arbeitserlaubnis.`;
      t.match(detectDistrict(note), { code: m.district, evidence: variant }, note);
    }
  }
  check(t, [
    ['Anrufer aus Koethen fragt nach Berufssprachkurs.', '15082', 'Koethen'],
    ['Anrufer aus Kothen fragt nach Berufssprachkurs.', '15082', 'Kothen'],
    ['Klientin wohnt in Schoenebeck, Termin bei der ABH.', '15089', 'Schoenebeck'],
    ['Anruf aus Weissenfels wegen Anerkennung.', '15084', 'Weissenfels'],
    ['Familie wohnt in Grafenhainichen, Frage zur Kita.', '15091', 'Grafenhainichen'],
    ['Ehrenamtliche aus ROSSLAU fragt nach Sprachcafe.', '15001', 'ROSSLAU'],
  ]);
});

t.test('a town or district name typed with one slip of the finger', async (t) => {
  check(t, [
    // one letter swapped, missing, doubled or wrong, after a word that introduces a place
    ['Anruf aus Sangerhuasen, Frage zur Arbeitserlaubnis.', '15087', 'Sangerhuasen'],
    ['Kundin wohnt in Quedlinbrug und sucht einen Berufssprachkurs.', '15085', 'Quedlinbrug'],
    ['Familie aus Weisenfels fragt nach dem Kinderzuschlag.', '15084', 'Weisenfels'],
    ['JC Stendla verlangt B1 vor der Umschulung.', '15090', 'Stendla'],
    ['arbeitgeber aus bitterfeldd will zwei geflüchtete einstellen', '15082', 'bitterfeldd'],
    // a doubled letter in a short name
    ['Pflegeschule in Desssau fragt nach Sprachförderung für Azubis.', '15001', 'Desssau'],
    ['Elektrobetrieb aus Hallle will einen Syrer einstellen.', '15002', 'Hallle'],
    ['Kundin in Zeiitz bekommt Bürgergeld und hat einen Minijob.', '15084', 'Zeiitz'],
    // a long name needs no place word before it
    ['Handwerkskammer Magdeeburg plant einen Infoabend für Betriebe.', '15003', 'Magdeeburg'],
    ['Unternehmerverband Burgenlaandkreis fragt nach Fördermitteln.', '15084', 'Burgenlaandkreis'],
    // a doubled letter in a name of seven letters or more needs no place word either
    ['Metallbau Gentthin, zwei Mitarbeiter brauchen Fachsprache.', '15086', 'Gentthin'],
    ['Kita-Leitung Stenndal-Stadtsee: Mütter wollen arbeiten.', '15090', 'Stenndal'],
    // after an organisation noun, as for a town written right
    ['Frauenzentrum Desssau will Bewerbungscoaching anbieten.', '15001', 'Desssau'],
    ['Berufsberaterin AfA Desssau: junger Mann mit Gestattung, Reha?', '15001', 'Desssau'],
    ['Reinigungsfirma Desssau will zwei Ukrainerinnen einstellen.', '15001', 'Desssau'],
    ['Frauenhaus Desssau: Bewohnerin will sich trennen und arbeiten.', '15001', 'Desssau'],
    // a place named as written wins over a misspelling
    ['Kunde aus Sangerhuasen, JC Halle zahlt nicht.', '15002', 'Halle'],
  ]);
});

t.test('no misspelt place where there is none', async (t) => {
  check(t, [
    // countries of origin one letter away from a place of ours (Finneland, Kamern)
    ['Frau aus Finnland fragt nach der Anerkennung ihres Abschlusses.', null],
    ['Student aus Kamerun, Werkstudentenjob, gilt die 20-Stunden-Grenze?', null],
    ['Familie zieht von Stendal nach Finnland, was passiert mit dem Kindergeld?', null],
    // short names need a doubled letter, not any slip ("Zeotz", "Thalr")
    ['Kundin aus Zeotz fragt nach dem Integrationskurs.', null],
    // a common word or a place elsewhere needs a place word ("in der Hallle")
    ['Sportgruppe trifft sich in der Hallle, Ehrenamtliche gesucht.', null],
    // common words one edit from a village (Stedten, Greuzen) after a place word
    ['Wartelisten für Kitaplätze in Städten, fehlende Kurse auf dem Land.', null],
    ['Die Gebühren halten sich in Grenzen, sagt der Notar.', null],
    // the first letter must be right; lower-case words in a note with capitals are no names
    ['Anruf aus Pangerhausen zur Arbeitserlaubnis.', null],
    ['Klientin möchte in magdeeburg eine Ausbildung machen.', null],
    // a misspelt name with the qualifier of its namesake elsewhere is that namesake
    ['Anrufer aus Hallle (Westf.), JC Gütersloh zahlt die Umzugskosten nicht.', null],
    ['Anruf aus Coswwig bei Dresden: Azubi soll nur noch ins Lager.', null],
    // a plural with a doubled letter is a word, not a short name (Kammern: Kamern)
    ['Beratung: Arbeitgeberservice der Agentur, Kammern, IQ Netzwerk.', null],
  ]);
});

t.test('hyphen, space and prefix variants', async (t) => {
  check(t, [
    ['Anruf aus Bitterfeld Wolfen, Frage zum Berufssprachkurs.', '15082', 'Bitterfeld Wolfen'],
    ['Anruf aus Bitterfeld-Wolfen, Frage zum Berufssprachkurs.', '15082', 'Bitterfeld-Wolfen'],
    ['Sandersdorf-Brehna: Arbeitgeber fragt nach Einstiegsqualifizierung.', '15082', 'Sandersdorf-Brehna'],
    ['Arbeitgeber in Sandersdorf Brehna fragt nach EQ.', '15082', 'Sandersdorf Brehna'],
    ['Anruf aus Lutherstadt Wittenberg wegen Anerkennung eines Pflegeabschlusses.', '15091', 'Lutherstadt Wittenberg'],
    ['Lutherstadt Eisleben: Migrantenverein sucht Räume.', '15087', 'Lutherstadt Eisleben'],
    ['Hansestadt Stendal, Integrationskoordinatorin fragt nach Netzwerktreffen.', '15090', 'Hansestadt Stendal'],
    ['Die Hansestadt Gardelegen plant ein Willkommensfest.', '15081', 'Hansestadt Gardelegen'],
    ['Klient wohnt in Großquenstedt, Frage zum Führerschein.', '15085', 'Großquenstedt'],
    ['Klient wohnt in Oschersleben (Bode), Frage zum Jobticket.', '15083', 'Oschersleben (Bode)'],
    ['Klient wohnt in Oschersleben, Frage zum Jobticket.', '15083', 'Oschersleben'],
    ['Anfrage aus Zerbst/Anhalt zur Kita.', '15082', 'Zerbst/Anhalt'],
    ['Anfrage aus Halle an der Saale zur Kita.', '15002', 'Halle an der Saale'],
    ['Anruf aus Dessau, Frage zum Integrationskurs.', '15001', 'Dessau'],
  ]);
});

t.test('district names and their usual forms', async (t) => {
  check(t, [
    ['Anfrage aus dem Landkreis Harz zur Fachkräfteeinwanderung.', '15085', 'Landkreis Harz'],
    ['LK Harz: Integrationskoordinatorin bittet um Rückruf.', '15085', 'LK Harz'],
    ['Lkr. Börde, Jobcenter fragt nach Berufssprachkursen.', '15083', 'Lkr. Börde'],
    ['Familie lebt in der Börde, Frage zum Kinderzuschlag.', '15083', 'Börde'],
    ['Kreis Stendal: Netzwerktreffen Migration geplant.', '15090', 'Kreis Stendal'],
    ['Ehrenamtliche im Burgenlandkreis fragen nach Fahrtkosten.', '15084', 'Burgenlandkreis'],
    ['BLK: Anfrage zur Anerkennung als Erzieherin.', '15084', 'BLK'],
    ['Anfrage aus dem Saalekreis zu Integrationskursen.', '15088', 'Saalekreis'],
    ['Salzlandkreis: neue Migrationsberatung gesucht.', '15089', 'Salzlandkreis'],
    // genitive
    ['Die Integrationskoordinatorin des Saalekreises bat um eine Liste.', '15088', 'Saalekreises'],
    ['Migrationsagentur des Burgenlandkreises hilft bei Anträgen.', '15084', 'Burgenlandkreises'],
    ['Website des Altmarkkreises Salzwedel nennt die Beratungsstellen.', '15081', 'Altmarkkreises Salzwedel'],
    ['Jobcenter SLK fragt nach Job-BSK.', '15089', 'SLK'],
    ['Landkreis Anhalt-Bitterfeld sucht Dolmetscher.', '15082', 'Landkreis Anhalt-Bitterfeld'],
    ['Netzwerk im LK ABI fragt nach Fördermitteln.', '15082', 'LK ABI'],
    ['Integrationskoordination Altmarkkreis Salzwedel bittet um Infos.', '15081', 'Altmarkkreis Salzwedel'],
    ['Im Altmarkkreis fehlen Sprachkurse.', '15081', 'Altmarkkreis'],
    ['Verein im Jerichower Land sucht Ehrenamtliche.', '15086', 'Jerichower Land'],
    ['Anfrage aus dem LK JL zur Kita-Betreuung.', '15086', 'LK JL'],
    ['MSH: Arbeitgeber sucht Pflegehelfer.', '15087', 'MSH'],
    ['Landkreis Mansfeld-Südharz: Frage zur Einbürgerung.', '15087', 'Landkreis Mansfeld-Südharz'],
    ['Netzwerktreffen im Mansfelder Land geplant.', '15087', 'Mansfelder Land'],
    ['Landkreis Wittenberg: Frage zur Duldung.', '15091', 'Landkreis Wittenberg'],
    ['Der Ohrekreis heißt heute anders; Frage zu alten Bescheiden.', '15083', 'Ohrekreis'],
  ]);
});

t.test('town adjectives and demonyms', async (t) => {
  check(t, [
    ['Die Magdeburger Ausländerbehörde verlangt einen Pass.', '15003', 'Magdeburger'],
    ['Ein Hallenser Verein sucht Ehrenamtliche.', '15002', 'Hallenser'],
    ['Die Hallesche Tafel fragt nach Dolmetschern.', '15002', 'Hallesche'],
    ['Beim halleschen Jobcenter gab es Probleme.', '15002', 'halleschen'],
    ['Naumburger Firma will Azubis aus Vietnam einstellen.', '15084', 'Naumburger'],
    ['Der Dessauer Migrantenverein sucht Räume.', '15001', 'Dessauer'],
    ['Eine Stendaler Kita fragt nach Sprachförderung.', '15090', 'Stendaler'],
    ['Wernigeröder Hotel sucht Fachkräfte.', '15085', 'Wernigeröder'],
    ['Der Quedlinburger Integrationsbeirat lädt ein.', '15085', 'Quedlinburger'],
    ['Ein Köthener Betrieb fragt nach Westbalkanregelung.', '15082', 'Köthener'],
    ['Die Wittenberger Ausländerbehörde ist überlastet.', '15091', 'Wittenberger'],
    ['Ein Zeitzer Pflegedienst sucht Personal.', '15084', 'Zeitzer'],
    ['Die Schönebecker Tafel bittet um Hilfe.', '15089', 'Schönebecker'],
    ['Die Merseburgerin fragt nach Anerkennung.', '15088', 'Merseburgerin'],
    ['Ein Haldensleber Unternehmen fragt nach Blue Card.', '15083', 'Haldensleber'],
    // regular -er forms of any municipality or Ortsteil
    ['Eine Gerwischer Familie fragt nach Wohngeld.', '15086', 'Gerwischer'],
    ['Der Genthiner Sportverein sucht Übungsleiter.', '15086', 'Genthiner'],
    ['Ein Erxleber Landwirt sucht Saisonkräfte.', '15083', 'Erxleber'],
    ['Der Nedlitzer Verein sucht Helfer.', null],
    ['Wohnung in der Zerbster Straße gefunden, Frage zur Kaution.', null],
  ]);
});

t.test('postal codes', async (t) => {
  check(t, [
    ['PLZ 39576, Frage zur Anerkennung.', '15090', '39576'],
    ['Anschrift: Markt 1, 06618, Klientin fragt nach Integrationskurs.', '15084', '06618'],
    ['06618 Naumburg, Frage zur Kinderbetreuung.', '15084', 'Naumburg'],
    ['D-06108 – Frage zum Bildungsgutschein.', '15002', '06108'],
    // a postal code in two districts only helps to decide
    ['PLZ 06120, Frage zum Sprachkurs.', null],
    ['PLZ 06120, Klient wohnt in Halle.', '15002', 'Halle'],
    ['06120 Lieskau, Frage zur Kita.', '15088', 'Lieskau'],
    ['Klient wohnt in 39606 Erxleben.', '15090', 'Erxleben'],
    ['Familie in der Altmark, PLZ 39606, Frage zur Wohnsitzauflage.', null],
    // an ambiguous Ortsteil settled by a postal code
    ['Anruf aus Nedlitz, PLZ 39291.', '15086', 'Nedlitz'],
    ['Anruf aus Nedlitz, 39261 Zerbst.', '15082', 'Nedlitz'],
    ['Wohnort Kläden 39579, Frage zur Duldung.', '15090', 'Kläden'],
    ['Wohnort Kläden 39619, Frage zur Duldung.', '15081', 'Kläden'],
    // numbers that are not postal codes
    ['Rückruf unter 0345 06108 erbeten.', null],
    ['Die Kosten betragen 39104 Euro für den Kurs.', null],
    ['Aktenzeichen 39104, Frage zur Verlängerung.', null],
  ]);
});

t.test('licence plates, only in the plate pattern', async (t) => {
  check(t, [
    ['Unfall mit dem Firmenwagen, Kennzeichen HAL-X 1, Frage zur Haftung.', '15002', 'HAL-X 1'],
    ['Auto mit BK-AB 123 gehört dem Arbeitgeber.', '15083', 'BK-AB 123'],
    ['Kennzeichen SDL AB 12 – Frage zur Fahrerlaubnis.', '15090', 'SDL AB 12'],
    ['Fahrzeug WR-K 77 wurde abgeschleppt.', '15085', 'WR-K 77'],
    ['Ist das OK für die Ausländerbehörde?', null],
    ['Der Arzt (MD) hat attestiert, 20 ML Saft täglich.', null],
    ['HAL ist die Abkürzung im Formular.', null],
    ['Anruf aus HAL, Frage zur Kita.', '15002', 'HAL'],
    ['Kollegin in MD fragt nach Berufssprachkursen.', '15003', 'MD'],
    ['Kollegin in md fragt nach Berufssprachkursen.', null],
    // A note typed without a single capital: after a place word the abbreviation counts.
    ['sanktion jc md, widerspruchsfrist noch offen?', '15003', 'md'],
    ['mbe-traeger md will mittel weiterleiten', '15003', 'md'],
    ['arzt hat md als diagnose notiert', null],
    // Abbreviations typed in capitals do not make a note one typed with capitals.
    ['sb vom AB halle unfreundlich, beschwerde wo?', '15002', 'halle'],
    ['IK voll, in der halle vom JC nur infotag', null],
    ['jc sanktion wg. IK abbruch, SLK', '15089', 'SLK'],
    // a lower-case town after a place word counts in a note with capitals too
    ['blaue karte, wohnt in halle, Fr Qureshi fragt nach Nachzug', '15002', 'halle'],
    ['Fam. Mansour aus egeln, Freibetrag Minijob?', '15089', 'egeln'],
    ['Fam. Mansour, Sport in der halle, Freibetrag Minijob?', null],
    ['Klient hat ABI aus Syrien, Frage zur Anerkennung.', null],
    ['Ticket DE 49 für Azubis?', null],
  ]);
});

t.test('traps: Burg, Halle, Harz and other common words', async (t) => {
  check(t, [
    ['Klient lebt in Burg und wartet seit Monaten auf die Beschäftigungserlaubnis.', '15086', 'Burg'],
    ['Die Familie wohnt in Burg bei Magdeburg, Frage zur Kita.', '15086', 'Burg bei Magdeburg'],
    ['Die Burg wird als Ort für das Sprachcafé genutzt.', null],
    ['Führung auf der Burg für Neuzugewanderte – wer zahlt?', null],
    ['Burgenlandkreis: Ehrenamtliche fragen nach Fahrtkostenerstattung.', '15084', 'Burgenlandkreis'],
    ['39288 Burg, Klient sucht Ausbildungsplatz als Kfz-Mechatroniker.', '15086', 'Burg'],
    ['Stadt Burg plant Willkommensfest, Frage nach Förderung.', '15086', 'Burg'],
    ['Anruf aus Burg (Spreewald), Frage zur Anerkennung als Erzieherin.', null],
    ['Frage von Herrn Burg zur Einbürgerung seiner Frau.', null],
    ['Anruferin wohnt in Halle-Neustadt und sucht einen Sprachkurs.', '15002', 'Halle-Neustadt'],
    ['Ehrenamtlicher aus Ha-Neu fragt nach Integrationskurs.', '15002', 'Ha-Neu'],
    ['Der Sportverein trainiert in der Halle; Frage zur Ehrenamtspauschale.', null],
    ['Deutschkurs findet in der Turnhalle statt, Fahrtkosten?', null],
    ['Jobmesse: Stand in Halle 3, Frage nach Dolmetschern.', null],
    ['Die Sporthalle ist gebucht, Frage zur Versicherung der Helfer.', null],
    ['Familie zieht aus Halle/Saale weg, Frage zur Wohnsitzauflage.', '15002', 'Halle/Saale'],
    ['Klientin aus Halle (Westf.) fragt nach Beschäftigungserlaubnis.', null],
    ['Arbeitgeber in Halle Westfalen sucht Pflegekräfte aus dem Ausland.', null],
    ['Studentin der Uni Halle-Wittenberg fragt nach Arbeitserlaubnis.', '15002', 'Halle-Wittenberg'],
    ['Jobcenter Halle verlangt Nachweise.', '15002', 'Halle'],
    ['Personalabteilung Uniklinik Halle fragt nach Berufserlaubnis.', '15002', 'Halle'],
    ['Familie lebt im Harz, Frage zum Kinderzuschlag.', '15085', 'Harz'],
    ['Klient bekommt Harz IV und fragt, ob er arbeiten darf.', null],
    ['Früher Harz 4, jetzt Bürgergeld – Frage zum Zuverdienst.', null],
    ['Epoxid-Harz in der Werkstatt: Arbeitsschutz für Azubis?', null],
    ['Klientin wohnt in Wernigerode im Harz, Frage zum Berufssprachkurs.', '15085', 'Wernigerode'],
    ['Familie aus Stolberg im Harz, Frage zur Kita-Anmeldung.', '15087', 'Stolberg im Harz'],
    ['Frau aus Osterode am Harz möchte nach Halberstadt ziehen.', '15085', 'Halberstadt'],
    ['Klient sitzt in Klötze fest, Frage zur Wohnsitzauflage.', '15081', 'Klötze'],
    ['Die Klötze für die Kinderbetreuung wurden gespendet.', null],
    ['Der Ehrenamtliche kommt aus Egeln und fragt nach Fortbildung.', '15089', 'Egeln'],
    ['Die Schulung wird von erfahrenen Könnern geleitet.', null],
    ['Ein Finne ruft an und fragt nach Anerkennung seines Diploms.', null],
    ['Gemeinde Finne sucht Ehrenamtliche für Sprachpatenschaften.', '15084', 'Finne'],
    ['Unternehmen werben um Azubis aus Vietnam.', null],
    ['Betrieb in Werben (Elbe) möchte Azubis aus Vietnam einstellen.', '15090', 'Werben (Elbe)'],
    ['Klientin ist in Sorge um ihre Aufenthaltserlaubnis.', null],
    ['Das Elend in der Unterkunft ist groß, Frage nach Beschwerdestelle.', null],
    ['Die Kaiserpfalz ist ein Ausflugsziel für den Sprachkurs.', null],
    ['Reform des Staatsangehörigkeitsrechts: Klient fragt nach Einbürgerung.', null],
    ['Klientin wohnt in Reform, Frage zur Kita.', '15003', 'Reform'],
    ['Familie wohnt in der Südstadt, Frage zum Wohngeld.', null],
    ['Wir wünschen der Familie eine frohe Zukunft in Deutschland.', null],
    ['Familie wohnt in Frohe Zukunft, Frage zum Wohngeld.', '15002', 'Frohe Zukunft'],
    ['Frau Zerbst vom Jobcenter fragt nach Sprachkursen.', null],
    ['Wohnung in der Magdeburger Straße gefunden, Frage zur Kaution.', null],
    ['Büro in der Halleschen Straße in Merseburg, Frage zur Miete.', '15088', 'Merseburg'],
    ['Anruf aus Diesdorf, Frage zum Sprachkurs.', '15081', 'Diesdorf'],
    ['Klient wohnt in Magdeburg-Diesdorf, Frage zum Sprachkurs.', '15003', 'Magdeburg-Diesdorf'],
    ['Anruf aus Seeland, Frage zur Kita.', '15089', 'Seeland'],
    ['Familie wohnt in Sudenburg, Frage zur Kita.', '15003', 'Sudenburg'],
    ['Klientin aus Buckau sucht einen Minijob.', '15003', 'Buckau'],
  ]);
});

t.test('traps: names elsewhere and several places', async (t) => {
  check(t, [
    ['Ein Arbeitgeber aus Wittenberge (Prignitz) fragt nach Azubis.', null],
    ['Klient wohnt in Wittenberg, Frage zur Duldung.', '15091', 'Wittenberg'],
    ['Firma in Coswig bei Dresden sucht Fachkräfte.', null],
    ['Firma in Coswig (Sachsen) sucht Fachkräfte.', null],
    ['Klient wohnt in Coswig (Anhalt), Frage zum Bildungsgutschein.', '15091', 'Coswig (Anhalt)'],
    ['Arbeitgeber aus Naumburg (Hessen) fragt nach Westbalkanregelung.', null],
    ['Familie wohnt in Naumburg, Frage zur Einbürgerung.', '15084', 'Naumburg'],
    ['Klient zog von Landsberg am Lech nach Halle.', '15002', 'Halle'],
    // a name the note places elsewhere once is elsewhere throughout the note
    ['Klientin sucht eine Kita in Burg, gemeint ist aber Burg (Spreewald).', null],
    ['Anruf aus Halle, genauer Halle in Westfalen, Frage zur Kita.', null],
    ['Arbeitgeber aus Petersberg bei Fulda fragt nach Azubis.', null],
    ['Firma aus Burg auf Fehmarn (Schleswig-Holstein) sucht Köche.', null],
    ['Arbeitgeber aus Petersberg bei Halle fragt nach Azubis.', '15088', 'Petersberg'],
    ['Nienburg/Weser: Anfrage eines Arbeitgebers.', null],
    ['Anruf aus Nienburg (Saale), Frage zum Integrationskurs.', '15089', 'Nienburg (Saale)'],
    ['Berga/Elster liegt in Thüringen, Anfrage dort weiterleiten.', null],
    ['Anruf aus Berga, Frage zum Sprachkurs.', '15087', 'Berga'],
    ['Wohnt in Leipzig, arbeitet in Berlin, Frage zum Deutschlandticket.', null],
    ['Anfrage aus Erfurt, Dresden und Jena zu Berufssprachkursen.', null],
    ['Jobcenter Hannover, Göttingen, Braunschweig und Wolfsburg haben angefragt.', null],
    ['Familie zieht von Leipzig nach Merseburg, Frage zur Wohnsitzauflage.', '15088', 'Merseburg'],
    ['Klient wohnt in Halle, arbeitet in Leipzig, Frage zur Beschäftigungserlaubnis.', '15002', 'Halle'],
    ['Ehrenamtliche aus Magdeburg begleitet eine Familie, die in Schönebeck wohnt.', '15089', 'Schönebeck'],
    ['Die Magdeburger Ausländerbehörde verlangt einen Pass; Familie wohnt in Barleben.', '15083', 'Barleben'],
    ['Anruf aus dem Saalekreis, die Klientin wohnt in Halle.', '15002', 'Halle'],
    ['Jobcenter Burgenlandkreis, Klient aus Zeitz.', '15084', 'Zeitz'],
    ['Termin zwischen Halle und Merseburg vereinbart.', '15002', 'Halle'],
    ['Familie ist aus Halle nach Zeitz gezogen, Frage zur Ummeldung.', '15084', 'Zeitz'],
    ['Er kommt aus Aleppo und wohnt jetzt in Aschersleben.', '15089', 'Aschersleben'],
    ['Familie lebt in der Altmark, Frage zur Wohnsitzauflage.', null],
    ['Familie lebt in der Altmark bei Stendal.', '15090', 'Stendal'],
    ['Anruf aus Nedlitz, Frage zur Kita.', null],
    ['Klientin aus Lindau fragt nach Kita.', null],
    ['Klientin aus Lindau bei Zerbst fragt nach Kita.', '15082', 'Lindau'],
  ]);
});

t.test('place context: lists, postal codes after, qualifiers', async (t) => {
  check(t, [
    ['Sprachkurse fehlen in Genthin und Burg, Frage nach Förderung.', '15086', 'Genthin'],
    ['Klient hat Termine in Zerbst, Burg und Möckern.', '15082', 'Zerbst'],
    ['Klient aus Burg, 39288, fragt nach Ausbildung.', '15086', 'Burg'],
    ['Burg (39288): Klient fragt nach Ausbildung.', '15086', 'Burg'],
    ['Burg 12345: kein Ort, Frage zur Ausbildung.', null],
    ['Klient aus Landsberg in der Nähe von Halle fragt nach Ausbildung.', '15088', 'Landsberg'],
    ['Halle in Sachsen-Anhalt, Frage zur Einbürgerung: Klient wohnt dort.', null],
    ['Klient aus Halle in Sachsen-Anhalt fragt nach Einbürgerung.', '15002', 'Halle'],
    ['Arbeitgeber aus Petersberg (Thüringen) fragt nach Azubis.', null],
    ['Arbeitgeber aus Möckern in Thüringen fragt nach Azubis.', null],
    ['Betrieb in Wallhausen bei Kassel sucht Fachkräfte.', null],
    ['Arbeitgeber aus Petersberg fragt nach Azubis.', '15088', 'Petersberg'],
    ['Wohnort: Halle, Frage zum Wohngeld.', '15002', 'Halle'],
    ['Familie aus dem Harz fragt nach Kita; Termin in Magdeburg.', '15085', 'Harz'],
  ]);
});

t.test('a move away from the state: the destination counts, and it is not ours', async (t) => {
  check(t, [
    ['Fr. Bondar will aus Stendal zu ihrer Tochter nach Wittenberge ziehen, hat Wohnsitzauflage.', null],
    ['Familie zieht im Juni von Magdeburg nach Osterode am Harz, Mann hat dort Arbeit.', null],
    // typed without a single capital, the same
    ['familie zieht im juni von magdeburg nach osterode am harz, mann hat dort arbeit.', null],
    ['klientin zieht von halle nach leipzig zum partner, ab wann neues jc?', null],
    ['familie zieht von leipzig nach merseburg, frage zur wohnsitzauflage.', '15088', 'merseburg'],
    ['Kunde aus Zeitz zieht nach Leipzig zur Freundin, was wird aus dem Bürgergeld?', null],
    ['Wohnt in Dessau, zieht aber im Mai nach Hannover, Frage zum Integrationskurs.', null],
    // An office of ours named before the destination stays the place of the enquiry.
    ['JC Altmarkkreis Salzwedel zahlt den Umzug nicht, Kunde zieht nach Wolfsburg.', '15081', 'Altmarkkreis Salzwedel'],
    // A place after the destination, or in another sentence, is still ours.
    ['Zieht von Stendal nach Berlin, arbeitet aber weiter in Tangermünde.', '15090', 'Tangermünde'],
    ['Familie aus Halle zieht nach Leipzig. Die Kita in Zeitz hat noch einen Platz.', '15084', 'Zeitz'],
    // Moves within the state and "nach" with no place are unchanged.
    ['Familie zieht von Leipzig nach Merseburg, Frage zur Wohnsitzauflage.', '15088', 'Merseburg'],
    ['Familie aus Halle, Umzug nach Abschluss der Ausbildung geplant.', '15002', 'Halle'],
  ]);
});

t.test('a town after the name of an organisation or "für"', async (t) => {
  check(t, [
    ['Afghanischer Verein Halle fragt nach Fördermitteln.', '15002', 'Halle'],
    ['Sozialarbeiterin GU Halle: wer berät Geduldete?', '15002', 'Halle'],
    ['Klient fragt nach Sozialticket für Halle.', '15002', 'Halle'],
    ['Verein mietet die Halle für das Sommerfest.', null],
    ['Miete für die Halle ist zu hoch.', null],
    // compound organisation nouns: -verein, -beratung, -dienst, -jugend, -netzwerk …
    ['Kulturverein Halle baut einen Pool von Sprachmittlern auf.', '15002', 'Halle'],
    ['Flüchtlingsberatung Halle: Klient mit Duldung hat einen Ausbildungsvertrag.', '15002', 'Halle'],
    ['Lohnabrechnung falsch, Paketdienst Halle zahlt zu wenig.', '15002', 'Halle'],
    ['Sportjugend Halle will Übungsleiter ausbilden.', '15002', 'Halle'],
    ['Reinigungsfirma Halle will eine Ukrainerin einstellen.', '15002', 'Halle'],
    ['Bildungsträger Halle fragt nach Fördermitteln für einen Kurs.', '15002', 'Halle'],
    ['Frauenhaus Halle: Bewohnerin sucht Arbeit.', '15002', 'Halle'],
    ['Lehrerin der Sprachklasse Möser fragt nach dem Studienkolleg.', '15086', 'Möser'],
    ['Ehrenamtskoordination Burg sucht Paten.', '15086', 'Burg'],
    ['Kita-Leitung Halle fragt nach Dolmetschern.', '15002', 'Halle'],
    ['Tochter vom Studienkolleg Halle abgelehnt, Frist verpasst.', '15002', 'Halle'],
    ['Dachverband MO Halle plant die erste Stelle.', '15002', 'Halle'],
    ['Studigruppe Halle will Nachhilfe für Geflüchtete anbieten.', '15002', 'Halle'],
    ['Mutter-Kind-Treff Halle sucht eine Dolmetscherin.', '15002', 'Halle'],
    ['Approbation beim LVwA Halle beantragt, Kenntnisprüfung steht aus.', '15002', 'Halle'],
    ['Die Sportgruppe trainiert in der Halle.', null],
    ['Der Handwerksbetrieb baut eine neue Halle.', null],
    ['Der Sportverein trainiert in der Halle.', null],
    ['Die Beratung findet in der Halle statt.', null],
  ]);
});

t.test('a town that is also a common word, alone between commas', async (t) => {
  check(t, [
    ['Hr. Reza Ahmadi, Halle: JC will Kontoauszüge von drei Monaten sehen.', '15002', 'Halle'],
    ['Tischler aus Eritrea, Klötze, befristeter Vertrag endet im August.', '15081', 'Klötze'],
    ['Klötze, Mann pendelt nach Wolfsburg, kein Bus zur Kita.', '15081', 'Klötze'],
    ['Abo läuft trotzdem weiter, Halle', '15002', 'Halle'],
    ['Schwanger, befristeter Vertrag wird nicht verlängert, Burg.', '15086', 'Burg'],
    // not alone: a word follows, or an article comes before
    ['Verein bietet Fußball an, Halle wird von der Stadt gestellt.', null],
    ['Training findet in der Halle, danach gibt es Essen.', null],
    ['Klötze und Bälle für die Kita gespendet.', null],
  ]);
});

t.test('a town standing alone between other separators, or heading the note', async (t) => {
  check(t, [
    // after a question, a slash or in brackets, as terse notes add where the caller is
    ['Vertrag ohne Grund gekündigt, Probezeit, AGG? Burg', '15086', 'Burg'],
    ['Kinder ab 3 in die Kita? / Halle', '15002', 'Halle'],
    ['Vater aus Afghanistan (Halle), Tochter sucht Praktikum.', '15002', 'Halle'],
    ['EQ angerechnet? Burg, Hr. Tekle, Ausbildung verkürzen', '15086', 'Burg'],
    // arrow notes: "→", "->" and "=>" set off items too
    ['Apothekerin aus JO, Halle → Approbation über LVwA → Kenntnisprüfung', '15002', 'Halle'],
    ['Kita-Platz fehlt -> Burg -> Jugendamt angerufen', '15086', 'Burg'],
    ['Halle→Raum für das Fest gesucht', null],
    // other symbols next to the separator
    ['Fr. Svitlana Moroz, Halle, § 24: Kann mein Mann nachziehen?', '15002', 'Halle'],
    ['Anl.: Kita-Platz | Burg | Erg.: Jugendamt', '15086', 'Burg'],
    // a heading of one to three words before a colon: who calls from where
    ['Streetwork Halle: junger Mann ohne Krankenversicherung.', '15002', 'Halle'],
    ['Sozialarbeiterin Burg: Klientin will in Teilzeit arbeiten.', '15086', 'Burg'],
    ['Paten-Tandem Halle: Pate soll Antrag unterschreiben.', '15002', 'Halle'],
    ['Restaurant Halle, Hr. Papadakis: Urlaub am Stück?', '15002', 'Halle'],
    // not a place: a hall with a slash, a determiner or a title, in the middle of a sentence
    ['Frauensport nur für Frauen, Halle/Raum gesucht.', null],
    ['Die Halle: zu klein für das Fest.', null],
    ['Eine Halle: wer zahlt die Miete?', null],
    ['Frau Halle: Bescheid vom JC fehlt.', null],
    ['Ehrenamtliche suchen eine Halle? Nein, einen Raum.', null],
  ]);
});

t.test('vehicle codes on their own name their district', async (t) => {
  check(t, [
    ['Ehrenamtliche überfordert, Familie ruft nachts an – Supervision? SDL', '15090', 'SDL'],
    ['BE zu Gestattung abgelehnt, AB BBG, Widerspruch sinnvoll?', '15089', 'BBG'],
    ['Beraterin Migrationsdienst SBK: AB verlangt Arbeitgeberbestätigung.', '15089', 'SBK'],
    ['Duldung light, Pass nicht beschaffbar, LK HZ', '15085', 'HZ'],
    ['FZF läuft ab, darf er weiter arbeiten? / WR', '15085', 'WR'],
    ['BSK Beruf A2, Träger im Raum SGH?', '15087', 'SGH'],
    // two letters need a place word or must stand alone; DE is Germany, OK is okay
    ['WR und HZ sind Abkürzungen im Formular.', null],
    ['Seit zwei Jahren in DE, Frage zur Einbürgerung.', null],
    ['Termin OK, Kurs startet im März.', null],
    // in a note without capitals only after a place word
    ['kurs voll, jc sdl sagt warten', '15090', 'sdl'],
  ]);
});

t.test('district names dictated or typed apart', async (t) => {
  check(t, [
    ['die Integrationskoordinatorin vom Saale Kreis fragt nach der Fallkonferenz', '15088', 'Saale Kreis'],
    ['Familie im Burgenland-Kreis sucht Kita-Platz', '15084', 'Burgenland-Kreis'],
    ['Salzland Kreis: neue Ansprechpartnerin für Anerkennung', '15089', 'Salzland Kreis'],
  ]);
});

t.test('universities and abbreviations that name a town', async (t) => {
  check(t, [
    ['Student aus Kamerun, OvGU, Werkstudentenjob: 20 Stunden?', '15003', 'OvGU'],
    ['Doktorandin an der MLU, Stipendium läuft aus.', '15002', 'MLU'],
    ['wie lange dauert NE? seit 2016 hier, unbefr. Vertrag, Mgd', '15003', 'Mgd'],
    ['Frage zur mlu-Bibliothek', null],
  ]);
});

t.test('addresses and brackets', async (t) => {
  check(t, [
    ['Infos unter www.halle.de oder per Mail an info@stendal.de, Frage zur Kita.', null],
    ['Formular auf integration-burgenlandkreis.de gefunden, Frage zum Antrag.', null],
    ['ABH des Landkreises (Anhalt-Bitterfeld bzw. Salzlandkreis) zuständig?', '15082', 'Anhalt-Bitterfeld'],
  ]);
});

t.test('no place, no district', async (t) => {
  check(t, [
    ['Frage zur Beschäftigungserlaubnis während der Duldung.', null],
    ['Klientin möchte einen Integrationskurs machen, hat aber keine Kinderbetreuung.', null],
    ['', null],
    ['Rückruf bitte am Dienstag zwischen 10 und 12 Uhr.', null],
    ['Anerkennung des Abschlusses aus der Ukraine dauert schon acht Monate.', null],
  ]);
});

t.test('findPlaceMentions lists every accepted mention', async (t) => {
  const mentions = findPlaceMentions('Anruf aus Halle, Termin in Merseburg, PLZ 06120.');
  t.same(
    mentions.map((m) => [m.kind, m.evidence, m.codes.join('/'), m.residence]),
    [
      ['municipality', 'Halle', '15002', 1],
      ['municipality', 'Merseburg', '15088', 0],
      ['postal-code', '06120', '15002/15088', 0],
    ],
  );
});
