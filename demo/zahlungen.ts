// Payments from the youth office's finance system: monthly invoices of outside providers (pot
// `variabel`, with contract and Hilfeart) and payments the ASD decides (pot `asd`). Each month's
// total is set from the budget and the year's consumption plan; the single amounts are random.

import path from 'node:path';
import { holeBudget, type Budgets } from './budget.js';
import { feiertageRlp, jahrVon, jahresende, monatsende, tag, wochentag, type Tag } from './datum.js';
import { geld } from './format.js';
import { ANDERE_ANBIETER, ASD_EMPFAENGER, FINANZ_DIALEKT, SOZIALRAEUME, sozialraumText } from './landkreis.js';
import { holeVerbrauch, type Verbrauch } from './plan.js';
import type { Kontrakte, Kontrakt } from './kontrakte.js';
import { datumText, hilfeartText, schreibeCsv } from './schreiber.js';
import { Zufall } from './zufall.js';
import type { AbsichtlicherFehler } from './fehler.js';

interface Zahlung {
  datum: Tag;
  lfd: number;
  sozialraum: string;
  topf: 'variabel' | 'asd';
  empfaenger: string;
  kontrakt: string;
  hilfeart: string;
  cent: number;
}

/** monthly invoice range in euros by Hilfeart, before calibration to the pot */
const MONATSBETRAG: Readonly<Record<number, [number, number]>> = {
  28: [400, 900],
  29: [600, 1200],
  30: [900, 1600],
  31: [1800, 3000],
  32: [3000, 4200],
  33: [800, 1300],
  37: [700, 1200],
  41: [1200, 2400],
  52: [300, 800],
};

const feiertage = new Map<number, Set<Tag>>();

/** the finance office books on working days only: shift to the next one */
function werktag(d: Tag): Tag {
  for (;;) {
    const j = jahrVon(d);
    let f = feiertage.get(j);
    if (!f) feiertage.set(j, (f = feiertageRlp(j)));
    const wt = wochentag(d);
    if (wt !== 0 && wt !== 6 && !f.has(d)) return d;
    d++;
  }
}

/** Splits a total (cents) into parts proportional to raw weights, to the cent. */
function verteile(gesamt: number, roh: readonly number[]): number[] {
  const summe = roh.reduce((a, b) => a + b, 0);
  const teile = roh.map((r) => Math.floor((gesamt * r) / summe));
  let rest = Math.round(gesamt) - teile.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % teile.length, rest--) teile[i]! += 1;
  return teile;
}

export interface ZahlungenErgebnis {
  dateien: string[];
  fehler: AbsichtlicherFehler[];
}

