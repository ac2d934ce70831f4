import { createRequire } from 'node:module';
import type * as Arrow from 'apache-arrow';
import type * as HiGHS from 'highs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FACHCONTROLLING_ANZAHLEN, FACHCONTROLLING_SCHUTZ } from '../warehouse/index.ts';
import { csvZeilen, demoServer, demoTokens } from './api-helfer.ts';
import { schluessel, TEIL_DES_ENDES, verdeckt } from './leser-jahre.ts';
import { lpZeile } from './lp-text.ts';

// Third attack on the small-number protection (docs/regeln.md §9), from outside, on what the first two did not
// reach: figures per case against shown counts, Herkunft's row counts, Q1 against the year before's Q4, and every
// other output of the same figures (CSV, Arrow, SQL, saved queries, SRB.FAELLE). The exact values come from
// the jugendamt account. A test fails where a hidden count below 3 can be read, pinned or proven small.
// Found (2026-12-03): the Herkunft of a shown count let a Träger pin hidden quarter cells (its own rows with
// dates, reason, assessment, plus the others' number, whose „<3“ was summe − anzahl): closed by protecting the
// others' part of every count a Träger is shown. Q1 against last year's Q4 pins last year's laufende_hilfen
// (= this year's faelle − neue_hilfen): still open, held to the cells it gives away. Held: figures per case and
// shares, CSV, Arrow, SQL, saved queries, SRB.FAELLE, the quarter pack, the Herkunft of money.

const { tableFromIPC } = createRequire(import.meta.url)('apache-arrow') as typeof Arrow;
let t: Awaited<ReturnType<typeof demoServer>>;
let token: Record<string, string>;
beforeAll(async () => {
  t = await demoServer();
  token = await demoTokens(t.server.url, 'jugendamt', 'analyst', 'awo', 'asd');
  // a saved query of the youth office over the whole view: every role that fetches it runs it in its own scope
  const r = await holen('jugendamt', '/api/v1/abfragen', 'application/json', {
    method: 'POST',
    body: JSON.stringify({ name: 'fc_alle', sql: 'SELECT * FROM fachcontrolling WHERE jahr IN (2025, 2026)' }),
  });
  expect(r.status).toBe(201);
}, 300_000);
afterAll(() => t.weg());

type Zeile = Record<string, number | string | null>;
async function holen(wer: string, pfad: string, accept = 'application/json', init: RequestInit = {}) {
  const r = await fetch(`${t.server.url}${pfad}`, {
    ...init,
    headers: { authorization: `Bearer ${token[wer]}`, accept, 'content-type': 'application/json' },
  });
  return r;
}
const ANZAHLEN = FACHCONTROLLING_ANZAHLEN;
const pfad = (jahr: number, p: string, sr?: string) =>
  `/api/v1/fachcontrolling?jahr=${jahr}` +
  (p === 'J' ? '' : `&quartal=${p.slice(1)}`) +
  (sr ? `&sozialraum=${sr}` : '');

const ROLLEN: [string, string[] | null][] = [
  ['awo', ['konz']],
  ['asd', ['saarburg']],
  ['analyst', null],
];
const JAHRE = [2025, 2026];
const PERIODEN = ['J', 'Q1', 'Q2', 'Q3', 'Q4'];

/** Every row a role gets from GET /fachcontrolling for 2025 and 2026 (years and quarters), and the exact ones. */
const sicht = new Map<string, Map<string, Zeile>>();
const wahr = new Map<string, Zeile>();
async function sammle() {
  if (wahr.size > 0) return;
  for (const j of JAHRE)
    for (const p of PERIODEN) {
      const r = await holen('jugendamt', pfad(j, p));
      if (r.status !== 200) continue;
      for (const z of ((await r.json()) as { zeilen: Zeile[] }).zeilen) wahr.set(schluessel(z), z);
    }
  for (const [wer, srs] of ROLLEN) {
    const m = new Map<string, Zeile>();
    for (const j of JAHRE)
      for (const p of PERIODEN)
        for (const sr of srs ?? [undefined]) {
          const r = await holen(wer, pfad(j, p, sr));
          if (r.status !== 200) continue;
          for (const z of ((await r.json()) as { zeilen: Zeile[] }).zeilen) m.set(schluessel(z), z);
        }
    sicht.set(wer, m);
  }
}
/** The hidden count cells of a role: key|spalte → exact value. */
function verdeckteZellen(wer: string): Map<string, number> {
  const aus = new Map<string, number>();
  for (const [k, z] of sicht.get(wer)!)
    for (const s of ANZAHLEN) if (verdeckt(z[s])) aus.set(`${k}|${s}`, Number(wahr.get(k)![s]));
  return aus;
}

