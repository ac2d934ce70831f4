import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { Aenderung, Dienste } from '../dienste.ts';
import type { ApiUmgebung } from '../kontext.ts';
import { darfSozialraum } from '../zugang/bereich.ts';

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

export function ereignisRouten(d: Dienste) {
  return new OpenAPIHono<ApiUmgebung>().openapi(route, (c) => {
    const b = c.get('benutzer');
    return streamSSE(c, async (strom) => {
      const sende = (e: Aenderung) => {
        // A change outside the caller's scope is none of its business.
        const sozialraeume =
          (e.details.sozialraeume as string[] | undefined) ??
          (e.details.sozialraum ? [e.details.sozialraum as string] : []);
        if (sozialraeume.length > 0 && !sozialraeume.some((s) => darfSozialraum(b, s))) return;
        const absender = e.details.absender as string | undefined;
        if (b.rolle === 'traeger_controller' && absender?.startsWith('traeger:') && absender !== `traeger:${b.traeger}`)
          return;
        void strom.writeSSE({ event: 'aenderung', id: String(e.stand), data: JSON.stringify(e) });
      };
      d.ereignisse.on('aenderung', sende);
      const herz = setInterval(() => {
        void strom.write(': lebt\n\n');
      }, 25_000);
      strom.onAbort(() => {
        clearInterval(herz);
        d.ereignisse.off('aenderung', sende);
      });
      await strom.writeSSE({ event: 'bereit', data: JSON.stringify({ stand: d.stand }) });
      await new Promise<void>((fertig) => strom.onAbort(fertig));
    }) as never;
  });
}
