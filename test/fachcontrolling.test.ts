import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schreibeDemoExporte } from '../demo/index.ts';
import { ladeDatei } from '../warehouse/index.ts';
import { neuesWarehouse } from './helfer.ts';

// An independent recomputation of the view fachcontrolling (docs/regeln.md §8) for 2025 and 2026: the case
// figures from the raw demo export files (the youth office's contract list, the population file, the
// municipalities' reference list), read here with plain TypeScript; the hours from the fact table as rows.
// None of the warehouse's views or macros. Every figure of every row must be equal.

let t: Awaited<ReturnType<typeof neuesWarehouse>>;
let ordner: string;
const BIS = '2026-10-31';

beforeAll(async () => {
  t = await neuesWarehouse();
  ordner = t.ordner + '/exporte';
  const { dateien } = await schreibeDemoExporte({ dir: ordner, seed: 1, bis: BIS });
  for (const d of dateien) expect((await ladeDatei(t.wh, d, { benutzer: 'test' })).status).toBe('geladen');
}, 300_000);
afterAll(() => t.weg());

/** A German CSV of the youth office: BOM, ';', CRLF, no quoted fields in these files. */
function csv(pfad: string): Array<Record<string, string>> {
  const [kopf, ...zeilen] = readFileSync(pfad, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((z) => z !== '');
  const namen = kopf!.split(';');
  return zeilen.map((z) => Object.fromEntries(z.split(';').map((w, i) => [namen[i]!, w])));
}
/** TT.MM.JJJJ → days since 1970. */
const tag = (d: string) => {
  const [tt, mm, jj] = d.split('.').map(Number);
  return Date.UTC(jj!, mm! - 1, tt!) / 86_400_000;
};
const iso = (x: number) => new Date(x * 86_400_000).toISOString().slice(0, 10);
/** a / b half away from zero, to 2 places, as text; null without a divisor. */
function quotient(a: bigint, b: bigint): string | null {
  if (b === 0n) return null;
  const q = (2n * 100n * a + b) / (2n * b);
  const s = q.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}
const plus12Monate = (d: number) => {
  const x = new Date(d * 86_400_000);
  return Date.UTC(x.getUTCFullYear() + 1, x.getUTCMonth(), x.getUTCDate()) / 86_400_000;
};

describe('Nachrechnung der Sicht fachcontrolling aus den Exportdateien', () => {
  it('stimmt in jeder Zahl jeder Zeile von 2025 und 2026', async () => {
    const heute = String(await t.wh.wert('SELECT CAST(current_date AS VARCHAR)'));
    const sozialraumVon = new Map(
      readFileSync(new URL('../warehouse/reference/gemeinden-trier-saarburg.csv', import.meta.url), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((z) => z.split(','))
        .map((f) => [f[0]!, f[3]!]),
    );
    const kontrakte = csv(`${ordner}/kontrakte_jugendamt.csv`).map((k) => ({
      sozialraum: k.sozialraum!,
      fall: k.fall!,
      hilfeart:
        '§' +
        k
          .hilfeart!.replace(/[^0-9a-z]/g, '')
          .replace(/sgbviii$/i, '')
          .replace(/viii$/i, ''),
      beginn: tag(k.beginn!),
      ende: k.ende ? tag(k.ende) : null,
      grund: k.beendigungsgrund || null,
      ziel: k.zielerreichung || null,
    }));
    expect(kontrakte.length).toBeGreaterThan(100);
    const bevoelkerung = csv(`${ordner}/bevoelkerung.csv`).map((b) => ({
      jahr: Number(b.jahr),
      sozialraum: sozialraumVon.get(b.wohnort_ags!)!,
      anzahl: Number(b.anzahl!.replace(/\./g, '')),
    }));
    // hours as booked (hundredths) and the FLS of each year and Sozialraum (cents): the facts, not a view
    const stunden = (
      await t.wh.abfrage(
        `SELECT sozialraum, hilfeart, segment, CAST(datum AS VARCHAR) AS datum, CAST(stunden * 100 AS BIGINT) AS h FROM leistung`,
      )
    ).map((z) => ({
      sozialraum: String(z.sozialraum),
      hilfeart: z.hilfeart as string | null,
      segment: String(z.segment),
      tag: Date.parse(String(z.datum)) / 86_400_000,
      h: BigInt(String(z.h)),
    }));
    const fls = new Map(
      (
        await t.wh.abfrage(
          `SELECT jahr, sozialraum, CAST(stellenfaktor * 100 AS BIGINT) AS sf, CAST(bruttojahresarbeitszeit * 100 AS BIGINT) AS bjaz FROM budget`,
        )
      ).map((z) => {
        const sf = BigInt(String(z.sf));
        const b = BigInt(String(z.bjaz));
        return [`${z.jahr}|${z.sozialraum}`, (2n * 100n * sf + b) / (2n * b)];
      }),
    );

    // the periods: ended quarters and each year up to its last ended quarter
    const [hj, hm] = heute.split('-').map(Number);
    const laufendesQuartal = Date.UTC(hj!, Math.floor((hm! - 1) / 3) * 3, 1) / 86_400_000;
    const zeitraeume: Array<{ jahr: number; quartal: number | null; von: number; bis: number }> = [];
    for (const jahr of [2025, 2026]) {
      let bisJahr = -1;
      for (let q = 1; q <= 4; q++) {
        const von = Date.UTC(jahr, 3 * (q - 1), 1) / 86_400_000;
        if (von >= laufendesQuartal) break;
        const bis = Date.UTC(jahr, 3 * q, 0) / 86_400_000;
        zeitraeume.push({ jahr, quartal: q, von, bis });
        bisJahr = bis;
      }
      zeitraeume.push({ jahr, quartal: null, von: Date.UTC(jahr, 0, 1) / 86_400_000, bis: bisJahr });
    }

    const erwartet = new Map<string, Record<string, unknown>>();
    for (const z of zeitraeume) {
      const aktiv = kontrakte.filter((k) => k.beginn <= z.bis && (k.ende === null || k.ende >= z.von));
      const srs = [...new Set(aktiv.map((k) => k.sozialraum))];
      const has = [...new Set(aktiv.map((k) => k.hilfeart))];
      const stand = Math.max(...bevoelkerung.filter((b) => b.jahr < z.jahr).map((b) => b.jahr));
      const gruppen: Array<[string, string]> = [
        ['gesamt', 'gesamt'],
        ...srs.map((s): [string, string] => [s, 'gesamt']),
        ...has.map((h): [string, string] => ['gesamt', h]),
      ];
      for (const s of srs)
        for (const h of has) if (aktiv.some((k) => k.sozialraum === s && k.hilfeart === h)) gruppen.push([s, h]);
      for (const [s, h] of gruppen) {
        const hier = aktiv.filter(
          (k) => (s === 'gesamt' || k.sozialraum === s) && (h === 'gesamt' || k.hilfeart === h),
        );
        const beendet = hier.filter((k) => k.ende !== null && k.ende >= z.von && k.ende <= z.bis);
        const faelle = new Set(hier.map((k) => k.fall)).size;
        const tage = beendet.map((k) => k.ende! - k.beginn).sort((a, b) => a - b);
        const n = tage.length;
        const zaehle = (f: (k: (typeof beendet)[number]) => boolean) => beendet.filter(f).length;
        const pm = zaehle((k) => k.grund === 'planmaessig');
        const andere = zaehle((k) => k.grund !== null && k.grund !== 'planmaessig');
        const [er, tw, ne] = ['erreicht', 'teilweise', 'nicht_erreicht'].map((w) => zaehle((k) => k.ziel === w));
        const wieder = zaehle((k) =>
          kontrakte.some((x) => x.fall === k.fall && x.beginn > k.ende! && x.beginn <= plus12Monate(k.ende!)),
        );
        const stundenHier = stunden.filter(
          (x) =>
            x.tag >= z.von &&
            x.tag <= z.bis &&
            (s === 'gesamt' || x.sozialraum === s) &&
            (h === 'gesamt' || x.hilfeart === h),
        );
        const summe = (f: (x: (typeof stundenHier)[number]) => boolean) =>
          stundenHier.filter(f).reduce((a, x) => a + x.h, 0n);
        const fall = (x: (typeof stundenHier)[number]) => x.segment !== 'fallunspezifisch';
        const alle = summe(() => true);
        const wert = stundenHier
          .filter(fall)
          .reduce((a, x) => a + x.h * fls.get(`${new Date(x.tag * 86_400_000).getUTCFullYear()}|${x.sozialraum}`)!, 0n);
        const einwohner = bevoelkerung
          .filter((b) => b.jahr === stand && (s === 'gesamt' || b.sozialraum === s))
          .reduce((a, b) => a + b.anzahl, 0);
        const bewertet = BigInt(er! + tw! + ne!);
        erwartet.set(`${z.jahr}|${z.quartal}|${s}|${h}`, {
          jahr: z.jahr,
          quartal: z.quartal,
          von: iso(z.von),
          bis: iso(z.bis),
          sozialraum: s,
          hilfeart: h,
          faelle,
          neue_hilfen: hier.filter((k) => k.beginn >= z.von).length,
          beendete_hilfen: n,
          laufende_hilfen: hier.filter((k) => k.ende === null || k.ende >= z.bis).length,
          hilfedauer_mittel_monate: quotient(BigInt(tage.reduce((a, x) => a + x, 0)) * 48n, 1461n * BigInt(n)),
          hilfedauer_median_monate:
            n === 0
              ? null
              : quotient(BigInt(tage[Math.floor((n + 1) / 2) - 1]! + tage[Math.floor(n / 2)]!) * 48n, 2n * 1461n),
          stunden_je_fall: quotient(summe(fall), 100n * BigInt(faelle)),
          kosten_je_fall: quotient(wert, 10_000n * BigInt(faelle)),
          anteil_fallspezifisch: quotient(summe((x) => x.segment === 'fallspezifisch') * 100n, alle),
          anteil_fallbezogen: quotient(summe((x) => x.segment === 'fallbezogen') * 100n, alle),
          anteil_fallunspezifisch: quotient(summe((x) => x.segment === 'fallunspezifisch') * 100n, alle),
          einwohner_unter_21: einwohner,
          eckwert: quotient(BigInt(faelle) * 1000n, BigInt(einwohner)),
          beendet_planmaessig: pm,
          beendet_anderer_grund: andere,
          beendet_ohne_grund: zaehle((k) => k.grund === null),
          anteil_planmaessig: quotient(BigInt(pm) * 100n, BigInt(pm + andere)),
          ziel_erreicht: er,
          ziel_teilweise: tw,
          ziel_nicht_erreicht: ne,
          ziel_ohne_bewertung: zaehle((k) => k.ziel === null),
          anteil_erreicht: quotient(BigInt(er!) * 100n, bewertet),
          anteil_teilweise: quotient(BigInt(tw!) * 100n, bewertet),
          anteil_nicht_erreicht: quotient(BigInt(ne!) * 100n, bewertet),
          wiederaufnahmen: wieder,
          anteil_wiederaufnahme: quotient(BigInt(wieder) * 100n, BigInt(n)),
        });
      }
    }

    const sicht = await t.wh.abfrage(
      `SELECT * REPLACE (CAST(von AS VARCHAR) AS von, CAST(bis AS VARCHAR) AS bis) FROM fachcontrolling WHERE jahr IN (2025, 2026)`,
    );
    const ist = new Map(sicht.map((z) => [`${z.jahr}|${z.quartal}|${z.sozialraum}|${z.hilfeart}`, z]));
    expect([...ist.keys()].sort()).toEqual([...erwartet.keys()].sort());
    const abweichend: string[] = [];
    let zahlen = 0;
    for (const [schluessel, e] of erwartet) {
      for (const [spalte, w] of Object.entries(e)) {
        zahlen++;
        if (ist.get(schluessel)![spalte] !== w)
          abweichend.push(`${schluessel} ${spalte}: Sicht ${ist.get(schluessel)![spalte]}, nachgerechnet ${w}`);
      }
    }
    expect(abweichend.slice(0, 20)).toEqual([]);
    expect(zahlen).toBeGreaterThan(10_000);
    console.log(`fachcontrolling nachgerechnet: ${erwartet.size} Zeilen, ${zahlen} Werte, alle gleich`);
  });
});