const bericht: string[] = [];
afterAll(() => console.log(bericht.join('\n')));

// Surface 1: a figure per case or a share shown beside a hidden count it is computed from, or a shown share ×
// shown denominator, eckwert × einwohner ÷ 1.000, per-case figure × money: any of them giving a hidden count.
const JE_FALL = FACHCONTROLLING_SCHUTZ.jeFall;
it.each(ROLLEN.map(([w]) => w))(
  '%s: keine Zahl je Fall und kein Anteil verrät eine verdeckte Fallzahl',
  async (wer) => {
    await sammle();
    const lecks: string[] = [];
    let geprueft = 0;
    for (const [k, z] of sicht.get(wer)!) {
      const e = wahr.get(k)!;
      const zahl = (s: string) => (verdeckt(z[s]) || z[s] === null ? null : Number(z[s]));
      for (const [f, basis] of Object.entries(JE_FALL))
        if (zahl(f) !== null && basis.some((b) => verdeckt(z[b])))
          lecks.push(`${k} ${f} = ${z[f]} gezeigt, obwohl ${basis.filter((b) => verdeckt(z[b])).join(', ')} verdeckt`);
      // inversions where the figure is shown: a count that comes out of them but is hidden
      const kandidaten: [string, number | null][] = [
        ['faelle', zahl('eckwert') === null ? null : (zahl('eckwert')! * zahl('einwohner_unter_21')!) / 1000],
      ];
      const mitGrund = ['beendet_planmaessig', 'beendet_anderer_grund'];
      const bewertet = ['ziel_erreicht', 'ziel_teilweise', 'ziel_nicht_erreicht'];
      for (const [anteil, zaehler, nenner] of [
        ['anteil_planmaessig', 'beendet_planmaessig', mitGrund],
        ['anteil_erreicht', 'ziel_erreicht', bewertet],
        ['anteil_teilweise', 'ziel_teilweise', bewertet],
        ['anteil_nicht_erreicht', 'ziel_nicht_erreicht', bewertet],
        ['anteil_wiederaufnahme', 'wiederaufnahmen', ['beendete_hilfen']],
      ] as const) {
        const a = zahl(anteil);
        const n = nenner.map(zahl);
        if (a !== null && n.every((x) => x !== null))
          kandidaten.push([zaehler, (a / 100) * n.reduce((s, x) => s! + x!, 0)!]);
      }
      for (const [s, w] of kandidaten) {
        if (w === null) continue;
        geprueft++;
        if (verdeckt(z[s]) && Math.abs(w - Number(e[s])) < 0.5)
          lecks.push(`${k} ${s}: verdeckt, aber ${w.toFixed(2)} ≈ ${e[s]} aus Anteil/Eckwert`);
      }
    }
    bericht.push(
      `Fläche 1 ${wer}: ${sicht.get(wer)!.size} Zeilen, ${geprueft} Umkehrungen geprüft, ${lecks.length} Lecks`,
    );
    for (const l of lecks.slice(0, 20)) bericht.push(`  LECK ${l}`);
    expect(lecks).toEqual([]);
  },
  300_000,
);

// Surface 2: Herkunft of a shown count. A Träger's controller gets its own contract rows one by one (Hilfeart,
// beginn, ende, reason, assessment) and the other rows as a number. A hidden cell whose rows lie within a shown
// cell's rows is then at least the own rows that match it and at most that plus the others.
type Kontraktzeile = {
  hilfeart: string;
  beginn: string;
  ende: string | null;
  beendigungsgrund: string | null;
  zielerreichung: string | null;
};
type Spur = { zeilen: Kontraktzeile[]; andere: number; andereText: number | string | null };
const spuren = new Map<string, Spur | null>();
async function spur(wer: string, jahr: number, p: string, sr: string, hilfeart: string, spalte: string) {
  const k = `${wer}|${jahr}|${p}|${sr}|${hilfeart}|${spalte}`;
  if (!spuren.has(k)) {
    const q = p === 'J' ? '' : `&quartal=${p.slice(1)}`;
    const r = await holen(
      wer,
      `/api/v1/herkunft?kennzahl=fachcontrolling&spalte=${spalte}&jahr=${jahr}${q}&sozialraum=${sr}&hilfeart=${encodeURIComponent(hilfeart)}&pro_seite=1000`,
    );
    if (r.status !== 200) spuren.set(k, null);
    else {
      const a = (await r.json()) as {
        zeilen: Kontraktzeile[];
        summe: number;
        anzahl: number;
        andere: { zeilen: number | string } | null;
      };
      spuren.set(k, { zeilen: a.zeilen, andere: a.summe - a.anzahl, andereText: a.andere?.zeilen ?? null });
    }
  }
  return spuren.get(k)!;
}
function zaehlt(spalte: string, von: string, bis: string, hilfeart: string, z: Kontraktzeile): boolean | null {
  if (hilfeart !== 'gesamt' && z.hilfeart !== hilfeart) return false;
  const endet = z.ende !== null && z.ende >= von && z.ende <= bis;
  if (spalte === 'neue_hilfen') return z.beginn >= von && z.beginn <= bis;
  if (spalte === 'beendete_hilfen') return endet;
  if (spalte === 'laufende_hilfen') return z.beginn <= bis && (z.ende === null || z.ende >= bis);
  if (TEIL_DES_ENDES[spalte]) return endet && TEIL_DES_ENDES[spalte]!(z);
  return null; // faelle, wiederaufnahmen: not from the rows alone
}
const andereLecks = new Map<string, string[]>();
const ADDITIV = new Set(['neue_hilfen', 'beendete_hilfen', ...Object.keys(TEIL_DES_ENDES), 'wiederaufnahmen']);

