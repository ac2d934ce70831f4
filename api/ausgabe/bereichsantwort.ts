import type { Context } from 'hono';
import { abhaengigkeitenDerKennzahl, kennzahl, type Kennzahlname } from '../../warehouse/index.ts';
import type { Dienste } from '../dienste.ts';
import type { ApiUmgebung } from '../kontext.ts';
import { bereich, type Sicht } from '../zugang/bereich.ts';
import { Antwortspeicher } from './speicher.ts';
import { tabellenInhalt } from './tabelle.ts';

/**
 * Answers a named query of warehouse/abfragen within the caller's scope of `sicht`, as JSON, CSV or
 * Arrow, kept until the warehouse changes. The rows are the figure's schema (the warehouse parsed them);
 * the route declares the same schema as its JSON, so the typed client knows them; CSV and Arrow are the
 * same rows. The answer is a plain Response: a route that may answer 304 without a body may return one.
 * `vorab` is the route middleware that sends a known answer before the query is validated.
 */
export function bereichsantwort(d: Dienste) {
  const speicher = new Antwortspeicher(d);
  const antworte = async (
    c: Context<ApiUmgebung>,
    sicht: Sicht,
    name: Kennzahlname,
    parameter: Record<string, string | number | null>,
    ersetzungen?: Record<string, string>,
  ): Promise<Response> => {
    const filter = bereich(c.get('benutzer'), sicht);
    return await speicher.antworte(
      c,
      async () => tabellenInhalt(await kennzahl(d.leser, name, parameter, filter, ersetzungen), c.req.header('accept')),
      await abhaengigkeitenDerKennzahl(d.leser, name, filter, ersetzungen),
    );
  };
  return Object.assign(antworte, { vorab: speicher.vorab });
}
