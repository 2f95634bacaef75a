import t, { type Test } from 'tap';
import fc from 'fast-check';
import {
  PLACEHOLDERS,
  REDACTION_TYPES,
  isValidIban,
  redact,
  type RedactionType,
} from '../../src/triage/redact.js';

type Span = [type: RedactionType, value: string];

/** The redactions of `text` as [type, original text] pairs, in order. */
function spans(text: string): Span[] {
  return redact(text).redactions.map((r): Span => [r.type, text.slice(r.start, r.end)]);
}

/** Checks the spans found in `text`, and the redacted text when given. */
function check(t: Test, text: string, expected: readonly Span[], redactedText?: string): void {
  const result = redact(text);
  t.same(spans(text), expected, text);
  if (redactedText !== undefined) t.equal(result.redactedText, redactedText, `→ ${redactedText}`);
  assertConsistent(t, text);
}

/** Offsets sorted, non-overlapping, non-empty, and the redacted text rebuilt from them. */
function consistencyProblem(text: string): string | null {
  const { redactedText, redactions } = redact(text);
  let rebuilt = '';
  let pos = 0;
  for (const r of redactions) {
    if (r.start < pos) return `overlap or disorder at ${r.start}`;
    if (r.end <= r.start) return `empty span at ${r.start}`;
    if (r.end > text.length) return `span beyond the text at ${r.end}`;
    if (r.placeholder !== PLACEHOLDERS[r.type]) return `wrong placeholder ${r.placeholder}`;
    rebuilt += text.slice(pos, r.start) + r.placeholder;
    pos = r.end;
  }
  rebuilt += text.slice(pos);
  return rebuilt === redactedText ? null : 'redacted text does not match the spans';
}

function assertConsistent(t: Test, text: string): void {
  const problem = consistencyProblem(text);
  if (problem !== null) t.fail(`${problem}: ${JSON.stringify(text)}`);
}

t.test('types and placeholders', async (t) => {
  t.same([...REDACTION_TYPES].sort(), [
    'adresse',
    'aktenzeichen',
    'email',
    'geburtsdatum',
    'iban',
    'name',
    'telefon',
  ]);
  t.same(PLACEHOLDERS, {
    telefon: '[Telefon]',
    email: '[E-Mail]',
    iban: '[IBAN]',
    geburtsdatum: '[Geburtsdatum]',
    adresse: '[Adresse]',
    aktenzeichen: '[Aktenzeichen]',
    name: '[Name]',
  });
  t.same(redact(''), { redactedText: '', redactions: [] });
});

t.test('exact offsets refer to the original text', async (t) => {
  const text = 'Fr. Öztürk, Tel 0345 1234567, Mail a.b@web.de';
  const { redactions, redactedText } = redact(text);
  t.same(redactions, [
    { type: 'name', start: 4, end: 10, placeholder: '[Name]' },
    { type: 'telefon', start: 16, end: 28, placeholder: '[Telefon]' },
    { type: 'email', start: 35, end: 45, placeholder: '[E-Mail]' },
  ]);
  t.equal(redactedText, 'Fr. [Name], Tel [Telefon], Mail [E-Mail]');

  const note = 'geb. 12.03.1990, wohnt Musterstr. 12a, 06108 Halle';
  t.same(
    redact(note).redactions.map((r) => [r.type, r.start, r.end]),
    [
      ['geburtsdatum', 5, 15],
      ['adresse', 23, 37],
    ],
  );
  t.equal(redact(note).redactedText, 'geb. [Geburtsdatum], wohnt [Adresse], 06108 Halle');

  // Non-BMP characters before a span: offsets count UTF-16 units, like String#slice.
  const emoji = '😀😀 Handy 0176 12345678';
  t.same(redact(emoji).redactions.map((r) => [r.start, r.end]), [[11, 24]]);
  t.equal(emoji.slice(11, 24), '0176 12345678');
});

t.test('telefon', async (t) => {
  check(t, 'AR Fr. Ahmadi, RR unter 0345 1234567', [
    ['name', 'Ahmadi'],
    ['telefon', '0345 1234567'],
  ]);
  check(t, 'Rückruf erbeten: 0345/123456 (vormittags)', [['telefon', '0345/123456']],
    'Rückruf erbeten: [Telefon] (vormittags)');
  check(t, 'erreichbar 0391 / 55 66 77 ab 14 Uhr', [['telefon', '0391 / 55 66 77']],
    'erreichbar [Telefon] ab 14 Uhr');
  check(t, 'Handy +49 171 2345678.', [['telefon', '+49 171 2345678']], 'Handy [Telefon].');
  check(t, 'tel. +49 (0) 345 123456 AB drauf', [['telefon', '+49 (0) 345 123456']]);
  check(t, 'Nr 0049 345 123456 geht nicht', [['telefon', '0049 345 123456']]);
  check(t, 'mobil 0171-2345678', [['telefon', '0171-2345678']]);
  check(t, 'Handynr 01512 3456789, WhatsApp', [['telefon', '01512 3456789']]);
  check(t, 'Tel. 03461 12345', [['telefon', '03461 12345']], 'Tel. [Telefon]');
  check(t, 'Handy: 0176 12345678 bitte zurückrufen', [['telefon', '0176 12345678']]);
  check(t, 'tel 0340-123 45 67 (Mann)', [['telefon', '0340-123 45 67']]);
  check(t, 'Tel.: 0345 – 123456', [['telefon', '0345 – 123456']]);
  check(t, 'Festnetz (0345) 1234567', [['telefon', '(0345) 1234567']]);
  check(t, 'syr. Nr +963 944 123 456', [['telefon', '+963 944 123 456']]);
  check(t, 'Tel:0345123456,danke', [['telefon', '0345123456']]);
  check(t, 'Hotline 0800 1234567 empfohlen', [['telefon', '0800 1234567']]);
  check(t, 'Tel 0345 1234567 oder 0176 12345678', [
    ['telefon', '0345 1234567'],
    ['telefon', '0176 12345678'],
  ]);
  check(t, 'Frau Weber, JC Halle, Tel. 0345 7750-123', [['name', 'Weber'], ['telefon', '0345 7750-123']]);
  check(t, 'Zentrale 0345/7750-0', [['telefon', '0345/7750-0']]);
  check(t, 'WhatsApp +49-151-12345678', [['telefon', '+49-151-12345678']]);
  check(t, 'aus dem Ausland 0049(0)345 123456', [['telefon', '0049(0)345 123456']]);
  check(t, 'Handy +380 67 123 4567 (ukr.)', [['telefon', '+380 67 123 4567']]);
  // A trailing time is not part of the number.
  check(t, 'ruft an 0345 123456 12 Uhr', [['telefon', '0345 123456']]);
});

