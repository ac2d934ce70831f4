import { SEGMENT_FARBE, STUNDEN, zahl } from '../stil.ts';
import { ort, rahmen, zeitpunkt, type Dezimal, type Kontext, type Spezifikation } from './rahmen.ts';

/** What the Hilfearten chart needs of a row: the hours of a Hilfeart ('ohne': prevention) and segment in one year. */
export type HilfeartenWert = {
  jahr: number;
  hilfeart: string;
  hilfeart_name: string;
  segment: string;
  segment_name: string;
  stunden: Dezimal;
};

const SEGMENTE = ['fallspezifisch', 'fallbezogen', 'fallunspezifisch'];

/** Chart 3: hours by Hilfeart and segment from January to the quarter end, this year against last year. */
export function hilfeartenSpec(zeilen: readonly HilfeartenWert[], k: Kontext): Spezifikation {
  const namen = new Map(zeilen.map((z) => [z.segment, z.segment_name]));
  const werte = zeilen.map((z) => ({
    hilfeart: z.hilfeart === 'ohne' ? z.hilfeart_name : `${z.hilfeart} ${z.hilfeart_name}`,
    code: z.hilfeart,
    jahr: String(z.jahr),
    segment: `${z.segment}`,
    stunden: zahl(z.stunden),
  }));
  const monat = 3 * k.quartal;
  return rahmen(
    `Hilfearten – ${ort(k)}`,
    [
      `Stunden je Hilfeart und Segment, Januar bis ${['März', 'Juni', 'September', 'Dezember'][k.quartal - 1]} ${k.jahr} gegen ${k.jahr - 1} · ${zeitpunkt(k)}`,
      `Oberer Balken je Hilfeart: ${k.jahr - 1} (blass) · unterer: ${k.jahr}`,
    ],
    {
      data: { values: werte },
      width: 560,
      height: { step: 14 },
      mark: { type: 'bar' },
      encoding: {
        y: { field: 'hilfeart', type: 'nominal', title: null, sort: { field: 'code' }, axis: { labelLimit: 320 } },
        yOffset: { field: 'jahr', type: 'nominal', sort: 'ascending' },
        x: {
          aggregate: 'sum',
          field: 'stunden',
          type: 'quantitative',
          title: `Stunden (Monate 1–${monat})`,
          axis: { format: STUNDEN },
        },
        color: {
          field: 'segment',
          type: 'nominal',
          title: 'Segment',
          scale: { domain: SEGMENTE, range: SEGMENTE.map((s) => SEGMENT_FARBE[s]!) },
          legend: {
            labelExpr: `${JSON.stringify(Object.fromEntries(SEGMENTE.map((s) => [s, namen.get(s) ?? s])))}[datum.label]`,
            labelLimit: 260,
          },
        },
        opacity: {
          field: 'jahr',
          type: 'ordinal',
          title: 'Jahr',
          scale: { domain: [String(k.jahr - 1), String(k.jahr)], range: [0.45, 1] },
        },
        tooltip: [
          { field: 'hilfeart', title: 'Hilfeart' },
          { field: 'segment', title: 'Segment' },
          { field: 'jahr', title: 'Jahr' },
          { aggregate: 'sum', field: 'stunden', title: 'Stunden', format: ',.2f' },
        ],
      },
    },
  );
}