it.each(ROLLEN.map(([w]) => w))(
  '%s: die Herkunft gezeigter Fallzahlen verrät keine verdeckte und keine kleine Zahl',
  async (wer) => {
    await sammle();
    const m = sicht.get(wer)!;
    const lecks: string[] = [];
    const andereKlein = new Set<string>();
    let spurenZahl = 0;
    for (const [k, exakt] of verdeckteZellen(wer)) {
      const [j, p, sr, a, s] = k.split('|') as [string, string, string, string, string];
      if (
        sr === 'gesamt' ||
        zaehlt(s, '', '', 'gesamt', {
          hilfeart: '',
          beginn: '',
          ende: null,
          beendigungsgrund: null,
          zielerreichung: null,
        }) === null
      )
        continue;
      const z = m.get(`${j}|${p}|${sr}|${a}`)!;
      const von = String(z.von);
      const bis = String(z.bis);
      // shown cells whose counted rows contain those of the hidden cell
      const eltern: [string, string, string][] = [];
      for (const pp of p === 'J' ? ['J'] : [p, 'J'])
        for (const aa of a === 'gesamt' ? ['gesamt'] : [a, 'gesamt'])
          for (const ss of TEIL_DES_ENDES[s] ? [s, 'beendete_hilfen'] : [s])
            if ((pp === p || ADDITIV.has(ss)) && !(pp === p && aa === a && ss === s)) eltern.push([pp, aa, ss]);
      let unten = 0;
      let oben = Infinity;
      const wege: string[] = [];
      for (const [pp, aa, ss] of eltern) {
        const e = m.get(`${j}|${pp}|${sr}|${aa}`);
        if (!e || verdeckt(e[ss]) || e[ss] === null) continue;
        const sp = await spur(wer, Number(j), pp, sr, aa, ss);
        spurenZahl++;
        if (!sp) continue;
        if (typeof sp.andereText === 'string')
          andereKlein.add(`${j}|${pp}|${sr}|${aa}|${ss}: andere „${sp.andereText}“ = summe − anzahl = ${sp.andere}`);
        const eigen = sp.zeilen.filter((x) => zaehlt(s, von, bis, a, x)).length;
        if (eigen > unten || eigen + sp.andere < oben)
          wege.push(`${pp} ${aa} ${ss}=${e[ss]}: ${eigen} eigene + ${sp.andere} andere`);
        unten = Math.max(unten, eigen);
        oben = Math.min(oben, eigen + sp.andere);
      }
      // What a reader learns beyond its own rows is the others' part of the cell, exakt − unten (unten: its own rows
      // there, which a trace lists all of; 0 for ASD and analysts). §9: that part must not be proven to be 1 … k−1.
      // That the others have none (pinned at 0) names no family, and its own rows a Träger knows anyway: reported.
      const andere = exakt - unten;
      if (exakt < unten || exakt > oben) bericht.push(`  falsch abgeleitet ${k}: wahr ${exakt}, [${unten}, ${oben}]`);
      else if (andere >= 1 && andere < 3 && oben - unten < 3)
        lecks.push(`${k}: andere ${andere}, bewiesen ≤ ${oben - unten} (wahr ${exakt}; ${wege.join('; ')})`);
      else if (unten === oben) bericht.push(`  festgelegt, nur eigene Zeilen: ${k} = ${unten}`);
    }
    bericht.push(
      `Fläche 2 ${wer}: ${verdeckteZellen(wer).size} verdeckte Zellen, ${spurenZahl} Spuren, ${lecks.length} Lecks, ${andereKlein.size} „<3“ andere exakt`,
    );
    for (const l of lecks) bericht.push(`  LECK ${wer}: ${l}`);
    for (const l of andereKlein) bericht.push(`  andere ${wer}: ${l}`);
    andereLecks.set(wer, [...andereKlein]);
    expect(lecks).toEqual([]);
  },
  300_000,
);

