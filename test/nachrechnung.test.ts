import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erfasseDemoUmschichtung } from '../demo/index.ts';
import { neuesWarehouse } from './helfer.ts';

// An independent recomputation of the demo county (docs/regeln.md §3–§5) from the fact tables as loaded,
// in TypeScript with BigInt: none of the warehouse's views or macros. Every figure of the views
// finanzvolumen, verbrauch_topf_monat, abweichung, umschichtung_vorschlag and praevention must equal it
// to the cent. Amounts are integers in a stated unit: c = cents, z = 1/10.000 EUR (booking values).

let t: Awaited<ReturnType<typeof neuesWarehouse>>;
const BIS = '2026-10-31';

beforeAll(async () => {
  // The demo county (seed 1, data until BIS) as loaded by test/demo-vorlage.ts.
  t = await neuesWarehouse({ demo: true });
  expect(await erfasseDemoUmschichtung(t.wh, BIS)).not.toBeNull();
}, 300_000);
afterAll(() => t.weg());

/** "1234.5" → integer in units of 10^-stellen (exact; the text has at most `stellen` places). */
function ganz(text: unknown, stellen: number): bigint {
  const s = String(text);
  const neg = s.startsWith('-');
  const [vor, nach = ''] = s.replace('-', '').split('.');
  if (nach.replace(/0+$/, '').length > stellen) throw new Error(`${s} hat mehr als ${stellen} Nachkommastellen`);
  const w = BigInt(vor! + nach.padEnd(stellen, '0'));
  return neg ? -w : w;
}
/** a / b rounded half away from zero. */
function teile(a: bigint, b: bigint): bigint {
  const neg = a < 0n !== b < 0n;
  const [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  const q = (2n * x + y) / (2n * y);
  return neg ? -q : q;
}
const text = (c: bigint | null, stellen = 2) => {
  if (c === null) return null;
  const neg = c < 0n;
  const s = (neg ? -c : c).toString().padStart(stellen + 1, '0');
  return `${neg ? '-' : ''}${s.slice(0, -stellen)}.${s.slice(-stellen)}`;
};

describe('Nachrechnung des Demo-Landkreises aus den Fakten, exakt mit BigInt', () => {
  it('stimmt in jeder Zahl der Sichten auf den Cent', async () => {
    const wh = t.wh;
    const einstellung = new Map(
      (await wh.abfrage('SELECT name, CAST(wert AS VARCHAR) AS wert FROM einstellung')).map((z) => [
        String(z.name),
        ganz(z.wert, 4),
      ]),
    );
    const heute = String(await wh.wert('SELECT CAST(current_date AS VARCHAR)'));

    // ── Finanzvolumen (§3) ──
    type Fv = {
      g: bigint | null;
      asd: bigint | null;
      s: bigint | null;
      p: bigint | null;
      v: bigint | null;
      praev: bigint | null;
      fls: bigint;
      sf: bigint;
      bjaz: bigint;
      planstellen: bigint | null;
      kapazitaet: bigint | null;
    };
    const budgets =
      await wh.abfrage(`SELECT jahr, sozialraum, CAST(gesamtfinanzvolumen AS VARCHAR) AS g, CAST(stellenfaktor AS VARCHAR) AS sf,
      CAST(bruttojahresarbeitszeit AS VARCHAR) AS bjaz, CAST(praeventionsanteil AS VARCHAR) AS p, CAST(tarifsteigerung AS VARCHAR) AS t FROM budget ORDER BY sozialraum, jahr`);
    const fv = new Map<string, Fv>();
    for (const b of budgets) {
      const vorher = fv.get(`${Number(b.jahr) - 1}|${b.sozialraum}`);
      const g =
        b.g !== null
          ? ganz(b.g, 2)
          : vorher?.g != null
            ? teile(vorher.g * (1_000_000n + (b.t === null ? 0n : ganz(b.t, 6))), 1_000_000n)
            : null;
      const asd = g === null ? null : teile(g * 15n, 100n);
      const s = g === null ? null : g - asd!;
      const p = s === null ? null : teile(s * 80n, 100n);
      const sf = ganz(b.sf, 2);
      const bjaz = ganz(b.bjaz, 2);
      fv.set(`${b.jahr}|${b.sozialraum}`, {
        g,
        asd,
        s,
        p,
        v: s === null ? null : s - p!,
        praev: s === null ? null : teile(s * ganz(b.p, 6), 1_000_000n),
        fls: teile(sf * 100n, bjaz),
        sf,
        bjaz,
        planstellen: p === null ? null : teile(p * 100n, sf),
        kapazitaet: p === null ? null : teile(p * bjaz, sf),
      });
    }
    let verglichen = 0;
    const gleich = (ist: unknown, soll: unknown, wo: string) => {
      verglichen++;
      expect(ist, wo).toBe(soll);
    };
    for (const z of await wh.abfrage('SELECT * FROM finanzvolumen')) {
      const f = fv.get(`${z.jahr}|${z.sozialraum}`)!;
      const wo = `finanzvolumen ${z.jahr} ${z.sozialraum}`;
      gleich(z.gesamtfinanzvolumen, text(f.g), wo);
      gleich(z.asd_finanzvolumen, text(f.asd), wo);
      gleich(z.sozialraumfinanzvolumen, text(f.s), wo);
      gleich(z.personalisiertes_finanzvolumen, text(f.p), wo);
      gleich(z.variables_finanzvolumen, text(f.v), wo);
      gleich(z.praevention_mindestens, text(f.praev), wo);
      gleich(z.fachleistungsstunde, text(f.fls), wo);
      gleich(z.planstellen, text(f.planstellen), wo);
      gleich(z.kapazitaet_stunden, text(f.kapazitaet), wo);
    }
    expect(verglichen).toBe(9 * budgets.length);

    // ── Valued use per month and pot (§4), exact in z ──
    const monatlich = new Map<string, bigint>(); // jahr|monat|sozialraum|topf → z
    const praevention = new Map<string, bigint>(); // jahr|monat|sozialraum → z (fallunspezifisch)
    const add = (m: Map<string, bigint>, k: string, w: bigint) => m.set(k, (m.get(k) ?? 0n) + w);
    const stunden = await wh.abfrage(
      `SELECT year(datum) AS j, month(datum) AS m, sozialraum, team, segment, CAST(stunden AS VARCHAR) AS h FROM leistung`,
    );
    for (const l of stunden) {
      const f = fv.get(`${l.j}|${l.sozialraum}`);
      if (!f) throw new Error(`Stunden ohne Budget ${l.j} ${l.sozialraum}: nicht Teil dieser Nachrechnung`);
      const wert = ganz(l.h, 2) * f.fls;
      add(monatlich, `${l.j}|${l.m}|${l.sozialraum}|${l.team ? 'personalisiert' : 'variabel'}`, wert);
      if (l.segment === 'fallunspezifisch') add(praevention, `${l.j}|${l.m}|${l.sozialraum}`, wert);
    }
    for (const z of await wh.abfrage(
      `SELECT year(buchungsdatum) AS j, month(buchungsdatum) AS m, sozialraum, topf, CAST(betrag AS VARCHAR) AS b FROM zahlung`,
    )) {
      add(monatlich, `${z.j}|${z.m}|${z.sozialraum}|${z.topf}`, ganz(z.b, 2) * 100n);
    }
    const vtm = await wh.abfrage(
      'SELECT jahr, monat, sozialraum, topf, betrag, betrag_genau FROM verbrauch_topf_monat',
    );
    expect(vtm.length).toBe(monatlich.size);
    for (const z of vtm) {
      const w = monatlich.get(`${z.jahr}|${z.monat}|${z.sozialraum}|${z.topf}`)!;
      gleich(z.betrag_genau, text(w, 4), `verbrauch ${z.jahr}-${z.monat} ${z.sozialraum} ${z.topf}`);
      gleich(z.betrag, text(teile(w, 100n)), `verbrauch ${z.jahr}-${z.monat} ${z.sozialraum} ${z.topf}`);
    }
    const summe = (jahr: number, sr: string, topf: string, von: number, bis: number) => {
      let s = 0n;
      let da = false;
      for (let m = von; m <= bis; m++) {
        const w = monatlich.get(`${jahr}|${m}|${sr}|${topf}`);
        if (w !== undefined) {
          s += w;
          da = true;
        }
      }
      return { s, da };
    };

    // ── Quarter-end variance (§5) ──
    const profile = new Map<string, bigint[]>(); // jahr|sozialraum|topf → cumulative percent in 1/10.000, months 0–12
    for (const p of await wh.abfrage(
      `SELECT jahr, sozialraum, topf, monat, CAST(anteil AS VARCHAR) AS a FROM phasierung ORDER BY monat`,
    )) {
      const k = `${p.jahr}|${p.sozialraum}|${p.topf}`;
      const kum = profile.get(k) ?? Array<bigint>(13).fill(0n);
      for (let m = Number(p.monat); m <= 12; m++) kum[m]! += ganz(p.a, 4);
      profile.set(k, kum);
    }
    expect(profile.size, 'der Demo-Landkreis hat ein Phasierungsprofil').toBeGreaterThan(0);
    const umschichtungen = await wh.abfrage(
      `SELECT jahr, sozialraum, topf, month(beschlussdatum) AS m, CAST(betrag AS VARCHAR) AS b FROM umschichtung`,
    );
    const prognosen =
      await wh.abfrage(`SELECT v.jahr, v.sozialraum, w.topf, w.monat, CAST(w.betrag AS VARCHAR) AS b FROM prognose_wert w
      JOIN prognose_version v USING (version_id) WHERE v.version_id = (SELECT max(version_id) FROM prognose_version x WHERE x.jahr = v.jahr AND x.sozialraum = v.sozialraum)`);
    const TOEPFE = ['personalisiert', 'variabel', 'asd'] as const;
    const status = (h: bigint, b: bigint) =>
      h > b
        ? 'nicht_auskoemmlich'
        : h * 10_000n > b * einstellung.get('schwelle_knapp')!
          ? 'knapp'
          : h * 10_000n < b * einstellung.get('schwelle_freie_mittel')!
            ? 'freie_mittel'
            : 'im_rahmen';
    const erwartet = new Map<string, Record<string, unknown>>();
    const vorschlaege = new Map<string, Record<string, unknown>>();
    const praeventionErwartet = new Map<string, Record<string, unknown>>();
    for (const [schluessel, f] of fv) {
      const [jahrText, sr] = schluessel.split('|') as [string, string];
      const jahr = Number(jahrText);
      for (let q = 1; q <= 4; q++) {
        const bis = 3 * q;
        if (new Date(Date.UTC(jahr, bis, 0)).toISOString().slice(0, 10) > heute) continue;
        const umschichtung = (topf: string) =>
          q === 4
            ? 0n
            : umschichtungen
                .filter(
                  (u) =>
                    Number(u.jahr) === jahr &&
                    u.sozialraum === sr &&
                    u.topf === topf &&
                    q >= Math.max(1, Math.floor((Number(u.m) - 1) / 3)),
                )
                .reduce((s, u) => s + ganz(u.b, 2), 0n);
        const zeilen = TOEPFE.map((topf) => {
          const budget = { personalisiert: f.p, variabel: f.v, asd: f.asd }[topf]!;
          const ist = summe(jahr, sr, topf, 1, bis).s;
          const geschrieben = prognosen.filter(
            (p) => Number(p.jahr) === jahr && p.sozialraum === sr && p.topf === topf,
          );
          let prognose: bigint;
          let methode: string;
          if (q === 4) {
            prognose = 0n;
            methode = 'jahresende';
          } else if (geschrieben.length > 0) {
            prognose = geschrieben.filter((p) => Number(p.monat) > bis).reduce((s, p) => s + ganz(p.b, 2), 0n);
            methode = 'prognose';
          } else if (profile.has(`${jahr}|${sr}|${topf}`) && profile.get(`${jahr}|${sr}|${topf}`)![bis]! > 0n) {
            const kum = profile.get(`${jahr}|${sr}|${topf}`)![bis]!;
            prognose = teile(ist * (1_000_000n - kum), kum * 100n);
            methode = 'profil';
          } else {
            let vb = 0n;
            let vr = 0n;
            let vorjahre = false;
            let rest = false;
            for (let j = jahr - 3; j < jahr; j++) {
              const a = summe(j, sr, topf, 1, bis);
              const r = summe(j, sr, topf, bis + 1, 12);
              vb += a.s;
              vr += r.s;
              vorjahre ||= a.da || r.da;
              rest ||= r.da;
            }
            if (vorjahre && rest && vb > 0n) {
              prognose = teile(ist * vr, vb * 100n);
              methode = 'saisonal';
            } else {
              prognose = teile(ist * BigInt(12 - bis), BigInt(bis) * 100n);
              methode = 'linear';
            }
          }
          prognose += umschichtung(topf);
          const kum = profile.get(`${jahr}|${sr}|${topf}`);
          const soll = kum ? teile(budget! * kum[bis]!, 1_000_000n) : teile(budget! * BigInt(bis), 12n);
          return {
            topf,
            budget: budget!,
            ist,
            prognose,
            methode,
            soll,
            profil: !!kum,
            umschichtung: umschichtung(topf),
          };
        });
        const mitProfil = zeilen.some((z) => z.profil);
        zeilen.push({
          topf: 'gesamt' as never,
          budget: f.g!,
          ist: zeilen.reduce((s, z) => s + z.ist, 0n),
          prognose: zeilen.reduce((s, z) => s + z.prognose, 0n),
          methode: new Set(zeilen.map((z) => z.methode)).size === 1 ? zeilen[0]!.methode : 'gemischt',
          soll: mitProfil ? zeilen.reduce((s, z) => s + z.soll, 0n) : teile(f.g! * BigInt(bis), 12n),
          profil: mitProfil,
          umschichtung: zeilen.reduce((s, z) => s + z.umschichtung, 0n),
        });
        for (const z of zeilen) {
          const hochZ = z.ist + z.prognose * 100n;
          const hoch = teile(hochZ, 100n);
          erwartet.set(`${jahr}|${q}|${sr}|${z.topf}`, {
            budget: text(z.budget),
            soll_bis_stichtag: text(z.soll),
            ist_bis_stichtag: text(teile(z.ist, 100n)),
            prognose_rest: text(z.prognose),
            davon_umschichtung: text(z.umschichtung),
            hochrechnung: text(hoch),
            abweichung: text(z.budget - hoch),
            abweichung_prozent: text(teile((z.budget * 100n - hochZ) * 10_000n, z.budget * 100n)),
            status: status(hoch, z.budget),
            prognose_methode: z.methode,
            phasierung: z.profil ? 'profil' : 'linear',
          });
          if (z.topf === ('gesamt' as never) && q < 4 && status(hoch, z.budget) === 'freie_mittel') {
            const r = einstellung.get('umschichtung_reserve')!;
            const vorschlag = teile(z.budget * (10_000n - r) - hochZ * 100n, 10_000n);
            if (vorschlag > 0n)
              vorschlaege.set(`${jahr}|${q}|${sr}`, {
                budget: text(z.budget),
                hochrechnung: text(hoch),
                reserve: text(teile(z.budget * r, 10_000n)),
                vorschlag: text(vorschlag),
              });
          }
        }
        let prae = 0n;
        for (let m = 1; m <= bis; m++) prae += praevention.get(`${jahr}|${m}|${sr}`) ?? 0n;
        const geplant = TOEPFE.reduce((s, topf) => s + umschichtung(topf), 0n);
        praeventionErwartet.set(`${jahr}|${q}|${sr}`, {
          praevention_mindestens: text(f.praev),
          ist_bis_stichtag: text(teile(prae, 100n)),
          umschichtung: text(geplant),
          ist_und_geplant: text(teile(prae, 100n) + geplant),
        });
      }
    }
    const abweichung = await wh.abfrage(`SELECT * FROM abweichung`);
    expect(abweichung.length).toBe(erwartet.size);
    for (const z of abweichung) {
      const e = erwartet.get(`${z.jahr}|${z.quartal}|${z.sozialraum}|${z.topf}`)!;
      for (const [spalte, wert] of Object.entries(e))
        gleich(z[spalte], wert, `abweichung ${z.jahr} Q${z.quartal} ${z.sozialraum} ${z.topf} ${spalte}`);
    }
    const vorschlag = await wh.abfrage(`SELECT * FROM umschichtung_vorschlag`);
    expect(vorschlag.length).toBe(vorschlaege.size);
    for (const z of vorschlag) {
      for (const [spalte, wert] of Object.entries(vorschlaege.get(`${z.jahr}|${z.quartal}|${z.sozialraum}`)!))
        gleich(z[spalte], wert, `umschichtung_vorschlag ${z.jahr} Q${z.quartal} ${z.sozialraum} ${spalte}`);
    }
    const prae = await wh.abfrage(`SELECT * FROM praevention`);
    expect(prae.length).toBe(praeventionErwartet.size);
    for (const z of prae) {
      for (const [spalte, wert] of Object.entries(praeventionErwartet.get(`${z.jahr}|${z.quartal}|${z.sozialraum}`)!))
        gleich(z[spalte], wert, `praevention ${z.jahr} Q${z.quartal} ${z.sozialraum} ${spalte}`);
    }
    expect(vorschlag.length).toBeGreaterThan(0);
    console.log(
      `Nachrechnung: ${verglichen} Zahlen verglichen, alle gleich (${budgets.length} Budgetzeilen, ${vtm.length} Monatswerte, ${abweichung.length} Abweichungszeilen, ${vorschlag.length} Vorschläge, ${prae.length} Präventionszeilen)`,
    );
  }, 300_000);
});
