import type { Client } from './index.ts';

/** The live changes of the API (GET /ereignisse) as events `aenderung`; close() ends them. */
export interface Ereignisstrom extends EventTarget {
  close(): void;
}

const NEU_VERBINDEN_MS = 5_000;

/**
 * Server-sent events over fetch, with the token in the Authorization header: a browser's EventSource
 * can send no header, and the API takes a token in the address only for the chart pack pages (where
 * it would end up in histories and proxies' logs). Reconnects after a drop, as EventSource does.
 */
export function ereignisstrom(c: Client): Ereignisstrom {
  const ziel = new EventTarget() as Ereignisstrom;
  const abbruch = new AbortController();
  ziel.close = () => abbruch.abort();
  const verbinde = async (): Promise<void> => {
    const r = await c.api.v1.ereignisse.$get(undefined, { init: { signal: abbruch.signal } });
    if (!r.ok || !r.body) return;
    const leser = r.body.pipeThrough(new TextDecoderStream()).getReader();
    let puffer = '';
    for (;;) {
      const { value, done } = await leser.read();
      if (done) return;
      puffer += value;
      let ende;
      while ((ende = puffer.indexOf('\n\n')) >= 0) {
        const block = puffer.slice(0, ende);
        puffer = puffer.slice(ende + 2);
        if (/^event: aenderung$/m.test(block)) ziel.dispatchEvent(new Event('aenderung'));
      }
    }
  };
  const schleife = async (): Promise<void> => {
    while (!abbruch.signal.aborted) {
      await verbinde().catch(() => undefined);
      if (!abbruch.signal.aborted) await new Promise((weiter) => setTimeout(weiter, NEU_VERBINDEN_MS));
    }
  };
  void schleife();
  return ziel;
}
