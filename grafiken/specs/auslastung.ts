import { MONATE, STUNDEN, TOPF_FARBE, zahl } from '../stil.ts';
import { deutscheZahl } from '../../format/index.ts';
import { ort, rahmen, zeitpunkt, type Dezimal, type Kontext, type Spezifikation } from './rahmen.ts';

/** What the team chart needs of a row: one month's hours and capacity, the share up to the quarter end. */
export type AuslastungWert = {
  monat: number;
  stunden: Dezimal;
  kapazitaet: Dezimal | null;
  auslastung_prozent: Dezimal | null;
};

/** Chart 5: hours of the Sozialraumteam per month against its monthly capacity. */
export function auslastungSpec(zeilen: readonly AuslastungWert[], k: Kontext): Spezifikation {
  const werte = zeilen.map((z) => ({
    monat: MONATE[z.monat - 1],
    nr: zahl(z.monat),
    stunden: zahl(z.stunden),
    kapazitaet: zahl(z.kapazitaet),
  }));
  const prozent = zeilen[0]?.auslastung_prozent;
  return rahmen(
    `Auslastung des Sozialraumteams – ${ort(k)}`,
    [
      `Geleistete Stunden je Monat gegen die Kapazität (ein Zwölftel der Jahreskapazität) · ${zeitpunkt(k)}`,
      `Rote Linie: Kapazität je Monat · Auslastung Januar bis Quartalsende: ${prozent === null || prozent === undefined ? '–' : deutscheZahl(prozent)} %`,
    ],
    {
      data: { values: werte },
      width: 520,
      height: 280,
      encoding: {
        x: { field: 'monat', type: 'ordinal', title: null, sort: { field: 'nr', op: 'min' }, axis: { labelAngle: 0 } },
      },
      layer: [
        {
          mark: { type: 'bar', color: TOPF_FARBE.personalisiert, width: { band: 0.6 } },
          encoding: {
            y: { field: 'stunden', type: 'quantitative', title: 'Stunden', axis: { format: STUNDEN } },
            tooltip: [
              { field: 'monat', title: 'Monat' },
              { field: 'stunden', title: 'Stunden', format: ',.2f' },
              { field: 'kapazitaet', title: 'Kapazität', format: ',.2f' },
            ],
          },
        },
        {
          mark: { type: 'line', color: '#c0392b', strokeDash: [6, 4], strokeWidth: 2, interpolate: 'step-after' },
          encoding: { y: { field: 'kapazitaet', type: 'quantitative' } },
        },
      ],
    },
  );
}
