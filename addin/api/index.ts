// The add-in's only way to the API: the typed client of the API's own routes (hono/client).
import { hc, type InferResponseType } from 'hono/client';
import type { ApiTyp } from '../../api/index.ts';

export type Client = ReturnType<typeof hc<ApiTyp>>;
/** A forecast sheet's figures as the API declares them (the warehouse's schema `prognoseblatt`). */
export type Prognosedaten = InferResponseType<Client['api']['v1']['prognosen']['blatt']['$get'], 200>;
export { ereignisstrom, type Ereignisstrom } from './ereignisse.ts';

export interface Verbindung {
  server: string;
  token: string;
}

export function client(v: Verbindung): Client {
  return hc<ApiTyp>(v.server, { headers: { authorization: `Bearer ${v.token}` } });
}

export function anmeldeClient(server: string): Client {
  return hc<ApiTyp>(server);
}

/** The API's German error message, or the status when the body is none of ours. */
export async function fehlertext(r: Pick<Response, 'status' | 'statusText' | 'clone'>): Promise<string> {
  try {
    const j = (await r.clone().json()) as { fehler?: { meldung?: string } };
    if (j.fehler?.meldung) return j.fehler.meldung;
  } catch {
    /* no JSON body */
  }
  return `HTTP ${r.status} ${r.statusText}`;
}
