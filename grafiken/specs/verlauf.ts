import { EURO, farbskala, MONATE, TOEPFE, TOPF_FARBE, TOPF_NAME, euroText, zahl } from '../stil.ts';
import { ort, rahmen, zeitpunkt, type Dezimal, type Kontext, type Spezifikation } from './rahmen.ts';

/** What the Verlauf chart needs of a row: one point of a Topf's series at the end of a month (0: 1 January). */
export type VerlaufWert = {
  topf: string;
  topf_name: string;
  reihe: string;
  monat: number;
  betrag: Dezimal | null;
  phasierung: string;
};

const REIHEN = ['Ist', 'Prognose', 'Budget anteilig'];

/** Chart 2: cumulative use per Topf against the phased budget, forecast months dashed, quarter ends marked. */
export function verlaufSpec(zeilen: readonly VerlaufWert[], k: Kontext): Spezifikation {
  const werte = zeilen.map((z) => ({
    topf: TOPF_NAME[z.topf] ?? z.topf_name,
    reihe: z.reihe,
    monat: zahl(z.monat),
    betrag: zahl(z.betrag),
    betragText: euroText(z.betrag),
  }));
  // Which phasing the dotted line follows (docs/regeln.md §5): linear, or the stored profile of a pot.
  const profil = [
    ...new Set(zeilen.filter((z) => z.phasierung === 'profil').map((z) => TOPF_NAME[z.topf] ?? z.topf_name)),
  ];
  const phasierung =
    profil.length === 0 ? '1/12 je Monat' : `Phasierungsprofil: ${profil.join(', ')}; sonst 1/12 je Monat`;
  const quartalsenden = [3, 6, 9, 12].map((m) => ({ monat: m, text: `Q${m / 3}`, gewaehlt: m === 3 * k.quartal }));
  const x = {
    field: 'monat',
    type: 'quantitative',
    title: null,
    scale: { domain: [0, 12] },
    axis: {
      values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      labelExpr: `${JSON.stringify(MONATE)}[datum.value - 1]`,
      grid: false,
    },
  } as const;
  return rahmen(
    `Verlauf ${k.jahr} – ${ort(k)}`,
    [
      `Kumulierter Verbrauch je Topf gegen das anteilige Budget · ${zeitpunkt(k)}`,
      `Durchgezogen: Ist · gestrichelt: Prognose bis Jahresende · gepunktet: Budget anteilig (${phasierung})`,
    ],
    {
      width: 620,
      height: 340,
      layer: [
        {
          data: { values: quartalsenden },
          mark: { type: 'rule', color: '#bbbbbb' },
          encoding: {
            x: { field: 'monat', type: 'quantitative' },
            strokeWidth: { condition: { test: 'datum.gewaehlt', value: 2 }, value: 1 },
            strokeDash: { condition: { test: 'datum.gewaehlt', value: [1, 0] }, value: [3, 3] },
          },
        },
        {
          data: { values: quartalsenden },
          mark: { type: 'text', baseline: 'top', dy: -14, fontSize: 11, color: '#666', y: 0 },
          encoding: { x: { field: 'monat', type: 'quantitative' }, text: { field: 'text' } },
        },
        {
          data: { values: werte },
          mark: { type: 'line', point: false },
          encoding: {
            x,
            y: { field: 'betrag', type: 'quantitative', title: 'EUR (kumuliert)', axis: { format: EURO } },
            color: {
              field: 'topf',
              type: 'nominal',
              title: 'Topf',
              scale: farbskala(TOPF_FARBE, TOEPFE.slice(0, 3), TOPF_NAME),
            },
            strokeDash: {
              field: 'reihe',
              type: 'ordinal',
              sort: REIHEN,
              title: 'Reihe',
              scale: {
                domain: REIHEN,
                range: [
                  [1, 0],
                  [7, 4],
                  [2, 3],
                ],
              },
            },
            strokeWidth: {
              field: 'reihe',
              type: 'ordinal',
              sort: REIHEN,
              legend: null,
              scale: { domain: REIHEN, range: [2.5, 2.5, 1.5] },
            },
            detail: { field: 'reihe' },
            tooltip: [
              { field: 'topf', title: 'Topf' },
              { field: 'reihe', title: 'Reihe' },
              { field: 'monat', title: 'Monat' },
              { field: 'betragText', title: 'kumuliert' },
            ],
          },
        },
      ],
    },
  );
}
