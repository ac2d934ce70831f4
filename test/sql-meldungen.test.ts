// What an analyst reads when a query is wrong: German, naming what is wrong and where, never the engine's
// English class names or its hints at tables outside the released views.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adhocAbfrage, ALLES, sperreFuerAdhoc, WarehouseFehler, type Warehouse } from '../warehouse/index.ts';
import { neuesWarehouse } from './helfer.ts';

let t: Awaited<ReturnType<typeof neuesWarehouse>>;
let leser: Warehouse;

beforeAll(async () => {
  t = await neuesWarehouse();
  leser = await t.wh.weitere();
  await sperreFuerAdhoc(leser);
});
afterAll(() => {
  leser.schliessen();
  t.weg();
});

async function meldung(sql: string): Promise<string> {
  try {
    await adhocAbfrage(leser, sql, ALLES, {});
  } catch (e) {
    expect(e).toBeInstanceOf(WarehouseFehler);
    return (e as Error).message;
  }
  throw new Error(`angenommen: ${sql}`);
}

describe('Fehlermeldungen der Ad-hoc-Abfragen', () => {
  it.each([
    ['SELEC 1', 'Syntaxfehler bei „SELEC“. (Zeile 1, Spalte 1: SELEC 1)'],
    ['SELECT * FROM finanzvolumen WHERE jahr =', 'Syntaxfehler: die Abfrage hört mittendrin auf.'],
    [
      'SELECT nichtda FROM finanzvolumen',
      'Die Spalte „nichtda“ gibt es in den genannten Sichten nicht. Ähnlich heißen: „fachleistungsstunde“',
    ],
    [
      'SELECT sozialraum, sum(jahr) FROM finanzvolumen',
      'Die Spalte „sozialraum“ muss im GROUP BY stehen oder in einer Aggregatfunktion',
    ],
    [
      'SELECT jahr FROM finanzvolumen, abweichung',
      'Die Spalte „jahr“ ist mehrdeutig: bitte mit der Sicht davor nennen (finanzvolumen.jahr oder abweichung.jahr)',
    ],
    ["SELECT 'abc'::INTEGER", '„abc“ ist keine ganze Zahl: der Wert lässt sich nicht umwandeln. (Zeile 1, Spalte 13'],
    [
      "SELECT sum('a')",
      'Die Funktion sum passt nicht zu diesen Argumenten (VARCHAR). Möglich: sum(DECIMAL) -> DECIMAL',
    ],
    ['SELECT * FROM benutzer', '„benutzer“ ist für Ad-hoc-Abfragen nicht freigegeben. Erlaubt: finanzvolumen'],
  ])('%s', async (sql, erwartet) => {
    const text = await meldung(sql);
    expect(text).toContain(erwartet);
    expect(text).not.toMatch(/Error:|Did you mean|LINE \d|Candidate/);
  });

  it('sagt bei beliebigem Unsinn auf Deutsch, was nicht geht, ohne englische Fehlerklassen oder Tabellenhinweise', async () => {
    const bausteine = fc.constantFrom(
      'SELECT',
      'FROM',
      'WHERE',
      'GROUP BY',
      'finanzvolumen',
      'abweichung',
      'benutzer',
      'jahr',
      '(',
      ')',
      ',',
      '*',
      "'x'",
      '1',
      '::DATE',
      '+',
      'sum(',
      'JOIN',
      'ON',
      '=',
      'nichtda',
      ';',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(bausteine, { minLength: 1, maxLength: 8 }), async (teile) => {
        const sql = teile.join(' ');
        let text: string;
        try {
          await adhocAbfrage(leser, sql, ALLES, {});
          return;
        } catch (e) {
          expect(e, sql).toBeInstanceOf(WarehouseFehler);
          text = (e as Error).message;
        }
        expect(text, sql).toMatch(
          /^(Die Abfrage ist fehlerhaft|Nur lesende|Genau eine|„|Die Funktion|Dateizugriffe|Die Abfrage liest|Parameter|Für \$)/,
        );
        expect(text, sql).not.toMatch(/Did you mean|warehouse\.|Catalog Error|Binder Error|Parser Error/);
      }),
      { numRuns: 150, seed: 14 },
    );
  });
});
