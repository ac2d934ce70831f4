// The quarterly chart pack for the steering bodies: every chart of every Sozialraum and of the county
// as SVG, PNG (2×), Vega-Lite spec with data and CSV, and an index.html that shows the pack and prints.
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { entstehungsordner, raeumeAbgebrocheneAuf } from './entstehung.ts';
import { fuelleVorlage } from '../vorlage.ts';
import { join } from 'node:path';
import { datum, html } from '../../format/index.ts';
import {
  faelleSpec,
  segmenteSpec,
  zeichnerImProzess,
  type Spezifikation,
  type Zeichner,
} from '../../grafiken/index.ts';
import {
  alsCsv,
  fachcontrolling,
  grafikdaten,
  stichtagText,
  WarehouseFehler,
  type Quartal,
  type Tabelle,
  type Warehouse,
  type Zeile,
} from '../../warehouse/index.ts';
import { GRAFIKEN, grafikKontext, type Grafik, type Grafikdaten } from '../grafiken/index.ts';
import { abbildung, offenePunkte, uebersicht, wirkungskontrolle, type Bild } from './seite.ts';

export interface Paket {
  ordner: string;
  quartal: Quartal;
  sozialraeume: string[];
  dateien: string[];
}

// What a pack writes: CHART files per Sozialraum or for the county, and its page.
const PAKETDATEI = /^([a-z]+_[a-z]+\.(svg|png|csv|vl\.json)|index\.html)$/;

export const quartalText = (q: Quartal) => `${q.jahr}-Q${q.quartal}`;

/**
 * Writes the pack of a quarter into `ordner` (created if missing). The files are made in a hidden
 * folder beside them and moved in at the end, so that a failed run leaves the last good pack whole.
 * Refuses a quarter without figures (not ended, no budget or no bookings) with WarehouseFehler keine_daten.
 * The server passes a `zeichner` in a child process, so that rendering does not stall its requests.
 */