export async function schreibeZahlungen(
  dir: string,
  seed: number,
  jahre: readonly number[],
  bisTag: Tag,
  budgets: Budgets,
  plan: ReadonlyMap<string, Verbrauch>,
  kontrakte: Kontrakte,
): Promise<ZahlungenErgebnis> {
  const dateien: string[] = [];
  const fehler: AbsichtlicherFehler[] = [];
  const fd = FINANZ_DIALEKT;
  const formelAnbieter = ANDERE_ANBIETER.find((a) => /^[=@+-]/.test(a));
  let formelGemeldet = false;

  for (const jahr of jahre) {
    const rows: Zahlung[] = [];
    for (const sr of SOZIALRAEUME) {
      const z = Zufall.fuer(seed, 'zahlungen', sr.code, jahr);
      const b = holeBudget(budgets, jahr, sr.code);
      const v = holeVerbrauch(plan, jahr, sr.code);
      const zielVariabel = b.vCent * v.variabel * v.zahlungsanteil;
      const zielAsd = b.asdCent * v.asd;
      const monatsGewicht = Array.from({ length: 12 }, () => z.zwischen(0.85, 1.15));
      const gSumme = monatsGewicht.reduce((a, c) => a + c, 0);
      const andere: readonly Kontrakt[] = kontrakte.andere.get(sr.code) ?? [];
      const srText = sozialraumText(sr.code, fd);
      const eigene: Zahlung[] = [];

      for (let m = 1; m <= 12; m++) {
        const m0 = tag(jahr, m, 1);
        const m1 = monatsende(jahr, m);
        if (m0 > bisTag) break;
        const anteil = monatsGewicht[m - 1]! / gSumme;

        const laufend = andere.filter((k) => k.beginn <= m1 && k.ende >= m0);
        if (laufend.length > 0) {
          const roh = laufend.map((k) => {
            const r = Zufall.fuer(seed, 'monatsbetrag', k.nr);
            const [lo, hi] = MONATSBETRAG[k.hilfeart] ?? [800, 2000];
            const tage = Math.min(m1, k.ende) - Math.max(m0, k.beginn) + 1;
            return r.zwischen(lo, hi) * (tage / (m1 - m0 + 1)) * z.zwischen(0.9, 1.1);
          });
          const betraege = verteile(zielVariabel * anteil, roh);
          laufend.forEach((k, i) => {
            eigene.push({
              datum: werktag(m0 + z.int(4, 24)),
              lfd: 0,
              sozialraum: srText,
              topf: 'variabel',
              empfaenger: k.anbieter!,
              kontrakt: k.id,
              hilfeart: hilfeartText(k.hilfeart, fd),
              cent: betraege[i]!,
            });
          });
        }

        const n = z.int(6, 12);
        const empf = Array.from({ length: n }, () => z.wahl(ASD_EMPFAENGER));
        const betraege = verteile(
          zielAsd * anteil,
          empf.map(() => z.zwischen(0.3, 1.7)),
        );
        empf.forEach(([name, h], i) => {
          eigene.push({
            datum: werktag(m0 + z.int(0, 26)),
            lfd: 0,
            sozialraum: srText,
            topf: 'asd',
            empfaenger: name,
            kontrakt: '',
            hilfeart: hilfeartText(h, fd),
            cent: betraege[i]!,
          });
        });
      }

      // Storno: a wrong booking is reversed a few days later and, mostly, booked again correctly.
      const stornos = z.int(1, 3);
      for (let i = 0; i < stornos && eigene.length > 0; i++) {
        const orig = z.wahl(eigene);
        const am = werktag(orig.datum + z.int(3, 20));
        if (am > bisTag || am > jahresende(jahr) || orig.cent <= 0) continue;
        eigene.push({ ...orig, datum: am, cent: -orig.cent });
        if (z.chance(0.7)) eigene.push({ ...orig, datum: am, cent: Math.round(orig.cent * z.zwischen(0.85, 0.98)) });
      }
      rows.push(...eigene.filter((x) => x.datum <= bisTag));
    }
    rows.forEach((r, i) => (r.lfd = i));
    rows.sort((a, b) => a.datum - b.datum || a.lfd - b.lfd);

    const datei = path.join(dir, `zahlungen_${jahr}.csv`);
    await schreibeCsv(
      datei,
      fd,
      ['buchungsdatum', 'sozialraum', 'topf', 'empfaenger', 'kontrakt', 'hilfeart', 'betrag'],
      rows.map((r) => [
        datumText(r.datum, fd),
        r.sozialraum,
        r.topf,
        r.empfaenger,
        r.kontrakt,
        r.hilfeart,
        geld(r.cent),
      ]),
    );
    dateien.push(datei);
    if (formelAnbieter && !formelGemeldet && rows.some((r) => r.empfaenger === formelAnbieter)) {
      formelGemeldet = true;
      fehler.push({
        art: 'empfaenger_formelzeichen',
        datei: path.basename(datei),
        schluessel: formelAnbieter,
        hinweis: 'Empfänger beginnt mit "=" (auch in späteren Jahren): als Text unverändert speichern',
      });
    }
  }
  return { dateien, fehler };
}