// The answer writes the other Träger's rows as „<3“ below 3, but gives summe and anzahl beside it.
it.each(ROLLEN.map(([w]) => w))(
  '%s: „andere <3“ der Herkunft lässt sich nicht aus summe − anzahl zurückrechnen',
  (wer) => {
    expect(andereLecks.get(wer)).toEqual([]);
  },
);

// Surface 4: the same rows in every other format and route. A cell the JSON answer hides must be hidden there
// too (CSV „<3“, Arrow and SQL NULL, SRB.FAELLE #NV); a row the JSON answer does not have must show no small count.
const ALLE_SPALTEN = [...ANZAHLEN, ...Object.keys(JE_FALL)];
type Roh = Record<string, unknown>;
let getroffen = 0;
function vergleiche(wer: string, quelle: string, rows: Roh[], lecks: string[]) {
  const m = sicht.get(wer)!;
  const leer = (w: unknown) => w === null || w === undefined || w === '' || verdeckt(w);
  for (const r of rows) {
    const q = r.quartal === null || r.quartal === undefined || r.quartal === '' ? 'J' : String(Number(r.quartal));
    const k = `${Number(r.jahr)}|${q}|${String(r.sozialraum)}|${String(r.hilfeart)}`;
    const z = m.get(k);
    const e = wahr.get(k);
    if (!e) continue; // a year or period the attack did not collect
    if (z && ALLE_SPALTEN.some((s) => verdeckt(z[s]))) getroffen++;
    for (const s of ALLE_SPALTEN) {
      if (leer(r[s])) continue;
      if (z ? verdeckt(z[s]) : ANZAHLEN.includes(s as never) && Number(e[s]) > 0 && Number(e[s]) < 3)
        lecks.push(
          `${quelle}: ${k}|${s} = ${String(r[s])} (JSON: ${z ? String(z[s]) : 'keine Zeile'}, wahr ${String(e[s])})`,
        );
    }
  }
}
async function sqlZeilen(wer: string, sql: string): Promise<Roh[]> {
  const r = await holen(wer, '/api/v1/sql', 'application/json', { method: 'POST', body: JSON.stringify({ sql }) });
  expect(r.status, `${wer} ${sql}: ${r.status}`).toBe(200);
  return ((await r.json()) as { zeilen: Roh[] }).zeilen;
}

it.each(ROLLEN)(
  '%s: CSV, Arrow, SQL, gespeicherte Abfragen und SRB.FAELLE zeigen keine Zahl, die JSON verdeckt',
  async (wer, srs) => {
    await sammle();
    const lecks: string[] = [];
    let csvZ = 0;
    let arrowZ = 0;
    for (const j of JAHRE)
      for (const p of PERIODEN)
        for (const sr of srs ?? [undefined]) {
          const c = await holen(wer, pfad(j, p, sr), 'text/csv');
          if (c.status === 200) {
            const rows = csvZeilen(await c.text());
            csvZ += rows.length;
            vergleiche(wer, 'CSV', rows, lecks);
          }
          const a = await holen(wer, pfad(j, p, sr), 'application/vnd.apache.arrow.stream');
          if (a.status === 200) {
            const rows = tableFromIPC(new Uint8Array(await a.arrayBuffer()))
              .toArray()
              .map((x: { toJSON(): Roh }) => x.toJSON());
            arrowZ += rows.length;
            vergleiche(wer, 'Arrow', rows, lecks);
          }
        }
    const sql = await sqlZeilen(wer, 'SELECT * FROM fachcontrolling WHERE jahr IN (2025, 2026)');
    vergleiche(wer, 'SQL', sql, lecks);
    // a query saved by the youth office, fetched by this role (it runs in the caller's scope)
    const gespeichert: Roh[] = [];
    for (const endung of ['json', 'csv']) {
      const r = await holen(wer, `/api/v1/abfragen/fc_alle.${endung}`);
      expect(r.status).toBe(200);
      const rows = endung === 'json' ? ((await r.json()) as { zeilen: Roh[] }).zeilen : csvZeilen(await r.text());
      gespeichert.push(...rows);
      vergleiche(wer, `gespeichert .${endung}`, rows, lecks);
    }
    // SRB.FAELLE for every quarter row the role may see
    const aufrufe: { zelle: string; argumente: (string | number)[] }[] = [];
    for (const [k] of sicht.get(wer)!) {
      const [j, p, sr, a] = k.split('|') as [string, string, string, string];
      if (p !== 'J') aufrufe.push({ zelle: k, argumente: [sr, Number(j), Number(p), a === 'gesamt' ? '' : a] });
    }
    const f = await holen(wer, '/api/v1/formeln', 'application/json', {
      method: 'POST',
      body: JSON.stringify({ aufrufe: aufrufe.map((x) => ({ funktion: 'FAELLE', argumente: x.argumente })) }),
    });
    expect(f.status).toBe(200);
    const erg = ((await f.json()) as { ergebnisse: { wert?: number }[] }).ergebnisse;
    erg.forEach((x, i) => {
      const k = aufrufe[i]!.zelle;
      const z = sicht.get(wer)!.get(k)!;
      if (x.wert !== undefined && verdeckt(z.faelle))
        lecks.push(
          `SRB.FAELLE: ${k}|faelle = ${x.wert} (JSON ${String(z.faelle)}, wahr ${String(wahr.get(k)!.faelle)})`,
        );
    });
    getroffen = 0;
    vergleiche(wer, 'gespeichert', gespeichert, lecks);
    expect(getroffen, 'the formats name the same rows as the JSON answer').toBeGreaterThan(0);
    bericht.push(
      `Fläche 4 ${wer}: ${getroffen} gespeicherte Zeilen mit verdeckten Zellen verglichen; CSV ${csvZ}, Arrow ${arrowZ}, SQL ${sql.length}, gespeichert ${gespeichert.length} Zeilen, SRB.FAELLE ${aufrufe.length} Aufrufe; ${lecks.length} Lecks`,
    );
    for (const l of lecks.slice(0, 30)) bericht.push(`  LECK ${wer}: ${l}`);
    expect(lecks).toEqual([]);
  },
  300_000,
);