t.test('email', async (t) => {
  check(t, 'Mail: fatima.ahmadi@web.de', [['email', 'fatima.ahmadi@web.de']], 'Mail: [E-Mail]');
  check(t, 'bitte Unterlagen an m.karimi+jc@gmx.net schicken.', [['email', 'm.karimi+jc@gmx.net']],
    'bitte Unterlagen an [E-Mail] schicken.');
  check(t, '(E-Mail: info@beratung-halle.de)', [['email', 'info@beratung-halle.de']]);
  check(t, 'mail jürgen.müller@büro-halle.de', [['email', 'jürgen.müller@büro-halle.de']]);
  check(t, 'a@b.de,c@d.org', [
    ['email', 'a@b.de'],
    ['email', 'c@d.org'],
  ], '[E-Mail],[E-Mail]');
  check(t, 'Kollegin @Jobcenter fragen', []);
  check(t, 'Treffen @ 14 Uhr', []);
});

t.test('iban', async (t) => {
  check(t, 'IBAN DE89 3704 0044 0532 0130 00 für Erstattung Fahrtkosten',
    [['iban', 'DE89 3704 0044 0532 0130 00']], 'IBAN [IBAN] für Erstattung Fahrtkosten');
  check(t, 'Konto DE89370400440532013000.', [['iban', 'DE89370400440532013000']], 'Konto [IBAN].');
  check(t, 'IBAN:DE89370400440532013000,BIC COBADEFFXXX', [['iban', 'DE89370400440532013000']]);
  check(t, 'brit. Konto GB82 WEST 1234 5698 7654 32', [['iban', 'GB82 WEST 1234 5698 7654 32']]);
  check(t, 'NL91ABNA0417164300 (Niederlande)', [['iban', 'NL91ABNA0417164300']]);
  // Trailing digits after the registered length are not swallowed.
  check(t, 'DE89 3704 0044 0532 0130 00 12 Monate', [['iban', 'DE89 3704 0044 0532 0130 00']]);
});

t.test('IBAN checksum', async (t) => {
  t.ok(isValidIban('DE89 3704 0044 0532 0130 00'));
  t.ok(isValidIban('DE89370400440532013000'));
  t.ok(isValidIban('GB82WEST12345698765432'));
  t.notOk(isValidIban('DE89 3704 0044 0532 0130 01'), 'one digit off');
  t.notOk(isValidIban('DE88370400440532013000'), 'wrong check digits');
  t.notOk(isValidIban('DE8937040044053201300'), 'too short');
  t.notOk(isValidIban('XX89370400440532013000'), 'unknown country');
  // Typed in lower case it is the same account: the checksum decides.
  t.ok(isValidIban('de89370400440532013000'), 'lower case');
  t.notOk(isValidIban('de89370400440532013001'), 'lower case, wrong checksum');
  // Invalid IBANs stay untouched, and no part of them is taken for a phone number.
  check(t, 'IBAN DE89 3704 0044 0532 0130 01 (Tippfehler?)', []);
  check(t, 'IBAN DE89370400440532013001', []);
  check(t, 'IBAN DE89 3704 0044 0532 0130 00', [['iban', 'DE89 3704 0044 0532 0130 00']]);
});

t.test('geburtsdatum', async (t) => {
  check(t, 'Klientin geb. 12.03.1990 in Aleppo', [['geburtsdatum', '12.03.1990']],
    'Klientin geb. [Geburtsdatum] in Aleppo');
  check(t, 'Sohn geboren am 12.3.90, Kita gesucht', [['geburtsdatum', '12.3.90']]);
  check(t, 'Herr geb. am 1.5.88', [['geburtsdatum', '1.5.88']]);
  check(t, 'Tochter (* 12. März 1990)', [['geburtsdatum', '12. März 1990']],
    'Tochter (* [Geburtsdatum])');
  check(t, 'Geburtsdatum: 1990-03-12', [['geburtsdatum', '1990-03-12']]);
  check(t, 'Geb.-Datum 01.01.1985', [['geburtsdatum', '01.01.1985']]);
  check(t, 'GebDat 3.4.1979; Staatsangeh. afghanisch', [['geburtsdatum', '3.4.1979']]);
  check(t, 'DOB 12/03/1990', [['geburtsdatum', '12/03/1990']]);
  check(t, 'Mann *05.11.1983, Frau *1.2.85', [
    ['geburtsdatum', '05.11.1983'],
    ['geburtsdatum', '1.2.85'],
  ]);
  check(t, 'geb 7. Juli 2001', [['geburtsdatum', '7. Juli 2001']]);
  check(t, 'geb.12.03.1990', [['geburtsdatum', '12.03.1990']], 'geb.[Geburtsdatum]');
  check(t, 'geb:12.3.90', [['geburtsdatum', '12.3.90']]);
  check(t, 'Sohn (*1.5.2010) Kita', [['geburtsdatum', '1.5.2010']]);
  check(t, 'Geb.Dat.: 17.11.1979; Staatsang. ukr.', [['geburtsdatum', '17.11.1979']]);
  check(t, 'Frau Dr. Kovačević, Ärztin, geb. am 3. Mai 1986', [
    ['name', 'Kovačević'],
    ['geburtsdatum', '3. Mai 1986'],
  ]);
  // A star is a birth cue only where it starts a word.
  check(t, 'Kurs* 01.03. geplant', []);
  check(t, '**Termin** 12.03.2025', []);
  // The date goes, everything around it stays.
  check(t, 'Kurs ab 01.03., geb. 12.03.1990, bis 31.12.2026', [['geburtsdatum', '12.03.1990']],
    'Kurs ab 01.03., geb. [Geburtsdatum], bis 31.12.2026');
  // A full date with a birth year in brackets right after a full name.
  check(t, 'Fr. Asra Sultani (03.11.1994), alleinerziehend, sucht Kurs', [
    ['name', 'Asra Sultani'],
    ['geburtsdatum', '03.11.1994'],
  ]);
  // not after a single word, not a recent date (a deadline or an appointment)
  check(t, 'Bescheid (03.11.1994) liegt vor', []);
  check(t, 'Frist Widerspruch (03.11.2025) beachten', []);
});

t.test('adresse: a street without a type word before a postal code', async (t) => {
  check(t, 'Hr. Yusuf, Lindenhof 14, 06122 Halle, Schufa-Eintrag', [['name', 'Yusuf'], ['adresse', 'Lindenhof 14']]);
  check(t, 'Frau Kovalenko, Alte Brücke 9, 39261 Zerbst: Post kommt nicht an', [['name', 'Kovalenko'], ['adresse', 'Alte Brücke 9']]);
  // no street: a course number or a date before a postal code
  check(t, 'Kurs 3 06108 Halle', []);
  check(t, 'Termin 14, 06122 Halle', []);
});

