#!/usr/bin/env node
// Generates data/countries.tsv from three npm packages plus the hand-written
// supplement data/countries-extra.tsv. Deterministic: rows sorted by code,
// names in a fixed order (primary name first, then sources in a fixed order).
//
//   npm install --prefix /tmp/gen i18n-iso-countries@7.14.0 cldr-localenames-full@48.2.0 i18n-nationality@1.4.0
//   node scripts/gen-countries.mjs > data/countries.tsv   # NODE_PATH may name another node_modules
//
// Sources and licences are listed in data/README.md.

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const load = (name) => {
  // NODE_PATH is not honoured by createRequire for ESM callers; resolve it by hand.
  const roots = [process.env.NODE_PATH, '/tmp/gen/node_modules', join(here, '..', 'node_modules')]
    .filter(Boolean)
    .flatMap((p) => p.split(':'));
  for (const root of roots) {
    try {
      return require(join(root, name));
    } catch (_) {
      /* try the next root */
    }
  }
  return require(name);
};

const here = dirname(fileURLToPath(import.meta.url));
const extraPath = join(here, '..', 'data', 'countries-extra.tsv');

const isoEn = load('i18n-iso-countries/langs/en.json').countries;
const isoVi = load('i18n-iso-countries/langs/vi.json').countries;
const isoRu = load('i18n-iso-countries/langs/ru.json').countries;
const cldr = (lang) =>
  load(`cldr-localenames-full/main/${lang}/territories.json`).main[lang].localeDisplayNames.territories;
const cldrEn = cldr('en');
const cldrVi = cldr('vi');
const cldrRu = cldr('ru');
const nationalityEn = load('i18n-nationality/langs/en.json').nationalities;

const asList = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const nfc = (s) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

// CLDR keys for one code: the plain one and its alt forms (alt-short, alt-variant).
const cldrNames = (table, code) =>
  Object.keys(table)
    .filter((k) => k === code || k.startsWith(code + '-alt-'))
    .sort()
    .map((k) => table[k]);

/** Turns one source string into zero or more usable surface names. */
function cleanName(raw, lang) {
  let s = nfc(raw);
  // "Myanmar (Burma)", "Cocos (Keeling) Islands": keep the part outside brackets;
  // the bracketed alternatives that matter are listed in countries-extra.tsv.
  s = nfc(s.replace(/\s*\([^)]*\)\s*/g, ' '));
  if (!s || s.includes(',') || s.includes(' - ')) return []; // "Korea, Republic of", "Congo - Kinshasa"
  if (/\bSAR\b|Đặc khu/.test(s)) return [];
  const and = { en: 'and', vi: 'và', ru: 'и' }[lang];
  s = s.replace(/\s*&\s*/g, ` ${and} `);
  if (lang === 'ru') {
    // \b is ASCII-only in JS regexes, so word edges are spelled out.
    s = s
      .replace(/(?<!\p{L})о-ва(?!\p{L})/gu, 'острова')
      .replace(/(?<!\p{L})о-в(?!\p{L})/gu, 'остров')
      .replace(/(?<!\p{L})Св\.\s*/gu, 'Святой ');
  }
  const out = [s];
  if (lang === 'en' && /\bSt\. /.test(s)) out.push(s.replace(/\bSt\. /g, 'Saint '));
  if (lang === 'vi') out.push(...viToneVariants(s));
  if (lang === 'ru' && s.includes('ё')) out.push(s.replace(/ё/g, 'е'));
  if (lang === 'ru' && /Соединенные|Объединенные/.test(s)) out.push(s.replace(/енные/g, 'ённые'));
  return out;
}

