// Hour bookings of the Träger (docs/regeln.md §4). Hours are planned per Sozialraum and year from the money
// (team hours ≈ P / FLS, variable hours ≈ the variable pot minus payments, divided by FLS) and
// spread over working days by a seasonal weight. Each staff member turns the planned hours into
// bookings by error diffusion: a booking is written whenever the member is behind plan, so the
// yearly totals hold at every scale while the bookings themselves get shorter as scale grows.

import path from 'node:path';
import { holeBudget, type Budgets } from './budget.js';
import { arbeitsgewichte, jahresanfang, jahresende, type Tag } from './datum.js';
import { dezimal } from './format.js';
import { SOZIALRAEUME, sozialraumText, TRAEGER, XLSX_TRAEGER, type SozialraumCode, type Traeger } from './landkreis.js';
import { holeVerbrauch, type Verbrauch } from './plan.js';
import { poolSchluessel, traegerHilfeart, type Kontrakt, type Kontrakte } from './kontrakte.js';
import type { Stelle } from './personal.js';
import { CsvSchreiber, datumText, hilfeartText } from './schreiber.js';
import { XlsxSchreiber } from './xlsx.js';
import { Zufall } from './zufall.js';

export const LEISTUNGEN_KOPF = [
  'traeger',
  'sozialraum',
  'kontrakt',
  'fall',
  'hilfeart',
  'segment',
  'datum',
  'stunden',
  'mitarbeiter',
  'team',
] as const;

/** average hours of one booking at scale 1 (coarse day totals); divided by scale */
const STUNDEN_JE_BUCHUNG = 10;

/** share of hours without a case for staff outside the team */
const PRAEVENTION_NICHT_TEAM = 0.04;

interface Strom {
  stelle: Stelle;
  sozialraum: SozialraumCode;
  team: boolean;
  /** planned hours per unit of seasonal weight on an active day */
  rate: number;
  von: Tag;
  bis: Tag;
  praevention: number;
  pool: PoolZeiger;
  /** planned and booked hundredths of an hour so far */
  soll: number;
  ist: number;
  naechste: number;
  prefix: string;
  suffix: string;
}

/** the contracts of one pool that are running on the current day, with cumulative weights */
class PoolZeiger {
  private i = 0;
  private aktiv: Kontrakt[] = [];
  private kum: number[] = [];
  private stand = -1;

  constructor(private readonly kontrakte: readonly Kontrakt[]) {}

  private aktualisiere(d: Tag): void {
    if (d === this.stand) return;
    this.stand = d;
    let geaendert = false;
    while (this.i < this.kontrakte.length && this.kontrakte[this.i]!.beginn <= d) {
      const k = this.kontrakte[this.i++]!;
      if (k.ende >= d) {
        this.aktiv.push(k);
        geaendert = true;
      }
    }
    const vorher = this.aktiv.length;
    this.aktiv = this.aktiv.filter((k) => k.ende >= d);
    if (geaendert || this.aktiv.length !== vorher) {
      // families with more authorised hours get more of the bookings
      let s = 0;
      this.kum = this.aktiv.map((k) => (s += k.stundenMonat));
    }
  }

  waehle(d: Tag, r: number): Kontrakt | null {
    this.aktualisiere(d);
    const n = this.aktiv.length;
    if (n === 0) return null;
    const ziel = r * this.kum[n - 1]!;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.kum[mid]! > ziel) hi = mid;
      else lo = mid + 1;
    }
    return this.aktiv[lo]!;
  }
}

interface Jahresplan {
  jahr: number;
  gewichte: Float64Array;
  /** prefix sums of the weights, index i = sum of days 0..i-1 */
  summen: Float64Array;
  teamRate: Map<SozialraumCode, number>;
  variabelRate: Map<SozialraumCode, number>;
}

function gewichtSumme(p: Jahresplan, von: Tag, bis: Tag): number {
  const j0 = jahresanfang(p.jahr);
  const a = Math.max(von, j0) - j0;
  const b = Math.min(bis, jahresende(p.jahr)) - j0;
  return b < a ? 0 : p.summen[b + 1]! - p.summen[a]!;
}