t.test('adresse', async (t) => {
  check(t, 'wohnt Musterstraße 12, 06108 Halle', [['adresse', 'Musterstraße 12']],
    'wohnt [Adresse], 06108 Halle');
  check(t, 'Musterstr. 12a, 39104 Magdeburg', [['adresse', 'Musterstr. 12a']]);
  check(t, 'Anschrift Lange Str. 3 in Zeitz', [['adresse', 'Lange Str. 3']]);
  check(t, 'Am Markt 3, 06618 Naumburg', [['adresse', 'Am Markt 3']], '[Adresse], 06618 Naumburg');
  check(t, 'neue Adr.: An der Kirche 5, Wittenberg', [['adresse', 'An der Kirche 5']]);
  check(t, 'Hauptweg 7 in 06749 Bitterfeld-Wolfen', [['adresse', 'Hauptweg 7']]);
  check(t, 'Lindenallee 4 b, Dessau', [['adresse', 'Lindenallee 4 b']]);
  check(t, 'Magdeburger Str. 45, Halle', [['adresse', 'Magdeburger Str. 45']]);
  check(t, 'Termin im Büro Platz der Einheit 1', [['adresse', 'Platz der Einheit 1']]);
  check(t, 'Ernst-Thälmann-Str. 10, Stendal', [['adresse', 'Ernst-Thälmann-Str. 10']]);
  check(t, 'Ringstrasse 5', [['adresse', 'Ringstrasse 5']]);
  check(t, 'Schulgasse 2, Quedlinburg', [['adresse', 'Schulgasse 2']]);
  check(t, 'Neuer Weg 9, 06844 Dessau-Roßlau', [['adresse', 'Neuer Weg 9']]);
  check(t, 'wohnt am Markt 3 in Zeitz', [['adresse', 'am Markt 3']]);
  check(t, 'hauptstr. 5, merseburg', [['adresse', 'hauptstr. 5']]);
  check(t, 'Saaleufer 12-14', [['adresse', 'Saaleufer 12-14']]);
  check(t, 'Gerberstraße Nr. 3', [['adresse', 'Gerberstraße Nr. 3']]);
  check(t, 'Am Alten Markt 5', [['adresse', 'Am Alten Markt 5']]);
  check(t, 'Große Steinstraße 5', [['adresse', 'Große Steinstraße 5']]);
  check(t, 'Alte Leipziger Str. 3', [['adresse', 'Alte Leipziger Str. 3']]);
  check(t, 'wohnt Straße der Jugend 14, Zerbst', [['adresse', 'Straße der Jugend 14']]);
  check(t, 'wohnt Karl-Liebknecht-Str. 22, 06114 Halle', [['adresse', 'Karl-Liebknecht-Str. 22']]);
  check(t, 'wohnhaft Leipziger Chaussee 101 in Magdeburg', [['adresse', 'Leipziger Chaussee 101']]);
  check(t, 'An den Teichen 4a, 06667 Weißenfels', [['adresse', 'An den Teichen 4a']]);
  check(t, 'wohnt in der Goethestr.5', [['adresse', 'Goethestr.5']]);
  check(t, 'Goethestraße 5/7, 2. OG', [['adresse', 'Goethestraße 5/7']]);
  check(t, 'Baumweg 3, Krankenhausweg 12', [['adresse', 'Baumweg 3'], ['adresse', 'Krankenhausweg 12']]);
});

t.test('aktenzeichen', async (t) => {
  check(t, 'Widerspruch Az. 3 A 123/24 liegt vor', [['aktenzeichen', '3 A 123/24']],
    'Widerspruch Az. [Aktenzeichen] liegt vor');
  check(t, 'Bescheid Az: 12-3456-78 vom 01.02.', [['aktenzeichen', '12-3456-78']]);
  check(t, 'Klage SG Halle, Aktenzeichen: S 7 AS 1234/24', [['aktenzeichen', 'S 7 AS 1234/24']]);
  check(t, 'AZ 1234/23.', [['aktenzeichen', '1234/23']], 'AZ [Aktenzeichen].');
  check(t, 'JC Halle, BG-Nr. 08154BG0012345', [['aktenzeichen', '08154BG0012345']],
    'JC Halle, BG-Nr. [Aktenzeichen]');
  check(t, 'BG-Nummer 08154//0012345', [['aktenzeichen', '08154//0012345']]);
  check(t, 'Bedarfsgemeinschaftsnummer: 08154BG0012345', [['aktenzeichen', '08154BG0012345']]);
  check(t, 'AA Kundennummer 123D456789', [['aktenzeichen', '123D456789']]);
  check(t, 'Kunden-Nr. 123D456789', [['aktenzeichen', '123D456789']]);
  check(t, 'Kd.-Nr. 123D456789 (Arbeitsagentur)', [['aktenzeichen', '123D456789']]);
  check(t, 'Kundennr 123D456789', [['aktenzeichen', '123D456789']]);
  check(t, 'Vorgangsnummer 4711-2024', [['aktenzeichen', '4711-2024']]);
  check(t, 'ABH Geschäftszeichen II-23/456', [['aktenzeichen', 'II-23/456']]);
  check(t, 'Gz. 52.3-12345', [['aktenzeichen', '52.3-12345']]);
  check(t, 'Steuer-ID 12 345 678 901 fehlt beim AG', [['aktenzeichen', '12 345 678 901']]);
  check(t, 'Sozialversicherungsnummer 12 150780 M 123', [['aktenzeichen', '12 150780 M 123']]);
  check(t, 'SV-Nr. 65170839J003', [['aktenzeichen', '65170839J003']]);
  check(t, 'AZR-Nummer 123456789012', [['aktenzeichen', '123456789012']]);
  check(t, 'Ausweisnummer L01X00T47', [['aktenzeichen', 'L01X00T47']]);
  check(t, 'Passnummer: C01X00T47.', [['aktenzeichen', 'C01X00T47']]);
  check(t, 'Kundennummer ist 987654321', [['aktenzeichen', '987654321']]);
  check(t, 'Aktenzeichen ABH: 123/456', [['aktenzeichen', '123/456']]);
  check(t, 'Widerspruch Az. W 1234/24', [['aktenzeichen', 'W 1234/24']]);
  check(t, 'Kontonr 0123456789', [['aktenzeichen', '0123456789']]);
  check(t, 'Passnr. P1234567, Ausweis-Nr. T22000129', [
    ['aktenzeichen', 'P1234567'],
    ['aktenzeichen', 'T22000129'],
  ]);
  // A number after a label wins over the phone-number reading.
  check(t, 'Kundennummer 0345123456', [['aktenzeichen', '0345123456']]);
  // A Bedarfsgemeinschaft number has its own shape and needs no label.
  check(t, 'Rückforderung vom JC zu BG 08701BG0056123, Familienkasse zahlt nicht', [['aktenzeichen', '08701BG0056123']]);
  check(t, 'zwei Schreiben: 15084BG0031975 und 15084 BG 0031957', [
    ['aktenzeichen', '15084BG0031975'],
    ['aktenzeichen', '15084 BG 0031957'],
  ]);
  // The authority may stand between the label and the number.
  check(t, 'Az. bei der ABH AB-2024-118736, Termin offen', [['aktenzeichen', 'AB-2024-118736']]);
  check(t, 'Aktenzeichen beim JC 123/456', [['aktenzeichen', '123/456']]);
  check(t, 'Beitragsnummer 489 117 302 steht auf dem Bescheid', [['aktenzeichen', '489 117 302']]);
  // Kindergeld, tax and insurance numbers
  check(t, 'Familienkasse fordert zurück, Kindergeld-Nr. 312FK556014', [['aktenzeichen', '312FK556014']]);
  check(t, 'bitte KG-Nr. 118FK220391 angeben', [['aktenzeichen', '118FK220391']]);
  check(t, 'Verein hat St.-Nr. 117/215/40318 vom Finanzamt', [['aktenzeichen', '117/215/40318']]);
  check(t, 'Rentenzeiten klären, VSNR 12150780M123', [['aktenzeichen', '12150780M123']]);
  // an authority's abbreviation between label and number stays
  check(t, 'Rückforderung, Az. LVwA 503-40917/24, Anhörung läuft', [['aktenzeichen', '503-40917/24']]);
  check(t, 'Aktenzeichen SDL-AB 3318/23 steht oben rechts', [['aktenzeichen', '3318/23']]);
  check(t, 'Az. ABH bald, Termin offen', []);
  check(t, 'Krankenhaus-Rechnung, Vers.-Nr. Y114092837 liegt vor', [['aktenzeichen', 'Y114092837']]);
  check(t, 'Projekt mit Zuwendungs-Nr. ZW-2024-0117, Personalwechsel', [['aktenzeichen', 'ZW-2024-0117']]);
  check(t, 'Stromnachzahlung, Vertragskonto 5100284471, Raten?', [['aktenzeichen', '5100284471']]);
  // typed without capitals: the authority in lower case too
  check(t, 'anhörung läuft, az. lvwa 402.4-01127, frist 2 wochen', [['aktenzeichen', '402.4-01127']]);
  check(t, 'alg i endet, kd.-nr. afa 412d087311, büg beantragen?', [['aktenzeichen', '412d087311']]);
  check(t, 'az. ab slk-32.4-17836 liegt vor', [['aktenzeichen', 'slk-32.4-17836']]);
});