// Vietnamese has two conventions for the tone mark in open "oa/oe/uy" syllables
// (hòa / hoà, Thụy / Thuỵ); outlets use both, so both spellings are listed.
const TONED = { a: 'àáảãạ', e: 'èéẻẽẹ', y: 'ỳýỷỹỵ', o: 'òóỏõọ', u: 'ùúủũụ' };
function viToneVariants(s) {
  const pairs = [
    ['o', 'a'],
    ['o', 'e'],
    ['u', 'y'],
  ];
  let moved = s;
  for (const [first, second] of pairs) {
    for (let tone = 0; tone < 5; tone++) {
      const oldStyle = first + TONED[second][tone]; // hoà
      const newStyle = TONED[first][tone] + second; // hòa
      // Only syllable-final clusters: "hoàn" always carries the mark on "à".
      moved = moved
        .replace(new RegExp(oldStyle + '(?![\\p{L}])', 'gu'), '\u0000' + newStyle)
        .replace(new RegExp(newStyle + '(?![\\p{L}])', 'gu'), oldStyle)
        .replace(/\u0000/g, '');
    }
  }
  return moved !== s ? [moved] : [];
}

// ---------------------------------------------------------------- Russian cases
// Regular case forms of a nominative country name (gen, dat, acc, instr, prep).
// Irregular ones (Египет → Египта, plurals such as Филиппины) are in the extra file.
const SOFT_SIGN_GENDER = { Беларусь: 'f', Израиль: 'm', Тайвань: 'm' };
const HEAD_NOUNS = new Set(['Республика', 'Федерация', 'Королевство', 'Государство', 'Княжество', 'Содружество', 'Султанат', 'Эмират']);
const SIBILANT = /[жшчщц]$/;
const VELAR_OR_SIBILANT = /[гкхжшчщ]$/;

function declineNoun(word) {
  const stem = word.slice(0, -1);
  if (/[аеиоуэю]а$/.test(word)) return [word, word, word, word, word]; // Папуа, Никарагуа
  if (word.endsWith('ия')) return [stem + 'и', stem + 'и', stem + 'ю', stem + 'ей', stem + 'и'];
  if (word.endsWith('я')) return [stem + 'и', stem + 'е', stem + 'ю', stem + 'ей', stem + 'е'];
  if (word.endsWith('а')) {
    const gen = VELAR_OR_SIBILANT.test(stem) ? stem + 'и' : stem + 'ы';
    const instr = SIBILANT.test(stem) ? stem + 'ей' : stem + 'ой';
    return [gen, stem + 'е', stem + 'у', instr, stem + 'е'];
  }
  if (word.endsWith('ий')) return [stem + 'я', stem + 'ю', word, stem + 'ем', stem + 'и']; // Маврикий
  if (word.endsWith('й')) return [stem + 'я', stem + 'ю', word, stem + 'ем', stem + 'е'];
  if (word.endsWith('ь')) {
    const gender = SOFT_SIGN_GENDER[word];
    if (gender === 'f') return [stem + 'и', stem + 'и', word, word + 'ю', stem + 'и'];
    if (gender === 'm') return [stem + 'я', stem + 'ю', word, stem + 'ем', stem + 'е'];
    return null;
  }
  if (/[бвгдзклмнпрстфхжшчщц]$/.test(word)) {
    const instr = SIBILANT.test(word) ? word + 'ем' : word + 'ом';
    return [word + 'а', word + 'у', word, instr, word + 'е'];
  }
  return [word, word, word, word, word]; // indeclinable: Перу, Того, Чили, Мали
}

function declineAdjective(word) {
  if (word.endsWith('ая')) {
    const stem = word.slice(0, -2);
    const oj = SIBILANT.test(stem) ? 'ей' : 'ой';
    return [stem + oj, stem + oj, stem + 'ую', stem + oj, stem + oj];
  }
  if (/[ыо]й$/.test(word)) {
    const stem = word.slice(0, -2);
    return [stem + 'ого', stem + 'ому', word, stem + 'ым', stem + 'ом'];
  }
  if (word.endsWith('ий')) {
    const stem = word.slice(0, -2);
    return [stem + 'ого', stem + 'ому', word, stem + 'им', stem + 'ом'];
  }
  return null;
}

const isAdjective = (w) => /(ая|ый|ий|ой)$/.test(w) && !/^(Китай|Парагвай|Уругвай|Бруней)$/.test(w);

