/**
 * Builds the labelled evaluation/training corpus.
 *
 *   npx tsx scripts/build-corpus.ts
 *
 * Reads  corpus/notes.source.jsonl  ({marked, topics, district}; personal data wrapped as
 *        [[type|original text]])
 * Writes corpus/notes.jsonl         ({id, text, topics, district, pii, split})
 *
 * - `text` is `marked` with the markers removed; `pii[].start/end` are UTF-16 offsets into
 *   `text` (end exclusive), so `text.slice(start, end)` is the original wrapped text.
 * - `split` is assigned once: a stratified (by primary topic), seeded shuffle
 *   (mulberry32, seed 20261125, Fisher–Yates) puts 30 % of each topic into `dev`.
 *   Splits already present in an existing notes.jsonl are kept (matched by id), so
 *   appending notes to the source never moves an existing note between train and dev.
 *   Only append to the source file; never reorder or delete lines.
 * - Any validation error stops the build with a non-zero exit code and writes nothing.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const TOPICS = [
  "aufenthalt",
  "arbeitsverwaltung",
  "sprache",
  "anerkennung",
  "ausbildung",
  "arbeitgeber",
  "ehrenamt",
  "migrantenorganisationen",
  "frauen-familie",
  "netzwerk",
  "foerderung",
  "diskriminierung",
  "sonstiges",
] as const;

const DISTRICTS: Readonly<Record<string, string>> = {
  "15001": "Dessau-Roßlau",
  "15002": "Halle (Saale)",
  "15003": "Magdeburg",
  "15081": "Altmarkkreis Salzwedel",
  "15082": "Anhalt-Bitterfeld",
  "15083": "Börde",
  "15084": "Burgenlandkreis",
  "15085": "Harz",
  "15086": "Jerichower Land",
  "15087": "Mansfeld-Südharz",
  "15088": "Saalekreis",
  "15089": "Salzlandkreis",
  "15090": "Stendal",
  "15091": "Wittenberg",
};

const PII_TYPES = ["telefon", "email", "iban", "geburtsdatum", "adresse", "aktenzeichen", "name"] as const;
type PiiType = (typeof PII_TYPES)[number];

const SEED = 20261125;
const DEV_SHARE = 0.3;

type Split = "train" | "dev";
interface PiiSpan {
  type: PiiType;
  start: number;
  end: number;
}
interface Note {
  id: string;
  text: string;
  topics: string[];
  district: string | null;
  pii: PiiSpan[];
  split: Split;
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const sourcePath = join(root, "corpus", "notes.source.jsonl");
const outPath = join(root, "corpus", "notes.jsonl");

const errors: string[] = [];
const warnings: string[] = [];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function ibanValid(raw: string): boolean {
  const s = raw.replace(/ /g, "").toUpperCase();
  if (!/^DE\d{20}$/.test(s)) return false;
  const rearranged = s.slice(4) + s.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const digits = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

/** Removes [[type|text]] markers; returns plain text and spans, or an error message. */
function unmark(marked: string): { text: string; pii: PiiSpan[] } | string {
  let text = "";
  const pii: PiiSpan[] = [];
  let i = 0;
  while (i < marked.length) {
    const open = marked.indexOf("[[", i);
    const strayClose = marked.indexOf("]]", i);
    if (strayClose !== -1 && (open === -1 || strayClose < open)) {
      return `"]]" without "[[" at column ${strayClose + 1}`;
    }
    if (open === -1) {
      text += marked.slice(i);
      break;
    }
    text += marked.slice(i, open);
    const close = marked.indexOf("]]", open + 2);
    if (close === -1) return `unclosed marker at column ${open + 1}`;
    const inner = marked.slice(open + 2, close);
    if (inner.includes("[[")) return `nested or unclosed marker at column ${open + 1}`;
    const bar = inner.indexOf("|");
    if (bar === -1) return `marker without "|" at column ${open + 1}: [[${inner}]]`;
    const type = inner.slice(0, bar);
    const value = inner.slice(bar + 1);
    if (!(PII_TYPES as readonly string[]).includes(type)) return `unknown marker type "${type}"`;
    if (value.length === 0 || value.trim() !== value) return `empty or untrimmed marker value: [[${inner}]]`;
    if (value.includes("|")) return `"|" inside marker value: [[${inner}]]`;
    if (type === "iban" && !ibanValid(value)) return `IBAN with wrong check digits: ${value}`;
    pii.push({ type: type as PiiType, start: text.length, end: text.length + value.length });
    text += value;
    i = close + 2;
  }
  return { text, pii };
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], rand: () => number): T[] {
  const a = items.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const tmp = a[i] as T;
    a[i] = a[j] as T;
    a[j] = tmp;
  }
  return a;
}

// ---- read and validate the source ------------------------------------------------------
if (!existsSync(sourcePath)) {
  console.error(`build-corpus: ${sourcePath} not found`);
  process.exit(1);
}
const lines = readFileSync(sourcePath, "utf8").split("\n");
const notes: Omit<Note, "split">[] = [];
const seenText = new Map<string, number>();

