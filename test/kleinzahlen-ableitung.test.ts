import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoServer, demoTokens, zeilenDerAntwort, type AntwortZeile } from './api-helfer.ts';
import { FACHCONTROLLING_SCHUTZ } from '../warehouse/index.ts';

// From the review of issue 16 (docs/regeln.md §9): a hidden count must not follow from the shown cells of the same row.
// In view fachcontrolling, a case of the quarter either still runs at its end or ended in it, so
// faelle = laufende_hilfen + beendete_hilfen holds for nearly every row; the protection does not know
// this equation, and a reader of the protected table computes a hidden beendete_hilfen (or laufende_hilfen,
// or faelle) as a difference. The assertion: no hidden cell equals the value this difference gives.

let t: Awaited<ReturnType<typeof demoServer>>;
let token: Record<string, string>;
beforeAll(async () => {
  t = await demoServer();
  token = await demoTokens(t.server.url, 'jugendamt', 'analyst', 'awo');
}, 300_000);
afterAll(() => t.weg());

const zeilen = (wer: string, pfad: string) => zeilenDerAntwort(t.server.url, token[wer]!, pfad);

it.each(['analyst', 'awo'])(
  '%s: kein verdeckter Zähler ergibt sich als faelle − laufende_hilfen',
  async (wer) => {
    const abgeleitet: string[] = [];
    for (const quartal of [1, 2, 3]) {
      const pfad = `/api/v1/fachcontrolling?jahr=2026&quartal=${quartal}&sozialraum=konz`;
      const geschuetzt = await zeilen(wer, pfad);
      const exakt = await zeilen('jugendamt', pfad);
      for (const g of geschuetzt) {
        const e = exakt.find((x) => x.hilfeart === g.hilfeart)!;
        const zahl = (v: unknown) => (typeof v === 'number' ? v : null);
        const [f, l, b] = [zahl(g.faelle), zahl(g.laufende_hilfen), zahl(g.beendete_hilfen)];
        if (b === null && f !== null && l !== null && f - l === e.beendete_hilfen)
          abgeleitet.push(`Q${quartal} ${g.hilfeart} beendete_hilfen = ${f - l}`);
        if (l === null && f !== null && b !== null && f - b === e.laufende_hilfen)
          abgeleitet.push(`Q${quartal} ${g.hilfeart} laufende_hilfen = ${f - b}`);
        if (f === null && l !== null && b !== null && l + b === e.faelle)
          abgeleitet.push(`Q${quartal} ${g.hilfeart} faelle = ${l + b}`);
      }
    }
    expect(abgeleitet).toEqual([]);
  },
  120_000,
);

// From the review: the protected copy of fachcontrolling in ad-hoc SQL (docs/regeln.md §9) must hide the same cells
// on every run; with two patterns a reader takes the union of the shown cells, and the totals give the rest.
it('SQL: derselbe Aufruf verdeckt jedes Mal dieselben Zellen', async () => {
  const sql = `SELECT * FROM fachcontrolling WHERE jahr = 2025 AND sozialraum = 'saarburg' ORDER BY quartal, hilfeart`;
  const antworten = new Set<string>();
  for (let i = 0; i < 12; i++) {
    const r = await fetch(`${t.server.url}/api/v1/sql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.analyst}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sql }),
    });
    expect(r.status).toBe(200);
    antworten.add(await r.text());
  }
  expect(antworten.size).toBe(1);
}, 120_000);

// Year and quarters are protected as one table (docs/regeln.md §9): for a Träger's controller no hidden quarter
// cell is the year's shown value minus the other quarters (counts of events), and the running helps of the
// year and of its last quarter are hidden together.
// The counts of events: a year is the sum of its quarters (the warehouse's declaration of the protection).
const ADDITIV = FACHCONTROLLING_SCHUTZ.zeitachse!.additiv;
it('awo: kein verdecktes Quartal ergibt sich als Jahr − Σ gezeigte Quartale', async () => {
  const abgeleitet: string[] = [];
  let verdeckteQuartalszellen = 0;
  for (const jahr of [2024, 2025, 2026]) {
    const jahrZeilen = await zeilen('awo', `/api/v1/fachcontrolling?jahr=${jahr}&sozialraum=konz`);
    const quartale = await Promise.all(
      [1, 2, 3, 4].map((q) => zeilen('awo', `/api/v1/fachcontrolling?jahr=${jahr}&quartal=${q}&sozialraum=konz`)),
    );
    const vorhanden = quartale.filter((q) => q.length > 0);
    for (const y of jahrZeilen) {
      const teile = vorhanden.map((q) => q.find((z) => z.hilfeart === y.hilfeart));
      const wert = (z: AntwortZeile | undefined, a: string) => (z === undefined ? 0 : z[a]);
      for (const a of ADDITIV) {
        const verdeckt = teile.filter((z) => typeof wert(z, a) === 'string');
        verdeckteQuartalszellen += verdeckt.length;
        if (typeof y[a] === 'number' && verdeckt.length === 1)
          abgeleitet.push(`${jahr} ${String(y.hilfeart)} ${a}: Jahr ${y[a]} − gezeigte Quartale`);
      }
      const letztes = teile.at(-1);
      if (typeof y.laufende_hilfen !== typeof wert(letztes, 'laufende_hilfen'))
        abgeleitet.push(`${jahr} ${String(y.hilfeart)} laufende_hilfen: Jahr = letztes Quartal`);
    }
  }
  expect(verdeckteQuartalszellen).toBeGreaterThan(0);
  expect(abgeleitet).toEqual([]);
}, 300_000);

// From the second review: scopes of different size hid different cells of the same Sozialraum (an ASD of
// Saarburg and one of all four Sozialräume), and laid over each other two answers showed what neither did.
// Every scope is now cut from the county's protection: the same Sozialraum, the same hidden cells.
it('jeder Bereich verdeckt in einem Sozialraum dieselben Zellen wie der Landkreis', async () => {
  const { fachcontrolling } = await import('../warehouse/index.ts');
  const wh = t.server.dienste.leser;
  for (const [jahr, quartal] of [
    [2025, 4],
    [2026, 2],
    [2026, null],
  ] as const) {
    const p = { jahr, quartal, sozialraum: 'saarburg' };
    const muster = async (bereich: string) =>
      (await fachcontrolling(wh, p, bereich, false)).zeilen.map((z) => `${z.hilfeart}: ${z.unterdrueckt}`);
    const landkreis = await muster('true');
    expect(landkreis.some((z) => !z.endsWith(': '))).toBe(true);
    expect(await muster(`sozialraum IN ('saarburg')`)).toEqual(landkreis);
    expect(await muster(`sozialraum IN ('konz', 'saarburg')`)).toEqual(landkreis);
  }
}, 300_000);
