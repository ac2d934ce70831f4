import { afterAll, beforeAll, beforeEach } from 'vitest';
import { client, type Client } from '../addin/api/index.ts';
import { demoServer, demoTokens } from './api-helfer.ts';
import { installiere, Mappe, type Host } from './excel-doppel/index.ts';

type Wer = Parameters<typeof demoTokens>[1];

/** The demo server and the add-in's typed client for each demo account asked for. */
export async function addinServer(
  ...wer: Wer[]
): Promise<{ s: Awaited<ReturnType<typeof demoServer>>; clients: Record<Wer, Client> }> {
  const s = await demoServer();
  const token = await demoTokens(s.server.url, ...wer);
  return {
    s,
    clients: Object.fromEntries(wer.map((w) => [w, client({ server: s.server.url, token: token[w]! })])) as Record<
      Wer,
      Client
    >,
  };
}

/** An empty workbook of the double as this process's Excel (and Office and CustomFunctions). */
export function neueMappe(): { mappe: Mappe; host: Host } {
  const mappe = new Mappe();
  return { mappe, host: installiere(globalThis as unknown as Record<string, unknown>, mappe) };
}

/** A test file of the add-in: the demo server and its clients for the whole file, an empty workbook for each test. */
export function addinTests<W extends Wer>(...wer: W[]): { clients: Record<W, Client>; mappe: Mappe } {
  const u = { clients: {} as Record<W, Client>, mappe: new Mappe() };
  let s: Awaited<ReturnType<typeof demoServer>> | undefined;
  beforeAll(async () => {
    ({ s, clients: u.clients } = await addinServer(...wer));
  }, 180_000);
  afterAll(async () => {
    await s?.weg();
  });
  beforeEach(() => {
    u.mappe = neueMappe().mappe;
  });
  return u;
}
