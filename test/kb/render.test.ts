import t from 'tap';
import { renderBody, sanitizeArticleHtml } from '../../src/kb/index.js';

t.test('raw HTML and dangerous URLs never reach the page', async (t) => {
  const { html } = renderBody(
    [
      'Absatz <script>alert(1)</script> und <img src=x onerror="alert(1)"> und <iframe src="https://evil.example"></iframe> <style>*{}</style>',
      '',
      '[klick](javascript:alert(1)) [daten](data:text/html,<b>x</b>) [vb](vbscript:msgbox)',
    ].join('\n'),
    'sonstiges/x.md',
  );
  t.notMatch(html, /<script/i);
  t.notMatch(html, /<img/i);
  t.notMatch(html, /<iframe/i);
  t.notMatch(html, /<style/i);
  t.notMatch(html, /href="(javascript|data|vbscript):/i);
  t.notMatch(html, /\sonerror=/i, 'no event handler attribute');
});

t.test('the sanitiser strips what markdown-it would never produce, too', async (t) => {
  const html = sanitizeArticleHtml(
    '<p onclick="x()">Text<script>alert(1)</script></p><iframe src="x"></iframe><a href="javascript:alert(1)">a</a>' +
      '<a href="https://bamf.de" target="_blank">b</a><div style="color:red">c</div><img src="data:image/png;base64,AA">',
  );
  t.equal(html, '<p>Text</p><a>a</a><a href="https://bamf.de" rel="noopener noreferrer">b</a>c');
});

t.test('relative .md links become article URLs; external links get rel', async (t) => {
  const r = renderBody(
    'Siehe [Integrationskurs](../sprache/integrationskurs.md#anmeldung), [Kosten](kosten.md) und [BAMF](https://www.bamf.de).',
    'aufenthalt/test.md',
    7,
  );
  t.match(r.html, '<a href="/wissen/integrationskurs#anmeldung" data-slug="integrationskurs">Integrationskurs</a>');
  t.match(r.html, '<a href="/wissen/kosten" data-slug="kosten">Kosten</a>');
  t.match(r.html, '<a href="https://www.bamf.de" rel="noopener noreferrer">BAMF</a>');
  t.same(
    r.links.map((l) => [l.target, l.line]),
    [
      ['sprache/integrationskurs.md', 8],
      ['aufenthalt/kosten.md', 8],
    ],
  );
});

t.test('headings get stable German anchors', async (t) => {
  const r = renderBody('## Wer darf wann arbeiten?\n\nText\n\n## Gebühren für Übersetzungen\n\n## Gebühren für Übersetzungen\n', 'a.md');
  t.match(r.html, '<h2 id="wer-darf-wann-arbeiten">Wer darf wann arbeiten?</h2>');
  t.match(r.html, '<h2 id="gebuehren-fuer-uebersetzungen">');
  t.match(r.html, '<h2 id="gebuehren-fuer-uebersetzungen-1">', 'repeated headings stay unique');
  t.same(r.headings.map((h) => h.text), ['Wer darf wann arbeiten?', 'Gebühren für Übersetzungen', 'Gebühren für Übersetzungen']);
  t.equal(r.text, 'Text');
});