t.test('name', async (t) => {
  check(t, 'Frau Müller ruft an wg. Anerkennung', [['name', 'Müller']], 'Frau [Name] ruft an wg. Anerkennung');
  check(t, 'Frau Nguyen Thi hat angerufen', [['name', 'Nguyen Thi']]);
  check(t, 'Herr Al-Hassan braucht Termin', [['name', 'Al-Hassan']]);
  check(t, 'Frau Öztürk, B1', [['name', 'Öztürk']]);
  check(t, 'Hr. Mohammadi (JC Halle)', [['name', 'Mohammadi']]);
  check(t, 'Herr Dr. Ahmadi, Arzt aus Syrien', [['name', 'Ahmadi']], 'Herr Dr. [Name], Arzt aus Syrien');
  check(t, 'Familie al-Hassan, 4 Kinder', [['name', 'al-Hassan']]);
  check(t, 'Ehepaar Haddad fragt nach Wohnung in Aschersleben', [['name', 'Haddad']]);
  check(t, 'Ehepaar mit 2 Kindern, Eheleute aus Syrien', []);
  check(t, 'Kita-Gebühr entfällt, wenn die Familie Grundsicherung bekommt', []);
  // not names: Friday, a move, a town, a trade, "zu" with what the family does
  check(t, 'Rückmeldung bis Fr. Rückr. erbeten', []);
  check(t, 'Kurse Mo.-Fr. vormittags', []);
  check(t, 'am Fr. Termin beim JC', []);
  check(t, 'Patin begleitet die Familie zu den Ämtern', []);
  check(t, 'Ehrenamtliche will Familie zu Amtsterminen fahren', []);
  check(t, 'zieht mit Familie von Leipzig nach Leuna', []);
  check(t, 'Familie von Berg fragt nach Kita', [['name', 'von Berg']]);
  check(t, 'Kita-Leitung Bad Kösen fragt nach Integrationsplatz', []);
  check(t, 'Azubi Fachkraft Lagerlogistik hat bis 13 Uhr Berufsschule', []);
  check(t, 'Herr Kraft vom Verein ruft an', [['name', 'Kraft']]);
  // a wife, not a title; nouns after a title or role are no names
  check(t, '"Warum weniger Geld, seit meine Frau Minijob hat?"', []);
  check(t, 'Sein Herr Vater will mitkommen', []);
  check(t, 'bekommt die ganze Familie Verlängerung über die ABH?', []);
  check(t, 'Inhaber Dachdeckerbetrieb Kemberg: Geselle droht mit Kündigung', []);
  check(t, 'Familie Popescu Stromnachzahlung 1.400 €, Sperre angedroht', [['name', 'Popescu']]);
  // call-back to a full name
  check(t, 'Formular und Fristen erklärt → Rückr. Marlies Schulze', [['name', 'Marlies Schulze']]);
  check(t, 'Rückruf an Henning Brandt, 0171 5520394', [['name', 'Henning Brandt'], ['telefon', '0171 5520394']]);
  // a form's name field, typed without capitals
  check(t, 'kontaktformular name: jammal al-khatib wohnort: 06268 querfurt', [['name', 'jammal al-khatib']]);
  check(t, 'Fr. Samira Haddad ruft an', [['name', 'Samira Haddad']]);
  // "hr" and "fam" without a dot before a capitalised name; in lower case only with the dot
  check(t, 'hr Kovalenko will Staplerschein über Bildungsgutschein', [['name', 'Kovalenko']]);
  check(t, 'Kita-Platz fehlt, fam Rahimi, Schulamt fragen', [['name', 'Rahimi']]);
  check(t, 'caller says hr does nothing, agg erklärt', []);
  check(t, 'Brief an Herrn von der Leyen', [['name', 'von der Leyen']]);
  check(t, 'Frau Ahmadi, geb. Karimi', [['name', 'Ahmadi'], ['name', 'Karimi']]);
  check(t, 'Fr. Şahin Tel. 0176 1234567', [['name', 'Şahin'], ['telefon', '0176 1234567']]);
  check(t, 'Herr und Frau Rahimi', [['name', 'Rahimi']]);
  check(t, 'Frau A. Müller-Lüdenscheidt', [['name', 'A. Müller-Lüdenscheidt']]);
  check(t, 'Frau Nguyen Thi Lan', [['name', 'Nguyen Thi Lan']]);
  check(t, 'Frau da Silva Santos', [['name', 'da Silva Santos']]);
  check(t, 'Frau Prof. Dr. Schmidt', [['name', 'Schmidt']]);
  check(t, 'Herr AHMADI, Fatima', [['name', 'AHMADI']]);
  check(t, 'Hr Mohammadi ruft an', [['name', 'Mohammadi']]);
  check(t, 'RR Fr. Al Zoubi', [['name', 'Al Zoubi']]);
  check(t, 'Hr. Yıldırım, Frau Nguyễn Thị Hoa', [['name', 'Yıldırım'], ['name', 'Nguyễn Thị Hoa']]);
  check(t, 'Rückruf an Herrn Abdullahi Mohamed Hassan', [['name', 'Abdullahi Mohamed Hassan']]);
  check(t, "Frau Ahmadi-Karimi und Herr O'Brien", [['name', 'Ahmadi-Karimi'], ['name', "O'Brien"]]);
  // The name ends before towns, countries, hotline nouns and abbreviations.
  check(t, 'Frau Ahmadi Halle', [['name', 'Ahmadi']], 'Frau [Name] Halle');
  check(t, 'Herr Karimi Syrien, Duldung', [['name', 'Karimi']]);
  check(t, 'Frau Schmidt Jobcenter Merseburg', [['name', 'Schmidt']]);
  check(t, 'Frau Hosseini Termin 12.12.', [['name', 'Hosseini']]);
  check(t, 'Herr Yilmaz JC', [['name', 'Yilmaz']]);
  check(t, 'Frau Öztürk Aufenthaltserlaubnis abgelaufen', [['name', 'Öztürk']]);
});