lines.forEach((line, idx) => {
  const lineNo = idx + 1;
  if (line.trim() === "") return;
  const where = `notes.source.jsonl:${lineNo}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (e) {
    errors.push(`${where}: invalid JSON (${(e as Error).message})`);
    return;
  }
  if (!isRecord(parsed)) {
    errors.push(`${where}: not a JSON object`);
    return;
  }
  for (const key of Object.keys(parsed)) {
    if (!["marked", "topics", "district"].includes(key)) errors.push(`${where}: unknown field "${key}"`);
  }
  const { marked, topics, district } = parsed;
  if (typeof marked !== "string" || marked.trim() === "") {
    errors.push(`${where}: "marked" must be a non-empty string`);
    return;
  }
  if (!Array.isArray(topics) || topics.length < 1 || topics.length > 3) {
    errors.push(`${where}: "topics" must be an array of 1–3 topic ids`);
    return;
  }
  const topicIds: string[] = [];
  for (const t of topics) {
    if (typeof t !== "string" || !(TOPICS as readonly string[]).includes(t)) {
      errors.push(`${where}: unknown topic ${JSON.stringify(t)}`);
    } else if (topicIds.includes(t)) {
      errors.push(`${where}: duplicate topic "${t}"`);
    } else {
      topicIds.push(t);
    }
  }
  if (district !== null && (typeof district !== "string" || !(district in DISTRICTS))) {
    errors.push(`${where}: unknown district ${JSON.stringify(district)}`);
    return;
  }
  const res = unmark(marked);
  if (typeof res === "string") {
    errors.push(`${where}: ${res}`);
    return;
  }
  const prev = seenText.get(res.text);
  if (prev !== undefined) errors.push(`${where}: same text as line ${prev}`);
  seenText.set(res.text, lineNo);
  notes.push({
    id: `n${String(notes.length + 1).padStart(4, "0")}`,
    text: res.text,
    topics: topicIds,
    district: district as string | null,
    pii: res.pii,
  });
});

if (errors.length > 0) {
  console.error(`build-corpus: ${errors.length} error(s), nothing written:`);
  for (const e of errors) console.error(`  ${e}`);
  process.exit(1);
}

// ---- split: keep existing assignments, assign new notes by stratified shuffle ----------
const frozen = new Map<string, { split: Split; text: string }>();
if (existsSync(outPath)) {
  for (const line of readFileSync(outPath, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    const r: unknown = JSON.parse(line);
    if (isRecord(r) && typeof r.id === "string" && (r.split === "train" || r.split === "dev")) {
      frozen.set(r.id, { split: r.split, text: typeof r.text === "string" ? r.text : "" });
    }
  }
  if (frozen.size > notes.length) {
    console.error(
      `build-corpus: notes.jsonl has ${frozen.size} notes but the source only ${notes.length}; ` +
        "lines were deleted from the source. Restore them (append-only) instead of rebuilding.",
    );
    process.exit(1);
  }
}

const splitOf = new Map<string, Split>();
for (const n of notes) {
  const f = frozen.get(n.id);
  if (f) {
    splitOf.set(n.id, f.split);
    if (f.text !== n.text) warnings.push(`${n.id}: text changed since the split was assigned (split kept)`);
  }
}

const rand = mulberry32(SEED);
for (const topic of TOPICS) {
  const members = notes.filter((n) => n.topics[0] === topic);
  const target = Math.round(members.length * DEV_SHARE);
  const haveDev = members.filter((n) => splitOf.get(n.id) === "dev").length;
  const fresh = members.filter((n) => !splitOf.has(n.id));
  const order = shuffle(fresh, rand);
  const newDev = Math.max(0, Math.min(order.length, target - haveDev));
  order.forEach((n, k) => splitOf.set(n.id, k < newDev ? "dev" : "train"));
}

const out: Note[] = notes.map((n) => ({ ...n, split: splitOf.get(n.id) ?? "train" }));

// ---- self-check and write ----------------------------------------------------------------
for (const n of out) {
  for (const p of n.pii) {
    if (p.start < 0 || p.end > n.text.length || p.start >= p.end) {
      console.error(`build-corpus: internal error, bad span in ${n.id}`);
      process.exit(1);
    }
  }
}
const tmp = `${outPath}.tmp`;
writeFileSync(tmp, out.map((n) => JSON.stringify(n)).join("\n") + "\n", "utf8");
renameSync(tmp, outPath);

// ---- report ----------------------------------------------------------------------------
for (const w of warnings) console.warn(`warning: ${w}`);
const pad = (s: string | number, w: number) => String(s).padEnd(w);
const padL = (s: string | number, w: number) => String(s).padStart(w);

console.log(`notes: ${out.length}  ->  ${outPath}`);
console.log("\nprimary topic            total  train  dev  (any position)");
for (const t of TOPICS) {
  const m = out.filter((n) => n.topics[0] === t);
  const any = out.filter((n) => n.topics.includes(t)).length;
  const dev = m.filter((n) => n.split === "dev").length;
  console.log(`${pad(t, 24)} ${padL(m.length, 5)}  ${padL(m.length - dev, 5)}  ${padL(dev, 3)}  (${any})`);
}
console.log("\ndistrict                          total  train  dev");
for (const code of [...Object.keys(DISTRICTS), "null"]) {
  const m = out.filter((n) => (n.district ?? "null") === code);
  const dev = m.filter((n) => n.split === "dev").length;
  const label = code === "null" ? "null (none / outside)" : `${code} ${DISTRICTS[code]}`;
  console.log(`${pad(label, 33)} ${padL(m.length, 5)}  ${padL(m.length - dev, 5)}  ${padL(dev, 3)}`);
}
const devCount = out.filter((n) => n.split === "dev").length;
console.log(`\nsplit: train ${out.length - devCount}, dev ${devCount}`);
const perType = PII_TYPES.map((t) => `${t} ${out.reduce((s, n) => s + n.pii.filter((p) => p.type === t).length, 0)}`);
const withPii = out.filter((n) => n.pii.length > 0).length;
console.log(`pii: ${perType.join(", ")}  (notes with pii: ${withPii})`);
const nTopics = [1, 2, 3].map((k) => `${k}: ${out.filter((n) => n.topics.length === k).length}`);
console.log(`topics per note: ${nTopics.join(", ")}`);
