import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { Aenderung, Dienste } from '../dienste.ts';
import type { ApiUmgebung } from '../kontext.ts';
import { darfSozialraum } from '../zugang/bereich.ts';
import { anmeldungGiltNoch } from '../middleware/anmeldung.ts';

const route = createRoute({
  method: 'get',
  path: '/ereignisse',
  tags: ['Live'],
  summary: 'Server-Sent Events, wenn eine Ladung oder Prognose Zahlen ändert',
  description:
    'Ereignis `aenderung` mit {art: ladung|prognose|umschichtung, stand, zeitpunkt, details}; alle 25 s ein Kommentar gegen Proxy-Timeouts. ' +
    'Das Token kommt wie überall im Kopf Authorization (im Browser: fetch statt EventSource).',
  responses: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: z.string() } } } },
});

// How often a stream opened with an API key checks that key and its user between events.
const PRUEFEN_MS = 10_000;

export function ereignisRouten(d: Dienste) {
  return new OpenAPIHono<ApiUmgebung>().openapi(route, (c) => {
    const b = c.get('benutzer');
    const schluessel = c.get('apiSchluessel');
    return streamSSE(c, async (strom) => {
      let ende!: () => void;
      const beendet = new Promise<void>((fertig) => (ende = fertig));
      // A stream opened with an API key lives only as long as the key and its user hold: a revoked or
      // expired key, a blocked user, ends it, checked before each event and every PRUEFEN_MS. The events
      // wait in a chain for their check, so they leave in the order they came.
      let kette = Promise.resolve();
      const giltNoch = async () => {
        const gilt = !schluessel || (await anmeldungGiltNoch(d, b.name, schluessel).catch(() => false));
        if (!gilt) ende();
        return gilt;
      };
      const sende = (e: Aenderung) => {
        // A change outside the caller's scope is none of its business.
        const sozialraeume =
          (e.details.sozialraeume as string[] | undefined) ??
          (e.details.sozialraum ? [e.details.sozialraum as string] : []);
        if (sozialraeume.length > 0 && !sozialraeume.some((s) => darfSozialraum(b, s))) return;
        const absender = e.details.absender as string | undefined;
        if (b.rolle === 'traeger_controller' && absender?.startsWith('traeger:') && absender !== `traeger:${b.traeger}`)
          return;
        kette = kette
          .then(async () => {
            if (await giltNoch())
              await strom.writeSSE({ event: 'aenderung', id: String(e.stand), data: JSON.stringify(e) });
          })
          .catch(() => undefined); // a stream the client closed meanwhile: nothing to send to
      };
      d.ereignisse.on('aenderung', sende);
      const herz = setInterval(() => {
        void strom.write(': lebt\n\n');
      }, 25_000);
      const wache = schluessel ? setInterval(() => void giltNoch(), PRUEFEN_MS) : undefined;
      strom.onAbort(ende);
      await strom.writeSSE({ event: 'bereit', data: JSON.stringify({ stand: d.stand }) });
      await beendet;
      clearInterval(herz);
      clearInterval(wache);
      d.ereignisse.off('aenderung', sende);
    }) as never;
  });
}
