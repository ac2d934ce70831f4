// One declaration per row type (issue 14): each named figure's zod schema beside its .sql file must name
// exactly the query's columns, in their order (the JSON keeps the order of the schema). A column added to a
// view, or renamed, without its schema fails here, not in a controller's workbook.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  fachcontrolling,
  geschuetzteFachcontrollingZeile,
  herkunftDatei,
  herkunftZeile,
  kennzahl,
  kontraktZeile,
  KENNZAHLZEILEN,
  monateZeile,
  nachSchema,
  prognoseversion,
  prognosewert,
  VERBRAUCH_GRUPPEN,
  type Kennzahlname,
  type Warehouse,
} from '../warehouse/index.ts';
import { lageZeile } from '../warehouse/umschichtung/lage.ts';
import { neuesWarehouse } from './helfer.ts';

let t: Awaited<ReturnType<typeof neuesWarehouse>>;
let wh: Warehouse;
beforeAll(async () => {
  t = await neuesWarehouse({ demo: true });
  wh = t.wh;
}, 120_000);
afterAll(() => t?.weg());

/** The keys a schema declares, in order. */
function schluessel(schema: z.ZodType): string[] {
  if (!(schema instanceof z.ZodObject)) throw new Error('Zeilenschema ist kein z.object');
  return Object.keys(schema.shape);
}

// Parameters for each named figure: every figure has an entry, so a new .sql with a schema is checked too.
const AUFRUFE: Record<
  Kennzahlname,
  { parameter: Record<string, string | number | null>; ersetzungen?: Record<string, string> }
> = {
  abrechnung_grundlage: { parameter: { jahr: 2025 } },
  abweichung: { parameter: { jahr: 2026, quartal: 3, sozialraum: null } },
  befunde: { parameter: { jahr: 2026 } },
  fachcontrolling: { parameter: { jahr: 2026, quartal: 3, sozialraum: null } },
  finanzvolumen: { parameter: { jahr: 2026 } },
  ist_genau: { parameter: { jahr: 2026 } },
  jahresabrechnung: { parameter: { jahr: 2025 } },
  jahresabrechnung_befund: { parameter: { jahr: 2025 } },
  kontrakt_abgleich: { parameter: {} },
  personal_pruefung: { parameter: { jahr: null } },
  umschichtung_vorschlag: { parameter: { jahr: 2026 } },
  umschichtungen: { parameter: { jahr: null } },
  // every dimension: each optional column of the schema is there
  verbrauch: {
    parameter: { jahr: 2026, bis: 12, sozialraum: null },
    ersetzungen: { gruppe: VERBRAUCH_GRUPPEN.join(', ') },
  },
};

describe('Zeilenschemas der Kennzahlen', () => {
  it.each(Object.keys(KENNZAHLZEILEN) as Kennzahlname[])(
    '%s: Spalten der Abfrage = Schlüssel des Schemas, Zeilen passen',
    async (name) => {
      const a = AUFRUFE[name];
      const tabelle = await kennzahl(wh, name, a.parameter, 'true', a.ersetzungen);
      expect(tabelle.spalten, `warehouse/abfragen/${name}.sql gegen ${name}.ts`).toEqual(
        schluessel(KENNZAHLZEILEN[name]),
      );
    },
  );

  it('verbrauch mit wenigen Dimensionen: die übrigen Spalten fehlen, die Zeilen passen', async () => {
    const t2 = await kennzahl(wh, 'verbrauch', { jahr: 2026, bis: 12, sozialraum: null }, 'true', {
      gruppe: 'monat, topf',
    });
    expect(t2.spalten).toEqual(['monat', 'topf', 'stunden', 'betrag']);
    expect(t2.zeilen.length).toBeGreaterThan(0);
    expect(Object.keys(t2.zeilen[0]!)).toEqual(t2.spalten);
  });

  it('Fachcontrolling geschützt: die Zeilen sind die des Schemas mit unterdrueckt', async () => {
    const f = await fachcontrolling(wh, { jahr: 2026, quartal: 3, sozialraum: null }, 'true', false);
    expect(f.spalten).toEqual(schluessel(geschuetzteFachcontrollingZeile));
    for (const z of f.zeilen) expect(Object.keys(z)).toEqual(f.spalten);
  });

  /** A query of a module, its checked `{{…}}` parts as `true` (all rows, every one shown). */
  const abfrage = (datei: string) =>
    readFileSync(new URL(`../warehouse/${datei}.sql`, import.meta.url), 'utf8').replaceAll(/\{\{\w+\}\}/g, 'true');
  const spalten = async (datei: string, parameter: Record<string, string | number | boolean>) =>
    (await wh.verbindung.runAndReadAll(abfrage(datei), parameter)).columnNames();

  it('Prognose und Umschichtung: die Abfragen ihrer Module haben die Spalten ihrer Schemas', async () => {
    expect(await spalten('prognose/versionen', { jahr: 2026, sozialraum: 'konz' })).toEqual(
      schluessel(prognoseversion),
    );
    expect(await spalten('prognose/werte', { version: 1 })).toEqual(schluessel(prognosewert));
    expect(await spalten('prognose/monate', { jahr: 2026, sozialraum: 'konz', bis: 9 })).toEqual(
      schluessel(monateZeile),
    );
    expect(
      await spalten('umschichtung/lage', {
        jahr: 2026,
        sozialraum: 'konz',
        topf: 'asd',
        betrag: '1.00',
        beschlussdatum: '2026-01-01',
      }),
    ).toEqual(schluessel(lageZeile));
  });

  it('Herkunft: die Abfragen haben die Spalten ihrer Schemas; eine Kontraktzeile trägt ihre Ladung als Zeile von dateien.sql', async () => {
    expect(await spalten('herkunft/zeilen', { grenze: 1, ab: 0 })).toEqual(schluessel(herkunftZeile));
    expect(await spalten('herkunft/dateien', {})).toEqual(schluessel(herkunftDatei));
    const fach = { jahr: 2026, quartal: 3, sozialraum: 'gesamt', hilfeart: 'gesamt', je_fall: true };
    expect(await spalten('herkunft/fachcontrolling', fach)).toEqual([
      ...schluessel(kontraktZeile),
      'einzeln',
      'ladung',
    ]);
    const t = await wh.verbindung.runAndReadAll(
      `SELECT ladung FROM (${abfrage('herkunft/fachcontrolling')}) LIMIT 1`,
      fach,
    );
    const [zeile] = t.getRowObjectsJson();
    expect(Object.keys(Object(zeile?.ladung))).toEqual(schluessel(herkunftDatei));
  });

  it('eine Zeile, die nicht zum Schema passt, ist ein Fehler mit Namen und Spalte', () => {
    expect(() =>
      nachSchema(
        KENNZAHLZEILEN.umschichtung_vorschlag,
        [{ jahr: 2026, quartal: 3, sozialraum: 'konz', budget: 1, hochrechnung: '1', reserve: '1', vorschlag: '1' }],
        'umschichtung_vorschlag',
      ),
    ).toThrow(/umschichtung_vorschlag.*budget/s);
  });
});