function russianCaseForms(name) {
  if (/\d|\(|острова|остров|территори|[A-Za-z]/i.test(name)) return [];
  if (/^[А-ЯЁ]{2,}$/.test(name)) return []; // abbreviations (США, КНДР, ОАЭ) do not inflect
  const tokens = name.split(' ');
  const forms = [[], [], [], [], []];
  let headDone = false;
  for (const token of tokens) {
    let declined;
    if (headDone || token === 'и' || token === '—') {
      declined = [token, token, token, token, token];
    } else if (/ы$|ые$|и$/.test(token) && tokens.length > 1) {
      return []; // plurals (Соединенные Штаты): irregular genitive, listed by hand
    } else if (/ы$/.test(token)) {
      return []; // Филиппины, Нидерланды
    } else if (isAdjective(token) && tokens.length > 1) {
      declined = declineAdjective(token);
    } else if (token.includes('-')) {
      // Шри-Ланка → Шри-Ланки, Кот-д’Ивуар → Кот-д’Ивуара; in Гвинея-Бисау the first part declines.
      const parts = token.split('-');
      if (/^(Гвинея|Папуа)/.test(token) || /^[А-ЯЁ]/.test(parts[parts.length - 1]) === false) {
        declined = parts[0] === 'Гвинея' ? declineNoun('Гвинея').map((f) => [f, ...parts.slice(1)].join('-')) : null;
        if (/^[а-яё]/.test(parts[parts.length - 1]) && parts[0] !== 'Гвинея') declined = null;
      } else {
        const last = declineNoun(parts[parts.length - 1]);
        declined = last && last.map((f) => [...parts.slice(0, -1), f].join('-'));
      }
    } else {
      declined = declineNoun(token);
      if (HEAD_NOUNS.has(token)) headDone = true;
    }
    if (!declined) return [];
    declined.forEach((f, i) => forms[i].push(f));
  }
  return forms.map((f) => f.join(' '));
}

// ---------------------------------------------------------------- demonyms
function cleanDemonym(raw, countryNames) {
  const s = nfc(raw.replace(/\([^)]*\)/g, ''));
  if (!s || countryNames.has(s) || /Island|Territor/.test(s)) return [];
  return s
    .split(/\s*(?: - |\/|,| or )\s*/)
    .map(nfc)
    .filter((x) => x && !countryNames.has(x) && /^[A-Z]/.test(x));
}

// ---------------------------------------------------------------- merging
const stripMark = (n) => n.replace(/^[~=]+/, '');

class NameList {
  constructor() {
    this.items = new Map(); // bare name → name as written (maybe marked)
  }
  add(name) {
    const bare = stripMark(name);
    if (!bare) return;
    const prior = this.items.get(bare);
    // A marked form (from the extra file) wins over an unmarked generated one.
    if (prior === undefined || (prior === bare && name !== bare)) this.items.set(bare, name);
  }
  remove(bare) {
    this.items.delete(bare);
  }
  toString() {
    return [...this.items.values()].join('|');
  }
}

const rows = new Map(); // code → {short, en, vi, ru, dem}
const rowFor = (code) => {
  if (!rows.has(code)) {
    rows.set(code, {
      short: '',
      en: new NameList(),
      vi: new NameList(),
      ru: new NameList(),
      dem: new NameList(),
      declinable: new Set(), // Russian nominatives whose case forms are generated
    });
  }
  return rows.get(code);
};

for (const code of Object.keys(isoEn).sort()) {
  const row = rowFor(code);
  row.short = cleanName(cldrEn[code] ?? asList(isoEn[code])[0], 'en')[0] ?? asList(isoEn[code])[0];
  for (const n of [...cldrNames(cldrEn, code), ...asList(isoEn[code])]) cleanName(n, 'en').forEach((x) => row.en.add(x));
  for (const n of [...cldrNames(cldrVi, code), ...asList(isoVi[code])]) cleanName(n, 'vi').forEach((x) => row.vi.add(x));
  for (const n of [...cldrNames(cldrRu, code), ...asList(isoRu[code])]) {
    for (const x of cleanName(n, 'ru')) {
      row.ru.add(x);
      row.declinable.add(x);
    }
  }
}

