// The answer store's recomputation before a change is announced (api/ausgabe/speicher.ts `erneuere`,
// api/dienste.ts `geaendert`), with two writers at once: from the attack review, where the first writer's
// older answers overwrote the second's under the state that confirmed the second write.
import { OpenAPIHono } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { Antwortspeicher } from '../api/ausgabe/speicher.ts';
import { Dienste } from '../api/dienste.ts';
import type { ApiUmgebung } from '../api/kontext.ts';

/** A promise with its resolve outside, to hold a recomputation at a chosen point. */
function offen(): { p: Promise<void>; los(): void } {
  let los!: () => void;
  const p = new Promise<void>((r) => (los = r));
  return { p, los };
}

describe('Antwortspeicher: zwei Schreibvorgänge zugleich', () => {
  it('nach dem 201 des zweiten Schreibers zeigt keine Antwort einen Stand ohne dessen Schreibvorgang', async () => {
    // The store needs of Dienste only the change counts, the start and the list of stores.
    const d = new Dienste(undefined as never, [], 'x');
    const speicher = new Antwortspeicher(d);
    let daten = 0; // the "table": every committed write adds one
    const gehalten: Array<ReturnType<typeof offen>> = [];
    let halten = false;
    const app = new OpenAPIHono<ApiUmgebung>();
    app.use(async (c, next) => {
      c.set('benutzer', { name: 'u', rolle: 'jugendamt_controller', sozialraeume: [] } as never);
      await next();
    });
    app.get('/x/:k', (c) =>
      speicher.antworte(c, async () => {
        const gelesen = daten; // the query reads the committed state when it starts
        if (halten) {
          const halt = offen();
          gehalten.push(halt);
          await halt.p;
        }
        return { body: String(gelesen), typ: 'text/plain' };
      }, ['prognose']),
    );
    const lies = async (k: string) => (await app.request(`http://h/x/${k}`)).text();
    expect([await lies('a'), await lies('b')]).toEqual(['0', '0']);

    // Writer A commits and recomputes; its first recomputation is held after reading state 1.
    daten++;
    halten = true;
    const reihenfolge: string[] = [];
    const a = d.geaendert('prognose', {}).then(() => reihenfolge.push('A'));
    await new Promise((r) => setTimeout(r, 5));
    expect(gehalten).toHaveLength(1);
    // Writer B commits meanwhile and announces.
    halten = false;
    daten++;
    const b = d.geaendert('prognose', {}).then(() => reihenfolge.push('B'));
    // A's held query finishes with the state before B's commit.
    gehalten[0]!.los();
    await b; // B's 201 follows this
    expect(reihenfolge).toEqual(['A', 'B']);
    // A reader after B's 201: B's write is committed and confirmed.
    expect([await lies('a'), await lies('b')]).toEqual(['2', '2']);
    await a;
  });
});