t.test('name without a title after a role word: first name and surname', async (t) => {
  check(t, 'Verein hat neue Leitung Jana Krüger, Satzung ändern?', [['name', 'Jana Krüger']]);
  check(t, 'Vorstand Rustam Nazarov fragt, ob eine MV per Zoom gilt', [['name', 'Rustam Nazarov']]);
  check(t, 'Schülerin will nicht, dass die Familie Ärger bekommt', []);
  check(t, 'TN Ahmad Rahimi hat B1 nicht bestanden', [['name', 'Ahmad Rahimi']], 'TN [Name] hat B1 nicht bestanden');
  check(t, 'Azubi Nguyen Thi Lan, Chemikantin in Leuna', [['name', 'Nguyen Thi Lan']]);
  check(t, 'Metallbau Salzwedel, MA Jawad Sultani fehlt oft', [['name', 'Jawad Sultani']]);
  check(t, 'Pfarrerin Ute Hellmann, ev. Kirchengemeinde', [['name', 'Ute Hellmann']]);
  check(t, 'Ehrenamtliche Gisela Brandt fragt nach Versicherung', [['name', 'Gisela Brandt']]);
  check(t, 'Klientin Olena Koval, Ukraine, § 24', [['name', 'Olena Koval']]);
  // One capitalised word after a role is anything: a job, a noun, a place.
  check(t, 'Sohn Azubi Koch in Sangerhausen, Ausbilder beleidigt ihn', []);
  check(t, 'Kunde Zusage von Zerspaner-Betrieb in Oschersleben', []);
  check(t, 'TN Integrationskurs Magdeburg, Modul 4', []);
  check(t, 'Klientin Syrerin, 34, sucht Kita', []);
  check(t, 'Kunde Müller ruft wieder an', []);
  check(t, 'Azubi Elektroniker Halle sucht Wohnung', []);
  check(t, 'Tochter ruft fuer Vater Gholam Haidari an (62)', [['name', 'Gholam Haidari']]);
  check(t, 'Vorsitzender Arman Petrosyan, armenischer Verein', [['name', 'Arman Petrosyan']]);
  check(t, 'Ärztin aus Russland, Dr. Olga Smirnova, Approbation vor 11 Jahren', [['name', 'Olga Smirnova']]);
  check(t, 'MBE oder Faire Mobilität? anrufer Ionuț Popescu', [['name', 'Ionuț Popescu']]);
  // Roles that usually head the name of an institution are not triggers.
  check(t, 'Koordinatorin Netzwerk Arbeitsmarkt LK Harz lädt ein', []);
  check(t, 'Vorsitzende Kulturverein Halle fragt nach Fördergeld', []);
});

t.test('name without a title right before a date of birth or a way to call back', async (t) => {
  check(t, 'Vater ruft wegen Tochter an, Rana Saleh *21.04.2004, MFA-Ausbildung', [
    ['name', 'Rana Saleh'],
    ['geburtsdatum', '21.04.2004'],
  ]);
  check(t, 'Mehmet Aydin, geb. 17.08.1979, sucht Arbeit', [['name', 'Mehmet Aydin'], ['geburtsdatum', '17.08.1979']]);
  check(t, 'Will abbrechen. Ibrahima Diallo, Handy 0176 9041228', [['name', 'Ibrahima Diallo'], ['telefon', '0176 9041228']]);
  check(t, 'was braucht er? Yonas Haile, yonas.haile@web.de', [['name', 'Yonas Haile'], ['email', 'yonas.haile@web.de']]);
  check(t, 'wie Grenzen setzen? Yuliia Hrytsenko 0162 8830547', [['name', 'Yuliia Hrytsenko'], ['telefon', '0162 8830547']]);
  // Offices, places and hotline words before a number stay.
  check(t, 'Jobcenter Halle 0345 1234567 anrufen', [['telefon', '0345 1234567']]);
  check(t, 'Caritas Magdeburg, 0391 5551234', [['telefon', '0391 5551234']]);
  check(t, 'Rückruf Beratung 0345 7654321', [['telefon', '0345 7654321']]);
  check(t, 'Kurs ab 01.03.2025 in Halle', []);
  // An age after the name, in commas or brackets.
  check(t, 'EQ-Platz bei Tischlerei in Ilsenburg für Karam Alali, 20, Gestattung.', [['name', 'Karam Alali']]);
  check(t, 'Sohn Yonas Tekle (21) im 2. Lehrjahr', [['name', 'Yonas Tekle']]);
  check(t, 'Bewerberin Aylin Demir, 19 Jahre, sucht Ausbildung', [['name', 'Aylin Demir']]);
  // Durations and house numbers are no ages.
  check(t, 'Anpassungslehrgang Pflege, 12 Monate, wer zahlt?', []);
  check(t, 'Wartezeit Kita Halle, 6 Monate', []);
  const withHouseNumber = spans('Frau Svitlana Kovalenko, Alte Brücke 9, 39261 Zerbst');
  t.notOk(withHouseNumber.some(([type, value]) => type === 'name' && value.includes('Brücke')), 'a street with its house number is no name with an age');
});

