import { EURO, farbskala, STATUS, STATUS_FARBE, STATUS_NAME, TOPF_NAME, euroText, zahl } from '../stil.ts';
import { deutscheZahl } from '../../format/index.ts';
import { ort, rahmen, zeitpunkt, type Dezimal, type Kontext, type Spezifikation } from './rahmen.ts';

/** What the variance bars need of a row: one Topf (or the total) of a Sozialraum at the quarter end. */
export type AbweichungWert = {
  sozialraum_name: string;
  topf: string;
  topf_name: string;
  reihenfolge: number;
  budget: Dezimal | null;
  ist_bis_stichtag: Dezimal | null;
  hochrechnung: Dezimal | null;
  abweichung: Dezimal | null;
  abweichung_prozent: Dezimal | null;
  status: string;
};

/** Rows as plot values with exact labels. */
export function abweichungWerte(zeilen: readonly AbweichungWert[]) {
  return zeilen.map((z) => ({
    sozialraum: z.sozialraum_name,
    topf: TOPF_NAME[z.topf] ?? z.topf_name,
    reihenfolge: zahl(z.reihenfolge),
    budget: zahl(z.budget),
    ist: zahl(z.ist_bis_stichtag),
    hochrechnung: zahl(z.hochrechnung),
    // The label sits after the longer of the two bars.
    ende: Math.max(zahl(z.budget) ?? 0, zahl(z.hochrechnung) ?? 0),
    status: STATUS_NAME[z.status] ?? z.status,
    beschriftung: `${euroText(z.abweichung)} (${z.abweichung_prozent === null ? '–' : deutscheZahl(z.abweichung_prozent)} %)`,
    budgetText: euroText(z.budget),
    hochrechnungText: euroText(z.hochrechnung),
    istText: euroText(z.ist_bis_stichtag),
  }));
}

/** The layers of one Sozialraum's bars: budget (grey), Hochrechnung (status colour), Ist (tick), variance label. */
export function abweichungEbenen(breite: number) {
  const y = { field: 'topf', type: 'nominal', title: null, sort: { field: 'reihenfolge', op: 'min' } } as const;
  const tooltip = [
    { field: 'topf', title: 'Topf' },
    { field: 'budgetText', title: 'Budget' },
    { field: 'istText', title: 'Ist bis Stichtag' },
    { field: 'hochrechnungText', title: 'Hochrechnung' },
    { field: 'beschriftung', title: 'Abweichung' },
    { field: 'status', title: 'Status' },
  ];
  return {
    width: breite,
    height: { step: 46 },
    encoding: { y },
    layer: [
      {
        mark: { type: 'bar', color: '#d6d6d6', height: { band: 0.8 } },
        encoding: {
          x: { field: 'budget', type: 'quantitative', title: 'EUR', axis: { format: EURO, tickCount: 5 } },
          tooltip,
        },
      },
      {
        mark: { type: 'bar', height: { band: 0.42 } },
        encoding: {
          x: { field: 'hochrechnung', type: 'quantitative' },
          color: {
            field: 'status',
            type: 'nominal',
            title: 'Status',
            scale: farbskala(STATUS_FARBE, STATUS, STATUS_NAME),
          },
          tooltip,
        },
      },
      {
        mark: { type: 'tick', color: '#1a1a1a', thickness: 2, bandSize: 30 },
        encoding: { x: { field: 'ist', type: 'quantitative' } },
      },
      {
        mark: { type: 'text', align: 'left', dx: 6, fontSize: 11, color: '#222' },
        encoding: { x: { field: 'ende', type: 'quantitative' }, text: { field: 'beschriftung' } },
      },
    ],
  };
}

export const LEGENDE_ABWEICHUNG =
  'Grauer Balken: Budget · farbiger Balken: Hochrechnung (Ist bis Stichtag + Prognose) · Strich: Ist bis Stichtag · Zahl: Budget − Hochrechnung';

/** Chart 1: budget against Hochrechnung per Topf and in total, coloured by status. */
export function abweichungSpec(zeilen: readonly AbweichungWert[], k: Kontext): Spezifikation {
  return rahmen(`Abweichung zum Quartalsende – ${ort(k)}`, [zeitpunkt(k), LEGENDE_ABWEICHUNG], {
    data: { values: abweichungWerte(zeilen) },
    ...abweichungEbenen(560),
  });
}
