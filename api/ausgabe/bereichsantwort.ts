import type { Context, TypedResponse } from 'hono';
import type { z } from '@hono/zod-openapi';
import { abhaengigkeitenDerKennzahl, kennzahl } from '../../warehouse/index.ts';
import type { Dienste } from '../dienste.ts';
import type { ApiUmgebung } from '../kontext.ts';
import { bereich, type Sicht } from '../zugang/bereich.ts';
import { Antwortspeicher } from './speicher.ts';
import { tabellenInhalt } from './tabelle.ts';

/**
 * Answers a named query of warehouse/abfragen within the caller's scope of `sicht`, as JSON, CSV or
 * Arrow, kept until the warehouse changes. Typed as the JSON the route declares, so that the client
 * knows the rows; CSV and Arrow are the same rows. `vorab` is the route middleware that sends a
 * known answer before the query is validated.
 */
export function bereichsantwort(d: Dienste) {
  const speicher = new Antwortspeicher(d);
  const antworte = <Z extends z.ZodTypeAny>(
    _zeile: Z, c: Context<ApiUmgebung>, sicht: Sicht, name: string,
    parameter: Record<string, string | number | null>, ersetzungen?: Record<string, string>,
  ) => {
    const filter = bereich(c.get('benutzer'), sicht);
    const antwort = async () => speicher.antworte(
      c, async () => tabellenInhalt(await kennzahl(d.leser, name, parameter, filter, ersetzungen), c.req.header('accept')),
      await abhaengigkeitenDerKennzahl(d.leser, name, filter, ersetzungen),
    );
    return antwort() as unknown as Promise<TypedResponse<{ zeilen: z.infer<Z>[] }, 200, 'json'>>;
  };
  return Object.assign(antworte, { vorab: speicher.vorab });
}