t.test('the signature of a pasted e-mail', async (t) => {
  check(t, 'Mail von Ehrenamtlicher:\nBin ich versichert, wenn ich fahre?\nDanke, M. Vogt', [['name', 'M. Vogt']]);
  check(t, 'Betreff: Kontrollen\nMein Sohn wird ständig kontrolliert.\nViele Grüße\nNadia Benali', [['name', 'Nadia Benali']]);
  check(t, 'Betreff: Kontrollen\nMein Sohn wird ständig kontrolliert.\nAmina Yusuf', [['name', 'Amina Yusuf']]);
  // not a name: a closing alone, an office, a single word, a note on one line
  check(t, 'Betreff: Kurs\nWann startet der Kurs?\nViele Grüße', []);
  check(t, 'Anfrage:\nKita-Platz gesucht\nJobcenter Halle', []);
  check(t, 'Anfrage:\nKita-Platz gesucht\nDanke', []);
});

t.test('name without a title or role: a known given name and a surname', async (t) => {
  check(t, 'Anruf von Olena Kovalenko aus Halle, Kita-Platz gesucht', [['name', 'Olena Kovalenko']]);
  check(t, 'Reinigungskraft Desislava Ivanova aus Bulgarien, Zeitz, gekündigt', [['name', 'Desislava Ivanova']]);
  check(t, 'Kofi Mensah vom afrikanischen Kulturverein fragt nach Fördergeld', [['name', 'Kofi Mensah']]);
  check(t, 'Mohammed Ali Hassan will Anerkennung als Elektriker', [['name', 'Mohammed Ali Hassan']]);
  check(t, 'Arbeitgeber Jürgen Wolff, Dachdeckerei in Genthin', [['name', 'Jürgen Wolff']]);
  // A given name alone, or before a place, an office, a common noun or a verb, stays.
  check(t, 'Amal hat B1 bestanden, sucht jetzt Ausbildung', []);
  check(t, 'Omar Sprachkurs B1 abgebrochen, JC droht Sanktion', []);
  check(t, 'Tochter Amira braucht Kita-Platz in Dessau', []);
  check(t, 'Sara Jobcenter Stendal, Termin verpasst', []);
  check(t, 'Yusuf Magdeburg, Frage zur Arbeitserlaubnis', []);
  check(t, 'Max. 20 Stunden pro Woche erlaubt?', []);
  // Hyphenated names of schools and streets are no personal names.
  check(t, 'Ausbildung an der Anne-Frank-Schule in Halle', []);
});

t.test('a note typed without a single capital', async (t) => {
  check(t, 'rückruf an hr. hamid karimi, bg 08302bg0151276, wegen mehrbedarf', [
    ['name', 'hamid karimi'],
    ['aktenzeichen', '08302bg0151276'],
  ]);
  check(t, 'fr. khadija mahmoud, sangerhausen, kylische straße 31, 4 kinder, will nähen lernen', [
    ['name', 'khadija mahmoud'],
    ['adresse', 'kylische straße 31'],
  ]);
  check(t, 'kundin hat neues konto, iban de89 3704 0044 0532 0130 00, jc soll umstellen', [
    ['iban', 'de89 3704 0044 0532 0130 00'],
  ]);
  check(t, 'frau svitlana kovalenko wohnt lindenweg 7, sucht kita für sohn', [
    ['name', 'svitlana kovalenko'],
    ['adresse', 'lindenweg 7'],
  ]);
  check(t, 'nachbarn beschweren sich über lärm (breite str. 48), hr. murad will schlichten', [
    ['adresse', 'breite str. 48'],
    ['name', 'murad'],
  ]);
  // "frau"/"herr" need a first name and a surname; what a family does is no name.
  for (const note of [
    'frau sucht arbeit in der pflege, hat b1',
    'frau schwanger, fragt nach elterngeld',
    'familie zieht von berlin nach tangermünde, kita?',
    'familie fühlt sich verfolgt, ordnungsamt reagiert nicht',
    'herr möchte wissen, ob er arbeiten darf',
    'kitaplatz 2 kinder, arbeitsweg 3 km, wohnt am markt',
    // A given name alone, before a verb or adverb, or after an article (an abbreviation).
    'amal hat b1 bestanden, sucht ausbildung',
    'sperrzeit weil karim selbst gekündigt hat',
    'jobcenter-fragen an die mia verwiesen',
  ]) {
    check(t, note, []);
  }
  // A known given name with a surname, as in notes with capitals.
  check(t, 'anruf von olena kovalenko, kita-platz in halle gesucht', [['name', 'olena kovalenko']]);
  check(t, 'tn bilal haidari arbeitet im schichtdienst', [['name', 'bilal haidari']]);
  // A note with capitals keeps the capital rules: a lower-case word after "Frau" is none.
  check(t, 'Frau svitlana sucht Arbeit, lindenweg 7 ist ihre Adresse.', []);
});

t.test('ordinary content stays untouched', async (t) => {
  const untouched = [
    '§ 16a AufenthG, Ausbildungsduldung?',
    'Beschäftigungsduldung nach § 60d',
    'B1 erreicht, A2-Niveau im Lesen',
    'SGB II Leistungen beantragt',
    'Kurs ab 01.03.',
    'Termin am 12.12. um 10:30',
    'seit 2019 in DE, davor 2 J. Türkei',
    'Aufenthaltserlaubnis bis 31.12.2026 gültig',
    '06618 Naumburg',
    'PLZ 39104 Magdeburg, Stadtteil Buckau',
    '450 € Miete, 1.200 Euro netto, 0,50 € Gebühr',
    '20 % Abzug, 35%',
    'BSK C1 ab 2025 geplant',
    'EQ 2025 beim AG in Halle',
    'Kurs 2024-03 voll',
    'Platz 3 im Kurs',
    'Am 12. Mai Termin bei ABH',
    'im Modul 2 Probleme',
    'Raum 3, 2. OG',
    'Frau vom Jobcenter hat angerufen',
    'Herr vom Amt meldet sich',
    'Frau aus Syrien, Pflegekraft',
    'Frau mit Duldung fragt nach Arbeit',
    'Frau hat 3 Kinder',
    'Frau im Integrationskurs, Modul 5',
    'Frau von der Ausländerbehörde Halle',
    'Herr Doktor meinte das sei ok',
    'Frau Kollegin Beraterin weiß Bescheid',
    'Im Modul 2 fehlen Stunden',
    'Am Montag 3 Termine',
    'Arbeitsplatz 2 Jahre sicher',
    'hat 1 Kitaplatz ab 2024',
    'Kursplatz 3 frei',
    'Anrufer 2 mal vertröstet',
    'ca. 1 200 Euro brutto',
    'Zeit 08:00 - 09:15 Uhr',
    'ab 01.04. Kurs, bis 30.09.2025',
    '0345 Vorwahl unbekannt',
    'Tel. fehlt, Mail fehlt',
    'Kundennummer unbekannt',
    'Az. liegt nicht vor',
    'Fr. Vormittag Rückruf',
    'Frau zu Hause erreichbar',
    'geb. in Syrien, seit 2015 hier',
    'Kurs Nr 12345678',
    '1990 geboren, 2 Kinder',
    'Frau Dr. noch offen',
    'Geburtsdatum fehlt',
    'Familie mit 4 Kindern',
    'Familiennachzug für Ehefrau',
    'Berufssprachkurs DeuFöV B2, 400 UE',
    'IQ Netzwerk Sachsen-Anhalt, Anerkennung Pflege',
    'HWK Halle, Teilanerkennung 03/2024',
    'Zeugnisse von 2010-2014',
    'EU-Blaue Karte, § 18g',
    'Gehalt 3.500 €/Monat',
    'Frau Sie hat angerufen',
    'Die Straße 3 mal gewechselt',
    'Herr SG Halle',
    'Frau Ministerin',
    'Herr Bürgermeister hat zugesagt',
    'Fr. Früh Termin',
    'Fr 14 Uhr Rückruf',
    'geb. Deutsche',
    'Hausnummer 12 fehlt',
    'Umweg 3 Tage',
    'geb. Datum fehlt',
  ];
  t.ok(untouched.length >= 25);
  for (const text of untouched) t.same(spans(text), [], text);
});

