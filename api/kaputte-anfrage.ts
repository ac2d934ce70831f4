import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import type { ServerType } from '@hono/node-server';

/**
 * Requests Node's HTTP parser refuses before Hono sees them (a raw byte above 127 in the path, a broken
 * header line, headers too large): Node would answer a bare "400 Bad Request"; callers get the API's
 * error shape with a German message instead, and the log says what happened.
 */
export function beantworteKaputteAnfragen(server: ServerType, log: Logger): void {
  server.on('clientError', (e: NodeJS.ErrnoException, socket: Socket) => {
    if (e.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const zuGross = e.code === 'HPE_HEADER_OVERFLOW';
    const status = zuGross ? '431 Request Header Fields Too Large' : '400 Bad Request';
    const meldung = zuGross
      ? 'Die Kopfzeilen der Anfrage sind zu groß.'
      : 'Die Anfrage ist kein gültiges HTTP (z. B. ein Zeichen außerhalb von ASCII in der Adresse: bitte als %XX kodieren).';
    const koerper = JSON.stringify({ fehler: { code: zuGross ? 'zu_gross' : 'eingabe_ungueltig', meldung } });
    log.warn({ code: e.code }, 'HTTP-Anfrage nicht lesbar');
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(koerper)}\r\nConnection: close\r\n\r\n${koerper}`,
    );
  });
}