// Surface 3: two years side by side. The reader writes every equation of one year (totals, splits, faelle =
// laufende + beendete, year against quarters, the flow Q2 … Q4) and the flow of Q1 against the year before's
// Q4, which the protection does not know (§9, „still open“). Each equation is written only where it holds in
// the exact figures (the strongest reader: one who assumes it elsewhere gets no table or wrong values). Every
// hidden count gets its smallest and largest whole value; pinned or proven below 3 is a leak.
const { default: ladeHighs } = createRequire(import.meta.url)('highs') as (typeof HiGHS)['default'];
const SPLITS = [
  ['faelle', ['laufende_hilfen', 'beendete_hilfen']],
  ['beendete_hilfen', ['beendet_planmaessig', 'beendet_anderer_grund', 'beendet_ohne_grund']],
  ['beendete_hilfen', ['ziel_erreicht', 'ziel_teilweise', 'ziel_nicht_erreicht', 'ziel_ohne_bewertung']],
] as const;
async function zweiJahre(wer: string, sr: string, mitJahreswechsel: boolean, nur?: Set<string>, flussUeberall = false) {
  const m = sicht.get(wer)!;
  const zellen = new Map<string, string>(); // cell → variable
  const xs: string[] = [];
  const wert = (k: string) => Number(wahr.get(k.split('|').slice(0, 4).join('|'))?.[k.split('|')[4]!] ?? 0);
  // a term: its exact value (for the check) and its LP text (a number or a variable)
  const term = (j: number, p: string, a: string, s: string): [number, string] => {
    const k = `${j}|${p}|${sr}|${a}`;
    const z = m.get(k);
    const w = wert(`${k}|${s}`);
    if (!z || !verdeckt(z[s])) return [w, `${w}`];
    if (!zellen.has(`${k}|${s}`)) {
      zellen.set(`${k}|${s}`, `x${zellen.size}`);
      xs.push(`x${xs.length}`);
    }
    return [w, zellen.get(`${k}|${s}`)!];
  };
  const gl: string[] = [];
  const zeile = (plus: [number, string][], minus: [number, string][], op: '=' | '>=', fluss = false) => {
    const summe = plus.reduce((s, [w]) => s + w, 0) - minus.reduce((s, [w]) => s + w, 0);
    const frei = [...plus, ...minus].some(([, x]) => x.startsWith('x'));
    // does not hold in the exact figures: not written (a naive reader writes the flow wherever it has an unknown)
    if ((op === '=' ? summe !== 0 : summe < 0) && !(fluss && flussUeberall && frei)) return;
    const text = lpZeile(
      plus.map(([, x]) => x),
      minus.map(([, x]) => x),
      op,
    );
    if (text) gl.push(text);
  };
  const arten = [...new Set([...wahr.keys()].filter((k) => k.split('|')[2] === sr).map((k) => k.split('|')[3]!))];
  const teile = arten.filter((a) => a !== 'gesamt');
  const quartale = (j: number) =>
    PERIODEN.slice(1)
      .filter((p) => wahr.has(`${j}|${p.slice(1)}|${sr}|gesamt`))
      .map((p) => p.slice(1));
  for (const j of JAHRE) {
    const qs = quartale(j);
    for (const p of ['J', ...qs])
      for (const a of arten) {
        for (const [ganz, t] of SPLITS)
          zeile(
            [term(j, p, a, ganz)],
            t.map((s) => term(j, p, a, s)),
            '=',
          );
        if (a === 'gesamt')
          for (const s of ANZAHLEN)
            if (s !== 'faelle')
              zeile(
                [term(j, p, a, s)],
                teile.map((x) => term(j, p, x, s)),
                '=',
              );
        if (a === 'gesamt')
          zeile(
            teile.map((x) => term(j, p, x, 'faelle')),
            [term(j, p, a, 'faelle')],
            '>=',
          );
      }
    for (const a of arten) {
      for (const s of ANZAHLEN)
        if (s !== 'faelle' && s !== 'laufende_hilfen')
          zeile(
            [term(j, 'J', a, s)],
            qs.map((q) => term(j, q, a, s)),
            '=',
          );
      zeile([term(j, 'J', a, 'laufende_hilfen')], [term(j, qs.at(-1)!, a, 'laufende_hilfen')], '=');
      for (const q of qs) zeile([term(j, 'J', a, 'faelle')], [term(j, q, a, 'faelle')], '>=');
      zeile(
        qs.map((q) => term(j, q, a, 'faelle')),
        [term(j, 'J', a, 'faelle')],
        '>=',
      );
      for (let i = 1; i < qs.length; i++)
        zeile(
          [term(j, qs[i]!, a, 'laufende_hilfen'), term(j, qs[i]!, a, 'beendete_hilfen')],
          [term(j, qs[i - 1]!, a, 'laufende_hilfen'), term(j, qs[i]!, a, 'neue_hilfen')],
          '=',
          true,
        );
      if (mitJahreswechsel && j > JAHRE[0]! && qs.includes('1') && quartale(j - 1).includes('4'))
        zeile(
          [term(j, '1', a, 'laufende_hilfen'), term(j, '1', a, 'beendete_hilfen')],
          [term(j - 1, '4', a, 'laufende_hilfen'), term(j, '1', a, 'neue_hilfen')],
          '=',
          true,
        );
    }
  }
  const highs = await ladeHighs();
  const lp = (richtung: string, x: string) =>
    `${richtung}\n obj: ${x}\nSubject To\n${gl.map((g, i) => ` c${i}: ${g}`).join('\n')}\nBounds\n${xs.map((v) => ` ${v} >= 0`).join('\n')}\nGeneral\n ${xs.join(' ')}\nEnd`;
  const befunde: { zelle: string; wahr: number; min: number; max: number }[] = [];
  const loesbar = highs.solve(lp('Minimize', xs[0] ?? '0')).Status === 'Optimal';
  for (const [k, x] of zellen) {
    if (nur && !nur.has(k)) continue;
    const [lo, hi] = ['Minimize', 'Maximize'].map((r) => {
      const s = highs.solve(lp(r, x));
      return s.Status === 'Optimal' ? Math.round(s.ObjectiveValue) : r === 'Minimize' ? 0 : Infinity;
    }) as [number, number];
    befunde.push({ zelle: k, wahr: wert(k), min: lo, max: hi });
  }
  return { befunde, gleichungen: gl.length, loesbar };
}