export async function schreibeQuartalspaket(
  wh: Warehouse,
  q: Quartal,
  ordner: string,
  heute = new Date(),
  zeichner: Zeichner = zeichnerImProzess,
): Promise<Paket> {
  const sozialraeume = await grafikdaten.paketSozialraeume(wh, q);
  if (sozialraeume.length === 0) {
    throw new WarehouseFehler(
      'keine_daten',
      `Für das ${q.quartal}. Quartal ${q.jahr} gibt es keine Zahlen: das Quartal ist noch nicht zu Ende, ` +
        'für das Jahr ist kein Budget geladen oder es gibt keine Buchungen bis zum Stichtag. Ein beendetes Quartal wählen (--quarter latest nimmt das letzte).',
    );
  }
  mkdirSync(ordner, { recursive: true });
  raeumeAbgebrocheneAuf(ordner);
  const entstehung = entstehungsordner(ordner);
  mkdirSync(entstehung);
  try {
    const zeichne = async (
      spec: Spezifikation,
      titel: string,
      name: string,
      zeilen: Zeile[],
      spalten: Tabelle,
    ): Promise<Bild> => {
      const { svg, png } = await zeichner.zeichne(spec);
      writeFileSync(join(entstehung, `${name}.svg`), svg);
      writeFileSync(join(entstehung, `${name}.png`), png);
      writeFileSync(join(entstehung, `${name}.vl.json`), JSON.stringify(spec, null, 2));
      writeFileSync(join(entstehung, `${name}.csv`), '\uFEFF' + alsCsv(zeilen, spalten.spalten, spalten.zahlen));
      return { datei: name, titel, svg };
    };
    const schreibe = (g: Grafik, name: string, d: Grafikdaten, sozialraumName?: string) =>
      zeichne(d.spec(grafikKontext(q, sozialraumName)), g.titel, name, d.tabelle.zeilen, d.tabelle);
    // Fachcontrolling (docs/regeln.md §8) for the steering bodies: always under the small-number protection (§9).
    const fach = (jahr: number, quartal: number | null) =>
      fachcontrolling(wh, { jahr, quartal, sozialraum: null }, 'true', false);
    const [fachQuartal, fachVorjahr, fachJahr] = [
      await fach(q.jahr, q.quartal),
      await fach(q.jahr - 1, q.quartal),
      await fach(q.jahr, null),
    ];
    const namen = new Map(sozialraeume.map((s) => [s.sozialraum, s.name]));
    // Each chart's rows are asked once for all Sozialräume and split here: the views behind them
    // (abweichung above all) cost the same for one Sozialraum as for four.
    const daten = new Map<string, Grafikdaten>();
    for (const g of GRAFIKEN) daten.set(g.name, await g.daten(wh, q, 'true'));
    const landkreis: Bild[] = [];
    for (const g of GRAFIKEN.filter((x) => x.ebene === 'landkreis')) {
      landkreis.push(await schreibe(g, `landkreis_${g.name}`, daten.get(g.name)!));
    }
    landkreis.push(
      await zeichne(
        segmenteSpec(fachJahr.zeilen, grafikKontext(q), namen),
        'Segmentanteile der Stunden',
        'landkreis_segmente',
        fachJahr.zeilen.filter((z) => z.hilfeart === 'gesamt'),
        fachJahr,
      ),
    );
    const abschnitte = [
      `<section class="landkreis"><h2 id="landkreis">Landkreis Trier-Saarburg</h2>${uebersicht(sozialraeume)}${landkreis.map(abbildung).join('\n')}</section>`,
    ];
    for (const sr of sozialraeume) {
      const bilder: Bild[] = [];
      for (const g of GRAFIKEN.filter((x) => x.ebene === 'sozialraum')) {
        bilder.push(await schreibe(g, `${sr.sozialraum}_${g.name}`, daten.get(g.name)!.nur(sr.sozialraum), sr.name));
      }
      const faelle = [...fachVorjahr.zeilen, ...fachQuartal.zeilen].filter((z) => z.sozialraum === sr.sozialraum);
      bilder.push(
        await zeichne(
          faelleSpec(faelle, grafikKontext(q, sr.name)),
          'Fälle nach Hilfeart',
          `${sr.sozialraum}_faelle`,
          faelle,
          fachQuartal,
        ),
      );
      abschnitte.push(
        `<section class="sozialraum"><h2 id="${html(sr.sozialraum)}">Sozialraum ${html(sr.name)}</h2>${bilder.map(abbildung).join('\n')}</section>`,
      );
    }
    // The open points the warehouse knows (view befunde), counted, with what to do: a table page.
    const punkte = await grafikdaten.paketBefunde(wh, q.jahr);
    const punkteCsv = punkte.map((p) => ({
      sozialraum: p.sozialraum,
      thema: p.thema,
      regel: p.regel,
      anzahl: p.anzahl_text,
      massnahme: p.massnahme,
    }));
    writeFileSync(
      join(entstehung, 'offene_punkte.csv'),
      '\uFEFF' +
        alsCsv(punkteCsv, ['sozialraum', 'thema', 'regel', 'anzahl', 'massnahme'], [false, false, false, false, false]),
    );
    // Wirkungskontrolle: one page, the year up to the quarter end, per Sozialraum, the county and its Hilfearten.
    writeFileSync(
      join(entstehung, 'landkreis_wirkungskontrolle.csv'),
      '\uFEFF' + alsCsv(fachJahr.zeilen, fachJahr.spalten, fachJahr.zahlen),
    );
    abschnitte.push(
      `<section class="wirkung"><h2 id="wirkungskontrolle">Wirkungskontrolle ${q.jahr}</h2>${wirkungskontrolle(fachJahr.zeilen, fachJahr.hinweis, namen, stichtagText(q))}</section>`,
    );
    abschnitte.push(
      `<section class="befunde"><h2 id="offene-punkte">Offene Punkte</h2>${offenePunkte(punkte)}</section>`,
    );
    writeFileSync(join(entstehung, 'index.html'), seite(q, sozialraeume, abschnitte, heute));
    // index.html comes last: a pack counts as there (and is listed) once its page is, and the page
    // only links files that are already in place. Files of an earlier run that this one did not
    // write (a Sozialraum without figures now) go, so the folder is this run's pack.
    const neu = readdirSync(entstehung).sort((a, b) => Number(a === 'index.html') - Number(b === 'index.html'));
    for (const name of readdirSync(ordner)) {
      if (PAKETDATEI.test(name) && !neu.includes(name)) rmSync(join(ordner, name));
    }
    const dateien: string[] = [];
    for (const name of neu) {
      renameSync(join(entstehung, name), join(ordner, name));
      dateien.push(join(ordner, name));
    }
    return { ordner, quartal: q, sozialraeume: sozialraeume.map((s) => s.sozialraum), dateien };
  } finally {
    rmSync(entstehung, { recursive: true, force: true });
  }
}

function seite(
  q: Quartal,
  sozialraeume: readonly grafikdaten.PaketSozialraumZeile[],
  abschnitte: string[],
  heute: Date,
): string {
  const titel = `Quartalsbericht Sozialraumbudgets – ${q.quartal}. Quartal ${q.jahr}`;
  const inhalt = [
    `<li><a href="#landkreis">Landkreis</a></li>`,
    ...sozialraeume.map((s) => `<li><a href="#${html(s.sozialraum)}">Sozialraum ${html(s.name)}</a></li>`),
    `<li><a href="#wirkungskontrolle">Wirkungskontrolle</a></li>`,
    `<li><a href="#offene-punkte">Offene Punkte</a></li>`,
  ];
  return fuelleVorlage(import.meta.url, {
    titel: html(titel),
    stichtag: stichtagText(q),
    erstellt: datum(heute.toISOString()),
    inhalt: inhalt.join(''),
    abschnitte: abschnitte.join('\n'),
  });
}
