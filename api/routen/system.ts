import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { istErreichbar } from '../../warehouse/index.ts';
import type { Dienste } from '../dienste.ts';
import type { ApiUmgebung } from '../kontext.ts';

const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Betrieb'],
  summary: 'Läuft der Server, ist das Warehouse erreichbar?',
  responses: {
    200: {
      description: 'In Ordnung',
      content: {
        'application/json': {
          schema: z.object({ status: z.literal('ok'), stand: z.number(), letzteAenderung: z.string() }),
        },
      },
    },
  },
});

export function systemRouten(d: Dienste) {
  return new OpenAPIHono<ApiUmgebung>().openapi(health, async (c) => {
    await istErreichbar(d.leser);
    return c.json({ status: 'ok' as const, stand: d.stand, letzteAenderung: d.letzteAenderung.toISOString() }, 200);
  });
}
