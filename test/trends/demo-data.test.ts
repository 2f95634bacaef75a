import t from 'tap';
import { DEMO_SPIKE, generateDemoEnquiries, seedDemo } from '../../src/cli/demo-data.js';
import { loadDistrictMap } from '../../src/server/routes/pages/reports.js';
import { localDayOf, planWindows, summarise } from '../../src/trends/index.js';
import { openTestStore } from '../helpers/store.js';

const populations = Object.fromEntries(loadDistrictMap().districts.map((d) => [d.code, d.population]));
const now = new Date('2026-11-25T15:00:00Z');
const today = '2026-11-25';

t.test('about 5,000 enquiries over twelve months, deterministic, none in the future', async (t) => {
  const a = generateDemoEnquiries({ now, today, populations });
  const b = generateDemoEnquiries({ now, today, populations });
  t.ok(a.length > 4700 && a.length < 5300, `${a.length} enquiries`);
  t.same(a.slice(0, 20), b.slice(0, 20), 'same seed, same data');
  const days = a.map((e) => localDayOf(e.createdAt!));
  t.ok(days[0]! >= '2025-11-26', 'starts within the last twelve months');
  t.ok(a.every((e) => e.createdAt!.getTime() <= now.getTime()), 'nothing after now');
  t.ok(a.every((e, i) => i === 0 || a[i - 1]!.createdAt! <= e.createdAt!), 'oldest first');
  const different = generateDemoEnquiries({ now, today, populations, seed: 1 });
  t.not(different[0]!.text, a[0]!.text);
});

t.test('weekdays, seasons, districts by population, topic mix, redacted style', async (t) => {
  const enquiries = generateDemoEnquiries({ now, today, populations });
  const weekday = (e: (typeof enquiries)[number]) => new Date(`${localDayOf(e.createdAt!)}T12:00:00Z`).getUTCDay();
  const weekend = enquiries.filter((e) => [0, 6].includes(weekday(e))).length;
  t.ok(weekend / enquiries.length < 0.03, `weekend share ${weekend}`);
  // Per working day: the summer holidays (4 July – 14 August 2026) against May/June.
  const perWorkingDay = (from: string, to: string) => {
    const inRange = enquiries.filter((e) => {
      const day = localDayOf(e.createdAt!);
      return day >= from && day <= to && ![0, 6].includes(weekday(e));
    }).length;
    let workingDays = 0;
    for (let d = new Date(`${from}T12:00:00Z`); d <= new Date(`${to}T12:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
      if (![0, 6].includes(d.getUTCDay())) workingDays += 1;
    }
    return inRange / workingDays;
  };
  const summer = perWorkingDay('2026-07-06', '2026-08-14');
  const spring = perWorkingDay('2026-05-04', '2026-06-26');
  t.ok(summer < 0.75 * spring, `summer holidays quieter (${summer.toFixed(1)} vs ${spring.toFixed(1)} a day)`);
  const christmas = enquiries.filter((e) => {
    const md = localDayOf(e.createdAt!).slice(5);
    return md >= '12-22' || md <= '01-02';
  }).length;
  t.ok(christmas < 60, `few around Christmas (${christmas})`);
  const hourFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Berlin' });
  const hours = enquiries.map((e) => Number(hourFormat.format(e.createdAt!)));
  t.ok(hours.every((h) => h >= 8 && h <= 17), 'office hours in Berlin time');

  const byDistrict = (code: string | null) => enquiries.filter((e) => (e.district?.code ?? null) === code).length;
  t.ok(byDistrict('15002') > 2 * byDistrict('15086'), 'Halle (Saale) has far more than the Jerichower Land');
  t.ok(byDistrict(null) > 300 && byDistrict(null) < 900, 'some without a district');
  const topicShare = (id: string) => enquiries.filter((e) => e.topics.some((x) => x.id === id)).length / enquiries.length;
  t.ok(topicShare('aufenthalt') > topicShare('diskriminierung') * 3);
  t.ok(enquiries.some((e) => e.topics.length === 2) && enquiries.every((e) => e.topics.length >= 1 && e.topics.length <= 2));
  t.ok(enquiries.every((e) => e.referredTo === null || e.outcome === 'weiterverwiesen'));

  for (const e of enquiries.slice(0, 300)) {
    for (const r of e.redactions) t.match(e.text.slice(r.start, r.end), /^\[(Telefon|E-Mail|Name)\]$/);
    t.notMatch(e.text, /\d{4,}|@/, 'no numbers or addresses, only placeholders');
  }
});

t.test('the injected spike is flagged by the summary, the other topics and districts are not', async (t) => {
  const enquiries = generateDemoEnquiries({ now, today, populations });
  const plan = planWindows(today, 7);
  const byTopic = new Map<string, Map<string, number>>();
  const byDistrict = new Map<string, Map<string, number>>();
  const bump = (map: Map<string, Map<string, number>>, key: string, day: string) => {
    let daily = map.get(key);
    if (!daily) map.set(key, (daily = new Map()));
    daily.set(day, (daily.get(day) ?? 0) + 1);
  };
  for (const e of enquiries) {
    const day = localDayOf(e.createdAt!);
    for (const topic of e.topics) bump(byTopic, topic.id, day);
    if (e.district) bump(byDistrict, e.district.code, day);
  }
  const topics = summarise(byTopic, plan);
  const districts = summarise(byDistrict, plan);
  t.same(topics.filter((x) => x.spike).map((x) => x.key), [DEMO_SPIKE.topic]);
  t.same(districts.filter((x) => x.spike).map((x) => x.key).sort(), [...DEMO_SPIKE.districts].sort());
});

t.test('seedDemo fills an empty store once', async (t) => {
  const { store } = openTestStore(t);
  const created = seedDemo(store, { now, today, populations, target: 300, authorId: null });
  t.ok(created > 200);
  t.equal(store.enquiries.count(), created);
  t.equal(seedDemo(store, { now, today, populations, target: 300, authorId: null }), 0, 'a second run adds nothing');
  t.equal(store.enquiries.count(), created);
  const latest = store.enquiries.list({ limit: 1 }).items[0]!;
  t.equal(latest.triageVersion, 'demo');
});
