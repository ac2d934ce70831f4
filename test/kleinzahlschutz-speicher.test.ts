import { afterAll, beforeAll, expect, it } from 'vitest';
import { fachcontrolling } from '../warehouse/index.ts';
import { neuesWarehouse } from './helfer.ts';

// docs/regeln.md §9: a year's protection needs the years before it, a quarter of a minute for the county on a
// quiet machine. The warehouse keeps what was worked out (table kleinzahlschutz), so a start of the server, or
// here a process that opens the file anew, answers without working the years out again.

let t: Awaited<ReturnType<typeof neuesWarehouse>>;
beforeAll(async () => {
  t = await neuesWarehouse({ demo: true });
});
afterAll(() => t.weg());

const kept = async () =>
  (await t.wh.abfrage('SELECT abdruck, berechnet::VARCHAR AS berechnet FROM kleinzahlschutz ORDER BY abdruck')).map(
    (z) => `${String(z.abdruck)} ${String(z.berechnet)}`,
  );

it('ein neu geöffnetes Warehouse findet jedes Jahr ausgerechnet und rechnet nichts davon neu', async () => {
  const vorher = await kept();
  // the demo template was protected as `srb serve` protects ahead: six years of the county and of one Träger
  expect(vorher.length).toBeGreaterThanOrEqual(12);
  const landkreis = await fachcontrolling(t.wh, { jahr: 2026, quartal: 3, sozialraum: null }, 'true', false);
  const traeger = await fachcontrolling(
    t.wh,
    { jahr: 2025, quartal: null, sozialraum: 'konz' },
    `sozialraum = 'konz'`,
    false,
    'awo-trier-saarburg',
  );
  await t.wh.nebenherFertig();
  // nothing worked out anew (it would have been kept again, with a new time)
  expect(await kept()).toEqual(vorher);
  expect(landkreis.hinweis).toMatch(/verdeckt/);
  expect(traeger.zeilen.some((z) => z.unterdrueckt !== '')).toBe(true);
});

it('hält nur Abdrücke, keine Zahlen: jede Zeile ist die Liste verdeckter Stellen und Spannen einer Tabelle', async () => {
  for (const z of await t.wh.abfrage('SELECT abdruck, schutz FROM kleinzahlschutz')) {
    expect(String(z.abdruck)).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(JSON.parse(String(z.schutz)) as object).sort()).toEqual(['spannen', 'weg']);
  }
});