// Dependent territories get names but no generated demonyms: theirs ("French",
// "British") belong to the sovereign state.
const TERRITORIES = new Set(
  ('AI AQ AS AW AX BL BM BQ BV CC CK CW CX EH FK FO GF GG GI GL GP GS GU HK HM IM IO JE KY ' +
    'MF MO MP MQ MS NC NF NU PF PM PN PR RE SH SJ SX TC TF TK UM VG VI WF YT').split(' '),
);
for (const [code, row] of rows) {
  if (TERRITORIES.has(code)) continue;
  const names = new Set([...row.en.items.keys()]);
  for (const d of cleanDemonym(nationalityEn[code] ?? '', names)) row.dem.add(d);
}

// Names that two codes share ("Congo", "Virgin Islands", "Dominican") identify
// neither: drop them. The extra file may still give one to a single code.
for (const lang of ['en', 'vi', 'ru', 'dem']) {
  const owners = new Map();
  for (const code of [...rows.keys()].sort()) {
    for (const bare of rows.get(code)[lang].items.keys()) owners.set(bare, [...(owners.get(bare) ?? []), code]);
  }
  for (const [bare, list] of owners) {
    if (list.length > 1) {
      process.stderr.write(`dropping shared ${lang} name "${bare}" (${list.join(', ')})\n`);
      for (const code of list) rows.get(code)[lang].remove(bare);
    }
  }
}

// Supplement: same columns; a non-empty short name replaces the generated one,
// names are added (a `~`/`=` marked form replaces the unmarked one) and
// `-name` removes a name, generated ones included (applied last).
const removals = []; // [code, field, bare]
const extraLines = readFileSync(extraPath, 'utf8').split('\n');
for (const [lineNo, line] of extraLines.entries()) {
  if (!line.trim() || line.startsWith('#')) continue;
  const cols = line.split('\t');
  if (cols.length !== 6) throw new Error(`countries-extra.tsv:${lineNo + 1}: expected 6 columns, got ${cols.length}`);
  const [code, short, ...fields] = cols.map(nfc);
  const row = rowFor(code);
  if (short) row.short = short;
  ['en', 'vi', 'ru', 'dem'].forEach((lang, i) => {
    for (const item of fields[i].split('|').map(nfc).filter(Boolean)) {
      if (item.startsWith('-')) removals.push([code, lang, item.slice(1)]);
      else if (lang === 'ru' && item.startsWith('+')) {
        row.ru.add(item.slice(1));
        row.declinable.add(item.slice(1));
      } else row[lang].add(item);
    }
  });
}

// Derived forms: Russian case forms of the source nominatives and of the extra
// file's `+name` entries (a marked name's forms keep its mark).
for (const code of [...rows.keys()].sort()) {
  const row = rows.get(code);
  row.en.add(row.short);
  for (const bare of [...row.declinable].map(stripMark)) {
    const written = row.ru.items.get(bare) ?? bare;
    const mark = written.slice(0, written.length - bare.length);
    for (const f of russianCaseForms(bare)) row.ru.add(mark + f);
  }
}
for (const [code, lang, bare] of removals) rows.get(code)[lang].remove(bare);

const out = [
  '# Generated by scripts/gen-countries.mjs from i18n-iso-countries, cldr-localenames-full,',
  '# i18n-nationality and data/countries-extra.tsv. Do not edit: edit the extra file and regenerate.',
  '# Marks: =Name exact case only; ~Name ambiguous (exact case plus a cue); stem* (demonyms) any word with',
  '# that prefix. See the header of data/countries-extra.tsv and data/README.md.',
  `# Dependent territories (not sovereign states): ${[...TERRITORIES].sort().join(' ')}`,
  '# code\tenglish short name\tnames(en)\tnames(vi)\tnames(ru)\tdemonyms/adjectives (all languages)',
];
for (const code of [...rows.keys()].sort()) {
  const r = rows.get(code);
  out.push([code, r.short, r.en, r.vi, r.ru, r.dem].map(String).join('\t'));
}
process.stdout.write(out.join('\n') + '\n');