/** Hours each Sozialraum should book in a year, turned into rates per unit of staff weight. */
function planeJahr(
  jahr: number,
  budgets: Budgets,
  plan: ReadonlyMap<string, Verbrauch>,
  stellen: readonly Stelle[],
): Jahresplan {
  const gewichte = arbeitsgewichte(jahr);
  const summen = new Float64Array(gewichte.length + 1);
  for (let i = 0; i < gewichte.length; i++) summen[i + 1] = summen[i]! + gewichte[i]!;
  const p: Jahresplan = { jahr, gewichte, summen, teamRate: new Map(), variabelRate: new Map() };
  for (const sr of SOZIALRAEUME) {
    const b = holeBudget(budgets, jahr, sr.code);
    const v = holeVerbrauch(plan, jahr, sr.code);
    // hours over the whole year: for the current year only the days up to `bis` get written
    const teamStunden = (b.pCent / b.flsCent) * v.team;
    const variabelStunden = (b.vCent * v.variabel * (1 - v.zahlungsanteil)) / b.flsCent;
    let teamNenner = 0;
    let varNenner = 0;
    for (const s of stellen) {
      const g = gewichtSumme(p, s.von, s.bis ?? Number.MAX_SAFE_INTEGER) * (s.prozent / 100);
      if (s.sozialraum === sr.code) teamNenner += g;
      else if (s.sozialraum === null && s.einsatz.includes(sr.code)) varNenner += g / s.einsatz.length;
    }
    if (teamNenner > 0) p.teamRate.set(sr.code, (teamStunden * 100) / teamNenner);
    if (varNenner > 0) p.variabelRate.set(sr.code, (variabelStunden * 100) / varNenner);
  }
  return p;
}

interface Senke {
  zeile(
    s: Strom,
    k: Kontrakt | null,
    segment: string,
    d: Tag,
    datum: string,
    einheiten: number,
  ): Promise<void> | undefined;
  schliesse(): Promise<void>;
  readonly anzahl: number;
}

class CsvSenke implements Senke {
  private readonly stundenText: string[] = [];
  private readonly kontraktText = new Map<Kontrakt, string>();
  private readonly leer: string;

  constructor(
    private readonly w: CsvSchreiber,
    private readonly tr: Traeger,
    private readonly kontrakte: Kontrakte,
  ) {
    const t = tr.dialekt.trenn;
    this.leer = t + t;
  }

  get anzahl(): number {
    return this.w.anzahl;
  }

  private stunden(e: number): string {
    return (this.stundenText[e] ??= dezimal(e));
  }

  private vertrag(k: Kontrakt): string {
    let s = this.kontraktText.get(k);
    if (s === undefined) {
      const t = this.tr.dialekt.trenn;
      s = k.id + t + k.fall + t + hilfeartText(traegerHilfeart(this.kontrakte, k), this.tr.dialekt);
      this.kontraktText.set(k, s);
    }
    return s;
  }

  zeile(
    s: Strom,
    k: Kontrakt | null,
    segment: string,
    _d: Tag,
    datum: string,
    einheiten: number,
  ): Promise<void> | undefined {
    const t = this.tr.dialekt.trenn;
    return this.w.roh(
      s.prefix +
        (k === null ? this.leer : this.vertrag(k)) +
        t +
        segment +
        t +
        datum +
        t +
        this.stunden(einheiten) +
        s.suffix,
    );
  }

  schliesse(): Promise<void> {
    return this.w.schliesse();
  }
}

class XlsxSenke implements Senke {
  constructor(
    private readonly w: XlsxSchreiber,
    private readonly tr: Traeger,
    private readonly kontrakte: Kontrakte,
  ) {}

  get anzahl(): number {
    return this.w.anzahl;
  }

  zeile(
    s: Strom,
    k: Kontrakt | null,
    segment: string,
    d: Tag,
    _datum: string,
    einheiten: number,
  ): Promise<void> | undefined {
    // real date and number cells, as a spreadsheet typed by hand would have them
    return this.w.zeile([
      this.tr.id,
      sozialraumText(s.sozialraum, this.tr.dialekt),
      k?.id ?? null,
      k?.fall ?? null,
      k === null ? null : hilfeartText(traegerHilfeart(this.kontrakte, k), this.tr.dialekt),
      segment,
      new Date(d * 86_400_000),
      einheitenAlsZahl(einheiten),
      s.stelle.mitarbeiter,
      s.team ? 'ja' : 'nein',
    ]);
  }

  schliesse(): Promise<void> {
    return this.w.schliesse();
  }
}

function einheitenAlsZahl(e: number): number {
  // hundredths → number; via the decimal text so that e.g. 0.3 is the shortest double, not 0.30000000000000004
  return Number(dezimal(e).replace(',', '.'));
}

export interface LeistungenOptionen {
  dir: string;
  seed: number;
  scale: number;
  bisTag: Tag;
  jahre: readonly number[];
  xlsxJahr: number;
  budgets: Budgets;
  plan: ReadonlyMap<string, Verbrauch>;
  stellen: readonly Stelle[];
  kontrakte: Kontrakte;
}

