import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ladeDatei } from '../warehouse/index.ts';
import { neuesWarehouse } from './helfer.ts';

let t: Awaited<ReturnType<typeof neuesWarehouse>>;
beforeEach(async () => {
  t = await neuesWarehouse();
});
afterEach(() => t.weg());

const KOPF =
  'jahr;sozialraum;gesamtfinanzvolumen;stellenfaktor;bruttojahresarbeitszeit;praeventionsanteil;tarifsteigerung';

async function budget(zeilen: string[]) {
  const e = await ladeDatei(t.wh, t.datei(`budget-${Math.random()}.csv`, [KOPF, ...zeilen].join('\n') + '\n'));
  expect(e.status, e.bericht).toBe('geladen');
}

describe('Finanzvolumen (docs/regeln.md §3)', () => {
  it('rechnet das Beispiel aus docs/regeln.md §3 centgenau', async () => {
    await budget(['2024;Konz;2.345.678,91;71.250,00;1.599,5;;']);
    const [f] = await t.wh.abfrage(`SELECT * FROM finanzvolumen WHERE jahr = 2024 AND sozialraum = 'konz'`);
    expect(f).toMatchObject({
      gesamtfinanzvolumen: '2345678.91',
      asd_finanzvolumen: '351851.84',
      sozialraumfinanzvolumen: '1993827.07',
      personalisiertes_finanzvolumen: '1595061.66',
      variables_finanzvolumen: '398765.41',
      praevention_mindestens: '199382.71',
      fachleistungsstunde: '44.55',
      planstellen: '22.39',
    });
  });

  it('hält die Geldspalten als DECIMAL, nie als DOUBLE', async () => {
    const typen = await t.wh
      .abfrage(`SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'finanzvolumen'
      AND column_name IN ('gesamtfinanzvolumen','asd_finanzvolumen','sozialraumfinanzvolumen','personalisiertes_finanzvolumen',
      'variables_finanzvolumen','praevention_mindestens','fachleistungsstunde','planstellen','kapazitaet_stunden')`);
    expect(typen).toHaveLength(9);
    for (const s of typen) expect(s.data_type).toMatch(/^DECIMAL/);
  });

  it('rundet halbe Cent vom Nullpunkt weg, und die Teile ergeben das Ganze', async () => {
    // G × 0,15 = 15,0015 → 15,00; G = 100,01: ASD 15,00 (15,0015), S 85,01, P 68,01 (68,008), V 17,00
    // G = 0,10: ASD = 0,015 → 0,02 (half away from zero), S = 0,08, P = 0,064 → 0,06, V = 0,02
    await budget([
      '2024;konz;100,01;1;3;;',
      '2024;saarburg;0,10;1,00;8;;',
      '2024;hermeskeil;1.000,30;71.250,00;1.600;;',
    ]);
    const rows = await t.wh
      .abfrage(`SELECT sozialraum, gesamtfinanzvolumen g, asd_finanzvolumen a, sozialraumfinanzvolumen s,
      personalisiertes_finanzvolumen p, variables_finanzvolumen v, fachleistungsstunde fls,
      asd_finanzvolumen + sozialraumfinanzvolumen = gesamtfinanzvolumen AS summe_g,
      personalisiertes_finanzvolumen + variables_finanzvolumen = sozialraumfinanzvolumen AS summe_s
      FROM finanzvolumen ORDER BY sozialraum`);
    const nach = Object.fromEntries(rows.map((r) => [r.sozialraum, r]));
    expect(nach.konz).toMatchObject({ a: '15.00', s: '85.01', p: '68.01', v: '17.00', fls: '0.33' });
    expect(nach.saarburg).toMatchObject({ a: '0.02', s: '0.08', p: '0.06', v: '0.02', fls: '0.13' });
    // 1.000,30 × 0,15 = 150,045 → 150,05; FLS 71.250 / 1.600 = 44,53125 → 44,53
    expect(nach.hermeskeil).toMatchObject({ a: '150.05', s: '850.25', p: '680.20', v: '170.05', fls: '44.53' });
    for (const r of rows) expect([r.summe_g, r.summe_s]).toEqual([true, true]);
  });

  it('rundet die Fachleistungsstunde bei genau einem halben Cent auf', async () => {
    // 71.250,50 / 1.600 = 44,5315625 → 44,53; 100,25 / 10 = 10,025 → 10,03
    await budget(['2024;konz;1.000,00;100,25;10;;']);
    expect(await t.wh.wert(`SELECT fachleistungsstunde FROM finanzvolumen`)).toBe('10.03');
  });

  it('schreibt G mit der Tarifsteigerung fort; ein genanntes G gewinnt', async () => {
    await budget([
      '2018;konz;1.000.000,00;70.000;1.600;;',
      '2019;konz;;70.000;1.600;;2,5', // 1.025.000,00
      '2020;konz;;70.000;1.600;;1,333', // 1.025.000 × 1,01333 = 1.038.663,25
      '2021;konz;1.100.000,00;70.000;1.600;;3', // stated G wins over the rate
      '2022;konz;;70.000;1.600;;0,005', // 1.100.000 × 1,00005 = 1.100.055,00
    ]);
    const g = await t.wh.abfrage(
      `SELECT jahr, gesamtfinanzvolumen g, fortgeschrieben FROM finanzvolumen ORDER BY jahr`,
    );
    expect(g.map((r) => [r.jahr, r.g, r.fortgeschrieben])).toEqual([
      [2018, '1000000.00', false],
      [2019, '1025000.00', true],
      [2020, '1038663.25', true],
      [2021, '1100000.00', false],
      [2022, '1100055.00', true],
    ]);
  });

  it('nimmt einen höheren Präventionsanteil aus der Budgetdatei', async () => {
    await budget(['2024;konz;2.345.678,91;71.250,00;1.599,5;12,5;']);
    // S × 0,125 = 249.228,38375 → 249.228,38
    expect(await t.wh.wert(`SELECT praevention_mindestens FROM finanzvolumen`)).toBe('249228.38');
  });
});
