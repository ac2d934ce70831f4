import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import type { ServerType } from '@hono/node-server';

/** What Node's parser refused, as the API's error: status line, code, German message. */
function antwortAuf(e: NodeJS.ErrnoException): { status: string; code: string; meldung: string } {
  if (e.code === 'HPE_HEADER_OVERFLOW') {
    return {
      status: '431 Request Header Fields Too Large',
      code: 'zu_gross',
      meldung: 'Die Kopfzeilen der Anfrage sind zu groß.',
    };
  }
  if (e.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return {
      status: '408 Request Timeout',
      code: 'eingabe_ungueltig',
      meldung: 'Die Anfrage kam nicht rechtzeitig vollständig an.',
    };
  }
  return {
    status: '400 Bad Request',
    code: 'eingabe_ungueltig',
    meldung:
      'Die Anfrage ist kein gültiges HTTP (z. B. ein Zeichen außerhalb von ASCII in der Adresse: bitte als %XX kodieren).',
  };
}

/**
 * Requests Node's HTTP parser refuses before Hono sees them (a raw byte above 127 in the path, a broken
 * header line, headers too large, headers too slow): Node would answer a bare "400 Bad Request"; callers
 * get the API's error shape with a German message instead, and the log says what happened. The socket is
 * closed as Node closes it (not only half): a client that never closes its side must not keep it open.
 */
export function beantworteKaputteAnfragen(server: ServerType, log: Logger): void {
  server.on('clientError', (e: NodeJS.ErrnoException, socket: Socket) => {
    if (e.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const a = antwortAuf(e);
    const koerper = JSON.stringify({ fehler: { code: a.code, meldung: a.meldung } });
    log.warn({ code: e.code }, 'HTTP-Anfrage nicht lesbar');
    socket.end(
      `HTTP/1.1 ${a.status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(koerper)}\r\nConnection: close\r\n\r\n${koerper}`,
      () => socket.destroy(),
    );
    // Written or not within a second: the socket goes either way.
    setTimeout(() => socket.destroy(), 1000).unref();
  });
}