export interface LeistungenErgebnis {
  dateien: string[];
  zeilen: number;
}

export async function schreibeLeistungen(o: LeistungenOptionen): Promise<LeistungenErgebnis> {
  const dateien: string[] = [];
  let zeilen = 0;
  const mittel = (STUNDEN_JE_BUCHUNG / o.scale) * 100; // hundredths
  // quarter hours while bookings are long; finer steps once they get short at high scale
  const einheit = mittel >= 200 ? 25 : mittel >= 15 ? 5 : 1;

  for (const jahr of o.jahre) {
    const plan = planeJahr(jahr, o.budgets, o.plan, o.stellen);
    for (const tr of TRAEGER) {
      const z = Zufall.fuer(o.seed, 'leistungen', tr.id, jahr);
      const laenge = (): number => {
        const e = Math.round((mittel * (0.5 + z.next())) / einheit) * einheit;
        return Math.min(2400, Math.max(einheit, e));
      };
      const zeiger = new Map<string, PoolZeiger>();
      const pool = (sr: SozialraumCode): PoolZeiger => {
        const key = poolSchluessel(tr.id, sr);
        let p = zeiger.get(key);
        if (!p) {
          p = new PoolZeiger(o.kontrakte.pools.get(key) ?? []);
          zeiger.set(key, p);
        }
        return p;
      };
      const d = tr.dialekt;
      const t = d.trenn;
      const stroeme: Strom[] = [];
      const ende = Math.min(jahresende(jahr), o.bisTag);
      for (const s of o.stellen) {
        if (s.traeger !== tr.id) continue;
        const von = Math.max(s.von, jahresanfang(jahr));
        const bis = Math.min(s.bis ?? Number.MAX_SAFE_INTEGER, ende);
        if (bis < von) continue;
        const orte = s.sozialraum !== null ? [s.sozialraum] : s.einsatz;
        for (const sr of orte) {
          const team = s.sozialraum !== null;
          const basis = team ? plan.teamRate.get(sr) : plan.variabelRate.get(sr);
          if (basis === undefined) continue;
          stroeme.push({
            stelle: s,
            sozialraum: sr,
            team,
            rate: (basis * s.prozent) / 100 / (team ? 1 : orte.length),
            von,
            bis,
            praevention: team ? holeVerbrauch(o.plan, jahr, sr).praevention : PRAEVENTION_NICHT_TEAM,
            pool: pool(sr),
            soll: 0,
            ist: 0,
            naechste: laenge(),
            prefix: tr.id + t + sozialraumText(sr, d) + t,
            suffix: t + s.mitarbeiter + t + (team ? 'ja' : 'nein'),
          });
        }
      }

      const alsXlsx = tr.id === XLSX_TRAEGER && jahr === o.xlsxJahr;
      const datei = path.join(o.dir, `leistungen_${tr.id}_${jahr}.${alsXlsx ? 'xlsx' : 'csv'}`);
      const senke: Senke = alsXlsx
        ? new XlsxSenke(
            new XlsxSchreiber(datei, LEISTUNGEN_KOPF, new Date(o.bisTag * 86_400_000), [7]),
            tr,
            o.kontrakte,
          )
        : new CsvSenke(await CsvSchreiber.oeffne(datei, d, LEISTUNGEN_KOPF), tr, o.kontrakte);

      const j0 = jahresanfang(jahr);
      for (let tagNr = j0; tagNr <= ende; tagNr++) {
        const w = plan.gewichte[tagNr - j0]!;
        if (w === 0) continue;
        const datum = datumText(tagNr, d);
        for (const s of stroeme) {
          if (tagNr < s.von || tagNr > s.bis) continue;
          s.soll += s.rate * w;
          while (s.ist + s.naechste / 2 <= s.soll) {
            const e = s.naechste;
            s.ist += e;
            s.naechste = laenge();
            let k: Kontrakt | null = null;
            let segment = 'fallunspezifisch';
            if (z.next() >= s.praevention) {
              k = s.pool.waehle(tagNr, z.next());
              // without a running contract the hour goes to network work rather than being lost
              if (k !== null) segment = z.next() < 0.7 ? 'fallspezifisch' : 'fallbezogen';
            }
            const p = senke.zeile(s, k, segment, tagNr, datum, e);
            if (p) await p;
          }
        }
      }
      await senke.schliesse();
      zeilen += senke.anzahl;
      dateien.push(datei);
    }
  }
  return { dateien, zeilen };
}