t.test('typical notes without identifiers stay untouched', async (t) => {
  const notes = [
    'Klientin aus Afghanistan, seit 2022 in Halle, Aufenthaltserlaubnis § 24, möchte Anerkennung als Lehrerin, Unterlagen auf Dari, Übersetzung fehlt.',
    'Anrufer fragt nach Arbeitserlaubnis bei Duldung, ABH Salzlandkreis hat Beschäftigung verweigert, Widerspruch? Verweis an MBE Bernburg.',
    'JC Magdeburg verlangt Nachweis B1, Kurs bei VHS ab 03.2025, 700 UE, Fahrtkosten 49-Euro-Ticket.',
    'Pflegefachkraft aus den Philippinen, Defizitbescheid, Anpassungslehrgang 6 Monate, Kosten ca. 3.000 €, Förderung über IQ?',
    'Frage zu § 16d, Teilanerkennung, Arbeitgeber in Wernigerode bietet Stelle ab 1.4. an.',
    'Mann arbeitet 20 Std/Woche, Minijob 538 €, Aufstockung Bürgergeld, BG 4 Personen.',
    'Termin beim Jobcenter am 14.03. um 9:30, Dolmetscher Arabisch benötigt.',
    'Sprachzertifikat telc B2 vom 12/2023, Uni Halle verlangt C1 für Studium.',
    'Blaue Karte EU, Gehalt 45.300 € brutto, Mindestgehalt 2025 geprüft.',
    'Familie aus Syrien, 5 Kinder, Wohnung 3 Zimmer 75 qm, Miete 620 € warm.',
    'Westbalkanregelung, Vorabzustimmung BA, Visum Botschaft Pristina, Wartezeit 12 Monate.',
    'Ausbildungsduldung § 60c, Ausbildung Koch 2. Lehrjahr, Betrieb in Naumburg.',
    'Kollegin vom JC Dessau hat Fragen zu EQ, Maßnahme 6–12 Monate, Zuschuss 50 %.',
    'Herr vom Jobcenter ruft zurück, Frau aus Eritrea wartet auf Bescheid.',
    'Raum 2.14, Sprechzeit Di 10–12 Uhr, Modul 3 im BSK.',
    'Kurs 2024-07 Platz 5 auf Warteliste, Beginn KW 14.',
    'Nach § 81a beschleunigtes Fachkräfteverfahren, Gebühr 411 €.',
    'Praktikum 3 Monate bei Firma in Bitterfeld-Wolfen, Mindestlohn 12,82 €.',
    'Am Ende 3 Optionen besprochen: BSK, EQ, Ausbildung.',
    'Zum Termin 2 Unterlagen mitbringen: Pass, Zeugnis.',
    'Auf der Arbeit 3 Tage krank, AU liegt vor.',
    'Im Jahr 2023 eingereist, Asylantrag abgelehnt, Klage anhängig.',
    'Anruf 10:15–10:40, Hinweis auf Beratungsstelle in Sangerhausen, PLZ 06526.',
  ];
  for (const note of notes) t.same(spans(note), [], note);
});

t.test('overlapping and adjacent items', async (t) => {
  // Adjacent spans stay separate and keep their own placeholders.
  check(t, 'Tel:0345123456,mail:a@b.de', [
    ['telefon', '0345123456'],
    ['email', 'a@b.de'],
  ], 'Tel:[Telefon],mail:[E-Mail]');
  check(t, 'Herr Müller Musterstraße 12', [
    ['name', 'Müller'],
    ['adresse', 'Musterstraße 12'],
  ], 'Herr [Name] [Adresse]');
  // A name that ran into a street is read again without it.
  check(t, 'Frau Ahmadi Hauptweg 7', [
    ['name', 'Ahmadi'],
    ['adresse', 'Hauptweg 7'],
  ], 'Frau [Name] [Adresse]');
  // A file number that ran into an e-mail address keeps its own part.
  check(t, 'BG-Nr. 12 34@x.de', [
    ['aktenzeichen', '12'],
    ['email', '34@x.de'],
  ], 'BG-Nr. [Aktenzeichen] [E-Mail]');
  // An e-mail whose local part looks like a phone number is one e-mail.
  check(t, '01761234567@handy.de', [['email', '01761234567@handy.de']]);
  // A name inside an e-mail address: the e-mail wins.
  check(t, 'Frau m.mueller@web.de', [['email', 'm.mueller@web.de']]);
  // The IBAN wins over the phone-like digits inside it.
  check(t, 'DE89 3704 0044 0532 0130 00', [['iban', 'DE89 3704 0044 0532 0130 00']]);
  // A birth date right after a name.
  check(t, 'Frau Öztürk *12.03.1990', [
    ['name', 'Öztürk'],
    ['geburtsdatum', '12.03.1990'],
  ], 'Frau [Name] *[Geburtsdatum]');
});

t.test('a realistic note', async (t) => {
  const note =
    'Anruf v. Fr. Hosseini (Tel 0157 12345678), Kd-Nr 987A654321, wohnt Lange Str. 14 in ' +
    '39112 Magdeburg, geb. 03.11.1987, Mail hosseini.m@gmx.de, Az. 12 AS 345/23. Hat B1, ' +
    'will BSK C1 ab 01.03.2025, JC zahlt 450 € Fahrtkosten? IBAN DE89 3704 0044 0532 0130 00.';
  check(t, note, [
    ['name', 'Hosseini'],
    ['telefon', '0157 12345678'],
    ['aktenzeichen', '987A654321'],
    ['adresse', 'Lange Str. 14'],
    ['geburtsdatum', '03.11.1987'],
    ['email', 'hosseini.m@gmx.de'],
    ['aktenzeichen', '12 AS 345/23'],
    ['iban', 'DE89 3704 0044 0532 0130 00'],
  ],
  'Anruf v. Fr. [Name] (Tel [Telefon]), Kd-Nr [Aktenzeichen], wohnt [Adresse] in ' +
    '39112 Magdeburg, geb. [Geburtsdatum], Mail [E-Mail], Az. [Aktenzeichen]. Hat B1, ' +
    'will BSK C1 ab 01.03.2025, JC zahlt 450 € Fahrtkosten? IBAN [IBAN].');
});