it.each([
  ['awo', 'konz'],
  ['asd', 'saarburg'],
  ['analyst', 'schweich'],
  ['analyst', 'hermeskeil'],
])(
  '%s %s: Q1 2026 gegen Q4 2025 legt keine verdeckte Zelle fest und beweist keine als klein',
  async (wer, sr) => {
    await sammle();
    // the cells next to the year boundary (the equation ties 2025's Q4 and year to 2026's Q1); the rest of
    // each year was attacked before (test/angriff-schutz.test.ts)
    const nah = new Set(
      [...verdeckteZellen(wer).keys()].filter((k) =>
        ['2025|4|', '2025|J|', '2026|1|', '2026|J|'].some((p) => k.startsWith(p) && k.split('|')[2] === sr),
      ),
    );
    const { befunde, gleichungen } = await zweiJahre(wer, sr, true, nah);
    // §9: a small count (1 … k−1) must be neither pinned nor proven small. A hidden cell of the year before that
    // this year pins is not small (then it would be a leak here): it was hidden beside a small one, which the
    // audit keeps open with the year before in its system, and is as good as shown, as a pinned cell of the
    // same year is shown again (docs/regeln.md §9). Reported, not failed.
    const lecks = befunde.filter((b) => b.wahr > 0 && b.wahr < 3 && (b.min === b.max || b.max < 3));
    for (const b of befunde.filter((b) => b.min === b.max && !lecks.includes(b)))
      bericht.push(`  festgelegt, nicht klein: ${b.zelle} = ${b.min}`);
    const falsch = befunde.filter((b) => b.wahr < b.min || b.wahr > b.max);
    // which of them the year boundary adds: the same cells without the Q1 equation
    const ohne = await zweiJahre(wer, sr, false, new Set(lecks.map((b) => b.zelle)));
    const vorher = new Map(ohne.befunde.map((b) => [b.zelle, b]));
    // and a reader who does not know where the flow holds, writing it for every row
    const naiv = await zweiJahre(wer, sr, true, new Set(lecks.map((b) => b.zelle)), true);
    const naivB = new Map(naiv.befunde.map((b) => [b.zelle, b]));
    bericht.push(`  naiver Leser (Fluss überall): lösbar=${naiv.loesbar}`);
    bericht.push(
      `Fläche 3 ${wer} ${sr}: ${befunde.length} verdeckt, ${gleichungen} Gleichungen, ${lecks.length} Lecks, ${falsch.length} falsch`,
    );
    const text = lecks.map((b) => {
      const v = vorher.get(b.zelle)!;
      const q1 = sicht.get(wer)!.get(`2026|1|${sr}|${b.zelle.split('|')[3]}`);
      const q4 = sicht.get(wer)!.get(`2025|4|${sr}|${b.zelle.split('|')[3]}`);
      const f = (z: Zeile | undefined) =>
        `laufend ${z?.laufende_hilfen}, beendet ${z?.beendete_hilfen}, neu ${z?.neue_hilfen}`;
      const n = naivB.get(b.zelle)!;
      const w = (j: number, p: string) => f(wahr.get(`${j}|${p}|${sr}|${b.zelle.split('|')[3]}`));
      return `${b.zelle}: [${b.min}, ${b.max}] wahr ${b.wahr}; ohne Jahreswechsel [${v.min}, ${v.max}]; Fluss überall [${n.min}, ${n.max}]; gezeigt Q1 2026: ${f(q1)}; Q4 2025: ${f(q4)}; exakt Q1 2026: ${w(2026, '1')}; Q4 2025: ${w(2025, '4')}; J 2026: ${w(2026, 'J')}`;
    });
    for (const l of text) bericht.push(`  LECK ${wer}: ${l}`);
    expect(lecks.map((b) => b.zelle)).toEqual([]);
  },
  300_000,
);

