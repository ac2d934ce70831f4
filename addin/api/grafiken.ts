import type { Verbindung } from './index.ts';

export type Grafikname = 'abweichung' | 'verlauf' | 'hilfearten' | 'praevention' | 'auslastung' | 'sozialraeume' | 'trend';

/**
 * A chart of GET /api/v1/grafiken/{name}.svg|.png (the charts issue). That route is not part of ApiTyp
 * on this branch yet, so its address is built from the agreed contract; once it is, this becomes a
 * call of the typed client like every other.
 */
export async function holeGrafik(v: Verbindung, name: Grafikname, endung: 'svg' | 'png', abfrage: Record<string, string>): Promise<Response> {
  const url = new URL(`/api/v1/grafiken/${name}.${endung}`, v.server);
  for (const [k, w] of Object.entries(abfrage)) url.searchParams.set(k, w);
  return await fetch(url, { headers: { authorization: `Bearer ${v.token}` } });
}
