import { SEGMENT_FARBE } from '../stil.ts';
import { istVerdeckt } from '../../format/index.ts';
import { rahmen, zeitpunkt, type Kontext, type Spezifikation, type Zeile } from './rahmen.ts';

const SEGMENTE = ['fallspezifisch', 'fallbezogen', 'fallunspezifisch'] as const;
const NAME: Record<string, string> = {
  fallspezifisch: 'fallspezifisch',
  fallbezogen: 'fallbezogen',
  fallunspezifisch: 'fallunspezifisch (Prävention, Netzwerk)',
};

/**
 * County: the segment mix of the hours per Sozialraum from January to the quarter end (docs/regeln.md §8,
 * Segmentanteile), the county below them. Shares of view fachcontrolling's rows 'gesamt', in percent.
 */
export function segmenteSpec(zeilen: readonly Zeile[], k: Kontext, namen: ReadonlyMap<string, string>): Spezifikation {
  const reihen = zeilen.filter((z) => z.hilfeart === 'gesamt');
  const werte = reihen.flatMap((z) =>
    SEGMENTE.map((s, i) => {
      const w = z[`anteil_${s}`];
      return {
        sozialraum: z.sozialraum === 'gesamt' ? 'Landkreis' : (namen.get(String(z.sozialraum)) ?? String(z.sozialraum)),
        reihenfolge: z.sozialraum === 'gesamt' ? 1 : 0,
        segment: NAME[s],
        ordnung: i,
        anteil: istVerdeckt(w) || w === null ? null : Number(w),
        text: istVerdeckt(w) ? String(w) : `${String(w ?? '–').replace('.', ',')} %`,
      };
    }),
  );
  return rahmen(
    'Segmentanteile der Stunden – die Sozialräume im Vergleich',
    [`Anteil der Stunden je Segment, Januar bis Stichtag ${k.jahr} · ${zeitpunkt(k)}`],
    {
      data: { values: werte },
      width: 520,
      height: { step: 30 },
      encoding: { y: { field: 'sozialraum', type: 'nominal', title: null, sort: { field: 'reihenfolge', op: 'min' } } },
      layer: [
        {
          mark: { type: 'bar' },
          encoding: {
            x: {
              field: 'anteil',
              type: 'quantitative',
              stack: 'zero',
              title: 'Anteil der Stunden (%)',
              scale: { domain: [0, 100] },
            },
            order: { field: 'ordnung' },
            color: {
              field: 'segment',
              type: 'nominal',
              title: 'Segment',
              legend: { labelLimit: 320 },
              scale: { domain: SEGMENTE.map((s) => NAME[s]), range: SEGMENTE.map((s) => SEGMENT_FARBE[s]!) },
            },
            tooltip: [
              { field: 'sozialraum', title: 'Sozialraum' },
              { field: 'segment', title: 'Segment' },
              { field: 'text', title: 'Anteil' },
            ],
          },
        },
        {
          mark: { type: 'text', color: 'white', fontSize: 10, dx: -4, align: 'right' },
          encoding: {
            x: { field: 'anteil', type: 'quantitative', stack: 'zero', bandPosition: 1 },
            order: { field: 'ordnung' },
            detail: { field: 'segment' },
            text: { field: 'text' },
          },
        },
      ],
    },
  );
}