// Surface 4, the quarter pack: the server builds the latest quarter's pack itself (srb serve --berichte); the
// analyst fetches its CSVs and chart data. They must hide what the analyst's JSON answer hides.
it('Quartalspaket: CSVs und Grafikdaten zeigen keine Zahl, die die JSON-Antwort des Analysten verdeckt', async () => {
  await sammle();
  const p = await demoServer({ berichte: true });
  try {
    const tk = await demoTokens(p.server.url, 'analyst');
    const lade = (pf: string) => fetch(`${p.server.url}${pf}`, { headers: { authorization: `Bearer ${tk.analyst}` } });
    let liste: { quartal: string }[] = [];
    for (let i = 0; i < 240 && liste.length === 0; i++) {
      liste = ((await (await lade('/api/v1/grafiken/pakete')).json()) as { pakete: { quartal: string }[] }).pakete;
      if (liste.length === 0) await new Promise((r) => setTimeout(r, 500));
    }
    expect(liste.length).toBeGreaterThan(0);
    const q = liste[0]!.quartal;
    const lecks: string[] = [];
    const dateien = [
      'landkreis_wirkungskontrolle.csv',
      'landkreis_segmente.csv',
      ...['konz', 'schweich', 'hermeskeil', 'saarburg'].map((s) => `${s}_faelle.csv`),
    ];
    let zeilenZahl = 0;
    for (const d of dateien) {
      const r = await lade(`/api/v1/grafiken/pakete/${q}/${d}`);
      expect(r.status, d).toBe(200);
      const rows = csvZeilen(await r.text());
      zeilenZahl += rows.length;
      vergleiche('analyst', `Paket ${q} ${d}`, rows, lecks);
    }
    for (const s of ['konz', 'schweich', 'hermeskeil', 'saarburg']) {
      const r = await lade(`/api/v1/grafiken/pakete/${q}/${s}_faelle.vl.json`);
      const spec = JSON.stringify(await r.json());
      const werte = [...spec.matchAll(/\{"hilfeart":"([^"]+)","jahr":"(\d+)","faelle":(\d+|null)/g)];
      zeilenZahl += werte.length;
      for (const [, a, j, f] of werte) {
        const k = `${j}|${q.slice(-1)}|${s}|${a}`;
        const z = sicht.get('analyst')!.get(k);
        if (f !== 'null' && z && verdeckt(z.faelle)) lecks.push(`Paket ${s}_faelle.vl.json: ${k}|faelle = ${f}`);
      }
    }
    bericht.push(
      `Fläche 4 Paket ${q}: ${dateien.length} CSVs und 4 Grafiken, ${zeilenZahl} Zeilen, ${lecks.length} Lecks`,
    );
    for (const l of lecks.slice(0, 20)) bericht.push(`  LECK Paket: ${l}`);
    expect(lecks).toEqual([]);
  } finally {
    await p.weg();
  }
}, 300_000);

// The year boundary by hand: where the flow holds through the year and faelle = laufende + beendete, the Q1
// equation chained with the year's sums gives laufende(Q4 of last year) = faelle(year) − neue_hilfen(year), both
// shown in this year's row. The ILP above pins with it; here, how often the formula hits a hidden cell of last
// year and how often it misses (a reader cannot tell which, but the ILP with the flow everywhere could).
it.each(ROLLEN.map(([w]) => w))(
  '%s: laufende Hilfen Q4 2025 = Fälle 2026 − neue Hilfen 2026 (Bericht)',
  async (wer) => {
    await sammle();
    const m = sicht.get(wer)!;
    const treffer: string[] = [];
    let daneben = 0;
    for (const [k, z] of m) {
      if (!k.startsWith('2026|J|')) continue;
      const rest = k.slice('2026|J|'.length);
      const vorjahr = m.get(`2025|4|${rest}`);
      if (!vorjahr || !verdeckt(vorjahr.laufende_hilfen) || verdeckt(z.faelle) || verdeckt(z.neue_hilfen)) continue;
      const x = Number(z.faelle) - Number(z.neue_hilfen);
      const w = Number(wahr.get(`2025|4|${rest}`)!.laufende_hilfen);
      if (x === w) treffer.push(`${rest}: ${z.faelle} − ${z.neue_hilfen} = ${x}${w < 3 ? ' (klein)' : ''}`);
      else daneben++;
    }
    bericht.push(
      `Jahreswechsel von Hand ${wer}: ${treffer.length} verdeckte laufende_hilfen Q4 2025 getroffen, ${daneben} daneben`,
    );
    for (const t of treffer) bericht.push(`  ${wer} 2025 Q4 laufende_hilfen ${t}`);
    expect(treffer.length + daneben).toBeGreaterThanOrEqual(0);
  },
);

// Herkunft of money figures: the rows (hours, payments) are shown one by one to the ASD and analysts and counted
// as „andere“ for a Träger; they name no case and no contract, so their number is a number of bookings, not of
// families (checked here on a Hilfeart with hidden counts: Saarburg §41 in Q1 2026).
it('Herkunft der Geldzahlen: Buchungszeilen nennen weder Fall noch Kontrakt', async () => {
  await sammle();
  const ziel = sicht.get('asd')!.get('2026|1|saarburg|§41')!;
  expect(verdeckt(ziel.faelle)).toBe(true);
  for (const [wer, q] of [
    ['asd', 'kennzahl=verbrauch&jahr=2026&sozialraum=saarburg&topf=variabel&hilfeart=§41&monat=3'],
    ['analyst', 'kennzahl=verbrauch&jahr=2026&sozialraum=saarburg&topf=variabel&hilfeart=§41&monat=3'],
    ['awo', 'kennzahl=abweichung&jahr=2026&quartal=3&sozialraum=konz&topf=variabel'],
  ] as const) {
    const r = await holen(wer, `/api/v1/herkunft?${q}&pro_seite=1000`);
    expect(r.status).toBe(200);
    const a = (await r.json()) as { zeilen: Record<string, unknown>[]; andere: { zeilen: number } | null };
    const felder = new Set(a.zeilen.flatMap((z) => Object.keys(z)));
    bericht.push(`Herkunft Geld ${wer} ${q}: ${a.zeilen.length} Zeilen einzeln, andere ${a.andere?.zeilen ?? 0}`);
    expect([...felder].filter((f) => /fall|kontrakt/.test(f))).toEqual([]);
  }
});