const NOTES = [
  'Fr. Öztürk, Tel 0345 1234567, Mail a.b@web.de',
  'geb. 12.03.1990, wohnt Musterstr. 12a, 06108 Halle',
  'Herr Dr. Ahmadi, Az. 3 A 123/24, IBAN DE89370400440532013000',
  'Familie al-Hassan, Am Markt 3, BG-Nr. 08154BG0012345, Handy +49 171 2345678',
  'Frau Nguyen Thi Lan *1.5.88 Lindenallee 4 b Steuer-ID 12 345 678 901',
  'Herr Müller Musterstraße 12',
  'wohnt am Markt 3, geb. am 12. März 1990, Frau A. Müller-Lüdenscheidt',
];

t.test('an item glued to another is found in one pass', async (t) => {
  check(t, 'geb. 12.03.1990DE36000000000000000000 ', [
    ['geburtsdatum', '12.03.1990'],
    ['iban', 'DE36000000000000000000'],
  ]);
  check(t, '0@-.de08154BG0012345 ', [['email', '0@-.de'], ['aktenzeichen', '08154BG0012345']]);
});

t.test('redacting the redacted text changes nothing', async (t) => {
  for (const note of NOTES) {
    const once = redact(note).redactedText;
    t.not(once, note);
    t.same(redact(once), { redactedText: once, redactions: [] }, once);
  }
});

// ---------------------------------------------------------------------------------------
// Property tests

/** An independent oracle for e-mail addresses (ASCII, the common shape). */
const EMAIL_ORACLE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
/** An independent oracle for German IBANs, compact or in groups of four. */
const DE_IBAN_ORACLE =
  /(?<![\p{L}\p{N}])DE\d{2}(?:\d{18}|(?: \d{4}){4} \d{2})(?![\p{L}\p{N}])/gu;

function mod97(digits: string): bigint {
  return BigInt(digits) % 97n;
}

function containsValidDeIban(text: string): boolean {
  for (const m of text.matchAll(DE_IBAN_ORACLE)) {
    const compact = m[0].replace(/ /g, '');
    if (mod97(compact.slice(4) + '1314' + compact.slice(2, 4)) === 1n) return true;
  }
  return false;
}

/** A valid German IBAN, compact or grouped. */
const validDeIban = fc
  .tuple(fc.stringMatching(/^\d{18}$/), fc.boolean())
  .map(([bban, grouped]) => {
    const check = String(98n - mod97(bban + '131400')).padStart(2, '0');
    const iban = `DE${check}${bban}`;
    return grouped ? iban.replace(/(.{4})(?=.)/g, '$1 ') : iban;
  });

const email = fc.tuple(
  fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,10}$/),
  fc.stringMatching(/^[a-z0-9-]{1,8}$/),
  fc.constantFrom('de', 'com', 'org', 'net'),
).map(([local, domain, tld]) => `${local}@${domain}.${tld}`);

const fragment = fc.oneof(
  validDeIban,
  email,
  fc.emailAddress(),
  fc.constantFrom(
    'Frau', 'Herr', 'Hr.', 'Fr.', 'Familie', 'Müller', 'Öztürk', 'Dr.', 'von', 'der', 'Am',
    'Markt', 'Musterstraße', 'Str.', 'Lange', 'Weg', '12', '3a', '0345', '1234567', '+49',
    '(0)', '171', 'geb.', '*', '12.03.1990', '1.5.88', 'März', 'Az.', 'BG-Nr.', 'Kundennummer',
    '08154BG0012345', '3 A 123/24', '§ 16a', 'B1', 'SGB II', '06108', 'Halle', '450 €', '2019',
    'Kurs', 'ab', '01.03.', 'Tel.', 'Handy:', '@', '.', ',', '-', '/', 'DE89', 'DE', '[Name]',
    '[Telefon]', 'Jobcenter', 'wohnt', 'am', 'im', 'Modul', '2', '\n',
  ),
  fc.string({ maxLength: 8 }),
  fc.stringMatching(/^\d{1,12}$/),
);

const noteLike = fc
  .array(fc.tuple(fragment, fc.constantFrom(' ', ' ', ', ', '', '. ', ': ', '\n')), {
    maxLength: 25,
  })
  .map((parts) => parts.map(([f, sep]) => f + sep).join(''));

t.test('property: spans are consistent for any text', async (t) => {
  for (const arbitrary of [fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string(), noteLike]) {
    fc.assert(
      fc.property(arbitrary, (text) => consistencyProblem(text) === null),
      { numRuns: 400 },
    );
  }
  t.pass('consistent');
});

t.test('property: no e-mail address and no valid IBAN survives', async (t) => {
  fc.assert(
    fc.property(noteLike, (text) => {
      const out = redact(text).redactedText;
      return !EMAIL_ORACLE.test(out) && !containsValidDeIban(out);
    }),
    { numRuns: 1000 },
  );
  // The generator does produce what the oracles look for.
  const sample = fc.sample(noteLike, 300);
  t.ok(sample.some((s) => EMAIL_ORACLE.test(s)), 'some samples hold e-mail addresses');
  t.ok(sample.some(containsValidDeIban), 'some samples hold valid IBANs');
});

t.test('property: redaction is idempotent on note-like text', async (t) => {
  fc.assert(
    fc.property(noteLike, (text) => {
      const once = redact(text).redactedText;
      return redact(once).redactedText === once;
    }),
    { numRuns: 1000 },
  );
  t.pass('idempotent');
});

t.test('no pathological slowness on long adversarial input', async (t) => {
  const nasty = [
    'Az. ' + 'A '.repeat(3000) + 'x',
    'x@' + 'a.'.repeat(5000) + '1',
    '0345 ' + '12 '.repeat(3000),
    'Frau ' + 'Müller-'.repeat(2000),
    'Musterstraße'.repeat(1000) + ' 12',
    'geb. ' + '1.'.repeat(5000),
    ('Am Markt 3, Tel 0345 1234567, a@b.de, DE89370400440532013000. ').repeat(300),
  ];
  const started = performance.now();
  for (const text of nasty) redact(text);
  const ms = performance.now() - started;
  t.ok(ms < 1000, `took ${ms.toFixed(0)} ms`);
});
