import type { Client, Prognosedaten } from '../api/index.ts';
import { schreibePrognoseblaetter, schreibeTabellen, type Aenderung, type Blattinhalt } from '../excel/index.ts';
import { gewaehlt, json, nurEiner } from './abruf.ts';
import { standText, type Auswahl, type Sozialraum } from './auswahl.ts';
import { BLAETTER } from './blaetter.ts';
import { ABWEICHUNGSDIAGRAMM } from './diagramm.ts';
import { holeJahresabrechnung, holeUmschichtungen } from './jahresende.ts';

export async function holeAbweichung(c: Client, a: Auswahl): Promise<Blattinhalt> {
  const r = await json(
    c.api.v1.abweichung.$get({ query: { jahr: String(a.jahr), quartal: String(a.quartal), ...nurEiner(a) } }),
  );
  // With the native chart's binding: wherever this table is written (pull, Alle aktualisieren, after a
  // write back), the chart, if it is on the sheet, follows the new rows.
  return {
    ...BLAETTER.abweichung,
    titel: `Abweichung zum Quartalsende ${a.quartal}/${a.jahr}`,
    zeilen: gewaehlt(a, r.zeilen),
    diagramm: ABWEICHUNGSDIAGRAMM,
  };
}

export async function holePrognosen(c: Client, a: Auswahl): Promise<Prognosedaten[]> {
  return await Promise.all(
    a.sozialraeume.map((s) =>
      json(c.api.v1.prognosen.blatt.$get({ query: { jahr: String(a.jahr), sozialraum: s as Sozialraum } })),
    ),
  );
}

/** Everything of a pull, fetched in parallel; `jetzt` decides which finished year is settled. */
export async function holeDaten(
  c: Client,
  a: Auswahl,
  jetzt = new Date(),
): Promise<{ inhalte: Blattinhalt[]; prognosen: Prognosedaten[] }> {
  const jahr = String(a.jahr);
  const [fv, vb, ab, ka, bf, fc, abrechnung, umschichtungen, prognosen] = await Promise.all([
    json(c.api.v1.finanzvolumen.$get({ query: { jahr } })),
    json(c.api.v1.verbrauch.$get({ query: { jahr, bis: '12', gruppe: 'sozialraum,monat,topf', ...nurEiner(a) } })),
    holeAbweichung(c, a),
    json(c.api.v1.kontrakte.abgleich.$get()),
    json(c.api.v1.befunde.$get({ query: { jahr } })),
    json(c.api.v1.fachcontrolling.$get({ query: { jahr, quartal: String(a.quartal), ...nurEiner(a) } })),
    holeJahresabrechnung(c, a, jetzt),
    holeUmschichtungen(c, a),
    holePrognosen(c, a),
  ]);
  return {
    inhalte: [
      { ...BLAETTER.finanzvolumen, titel: `Finanzvolumen ${a.jahr}`, zeilen: gewaehlt(a, fv.zeilen) },
      { ...BLAETTER.verbrauch, titel: `Verbrauch ${a.jahr} nach Monat und Topf`, zeilen: gewaehlt(a, vb.zeilen) },
      ab,
      { ...BLAETTER.kontraktabgleich, titel: 'Kontraktabgleich Jugendamt – Träger', zeilen: gewaehlt(a, ka.zeilen) },
      { ...BLAETTER.befunde, titel: `Offene Punkte ${a.jahr}: was zu tun ist`, zeilen: gewaehlt(a, bf.zeilen) },
      {
        ...BLAETTER.fachcontrolling,
        titel: `Fachcontrolling ${a.quartal}/${a.jahr}: Fälle, Hilfen und Wirkung je Sozialraum und Hilfeart`,
        zeilen: [
          ...gewaehlt(
            a,
            fc.zeilen.filter((z) => z.sozialraum !== 'gesamt'),
          ),
          ...fc.zeilen.filter((z) => z.sozialraum === 'gesamt'),
        ],
        hinweis: fc.hinweis,
      },
      ...abrechnung,
      ...umschichtungen,
    ],
    prognosen,
  };
}

/** Zahlen holen: the tables (eight sheets, all in one write) and one forecast sheet per Sozialraum. */
export async function zahlenHolen(c: Client, a: Auswahl, jetzt = new Date()): Promise<Aenderung[]> {
  const { inhalte, prognosen } = await holeDaten(c, a, jetzt);
  const aenderungen = await schreibeTabellen(inhalte, standText(jetzt, a));
  await schreibePrognoseblaetter(prognosen);
  return aenderungen;
}
