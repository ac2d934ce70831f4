import { readFileSync } from 'node:fs';
import { createServer as https } from 'node:https';
import { dirname, join, resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import pino, { type Logger } from 'pino';
import { oeffneWarehouse } from '../warehouse/index.ts';
import type { OfficeJsQuelle } from './addin.ts';
import { erstelleApp } from './app.ts';
import { ApiFehler } from './fehler.ts';
import { Dienste } from './dienste.ts';
import { listeBenutzer } from '../warehouse/index.ts';
import { letzteAenderung, signierSchluessel } from '../warehouse/index.ts';
import { starteEingang } from './posteingang.ts';
import { starteQuartalspakete } from './quartalspakete.ts';
import { starteSchutzvorrat } from './schutzvorrat.ts';
import { beantworteKaputteAnfragen } from './kaputte-anfrage.ts';
import { starteSicherungen } from './sicherung.ts';
import { gibHintergrundNachrang } from './nachrang.ts';

export interface ServerOptionen {
  db: string;
  host: string;
  port: number;
  eingang?: string;
  /** folder for the quarterly chart packs that build themselves (srb serve --berichte) */
  berichte?: string;
  zertifikat?: string;
  schluessel?: string;
  /** Office.js from Microsoft's CDN (default) or, where the network has no internet, served by us. */
  officeJs?: OfficeJsQuelle;
  /** The built add-in's folder (srb serve: dist/addin), served under /addin/; without it no add-in pages. */
  addin?: string;
  /** Folder for scheduled backups (srb serve --backup): one at start, then every `sicherungTakt` ms. */
  sicherungen?: string;
  sicherungTakt?: number;
  /** Work out the county's small-number protection ahead (srb serve): the analysts' first query finds it done. */
  schutzvorrat?: boolean;
  /** The event loop before the long work: every other thread of the process gets a lower priority (srb serve, api/nachrang.ts). */
  nachrang?: boolean;
  /** Bytes one upload may have; default 100 MB. */
  uploadGrenze?: number;
  log?: Logger;
}

export interface LaufenderServer {
  url: string;
  dienste: Dienste;
  beenden(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
/** Figure reads in parallel; DuckDB shares its threads among them (ad-hoc SQL has connections of its own). */
const LESENDE_VERBINDUNGEN = 4;

// pino's isoTime formats a date for every line; at tens of thousands of requests a second most
// lines share their millisecond.
function isoZeitGemerkt(): () => string {
  let ms = 0;
  let text = '';
  return () => {
    const jetzt = Date.now();
    if (jetzt !== ms) {
      ms = jetzt;
      text = `,"time":"${new Date(jetzt).toISOString()}"`;
    }
    return text;
  };
}

/** `srb serve`: this process owns the DuckDB file; everything else talks to it over HTTP. */
export async function starteServer(o: ServerOptionen): Promise<LaufenderServer> {
  // Buffered writes: a log line per request must not block the event loop on a slow pipe.
  const log =
    o.log ??
    pino(
      { base: undefined, level: process.env.SRB_LOG_LEVEL ?? 'info', timestamp: isoZeitGemerkt() },
      pino.destination({ sync: false }),
    );
  const schreiber = await oeffneWarehouse(o.db);
  const lesende = await Promise.all(Array.from({ length: LESENDE_VERBINDUNGEN }, () => schreiber.weitere()));
  try {
    if (!LOOPBACK.has(o.host)) {
      const demo = (await listeBenutzer(schreiber)).filter((b) => b.demo && b.aktiv);
      if (demo.length > 0) {
        throw new ApiFehler(
          'kein_zugriff',
          `Der Server soll auf ${o.host} lauschen, also über das eigene Gerät hinaus, aber die Demo-Zugänge mit bekannten Passwörtern sind aktiv: ` +
            `${demo.map((b) => b.name).join(', ')}. Bitte mit „srb user disable NAME“ sperren oder nur auf 127.0.0.1 starten.`,
        );
      }
    }
  } catch (e) {
    for (const l of lesende) l.schliessen();
    schreiber.schliessen();
    throw e;
  }
  const d = new Dienste(schreiber, lesende, signierSchluessel(schreiber), join(dirname(resolve(o.db)), 'quarantaene'));
  d.paketOrdner = o.berichte;
  if (o.uploadGrenze) d.uploadGrenze = o.uploadGrenze;
  d.letzteAenderung = (await letzteAenderung(d.leser)) ?? d.letzteAenderung;
  const schema = o.zertifikat ? 'https' : 'http';
  const anzeigeHost = o.host === '0.0.0.0' || o.host === '::' ? 'localhost' : o.host;
  // Filled once the port is known (port 0 picks a free one).
  const herkunft: string[] = [];
  const app = erstelleApp(d, { log, herkunft, https: schema === 'https', officeJs: o.officeJs, addin: o.addin });
  const server: ServerType = await new Promise((fertig, fehler) => {
    const s = serve(
      {
        fetch: app.fetch,
        hostname: o.host,
        port: o.port,
        ...(o.zertifikat && o.schluessel
          ? {
              createServer: https,
              serverOptions: { cert: readFileSync(o.zertifikat), key: readFileSync(o.schluessel) },
            }
          : {}),
      },
      () => fertig(s),
    );
    s.once('error', (e: NodeJS.ErrnoException) => {
      for (const l of lesende) l.schliessen();
      schreiber.schliessen();
      fehler(
        e.code === 'EADDRINUSE'
          ? new ApiFehler(
              'konflikt',
              `Port ${o.port} auf ${o.host} ist schon belegt (läuft der Server schon?). Einen anderen Port mit --port wählen.`,
            )
          : e,
      );
    });
  });
  beantworteKaputteAnfragen(server, log);
  // The client must be the side that closes an idle connection: with Node's 5 s a client whose event
  // loop was busy a few seconds reuses a socket the server has just closed and gets ECONNRESET (seen in
  // the add-in tests after a 100.000-row pull). Browsers and undici close theirs by the Keep-Alive hint.
  if ('keepAliveTimeout' in server) server.keepAliveTimeout = 65_000;
  const adresse = server.address();
  const port = typeof adresse === 'object' && adresse ? adresse.port : o.port;
  herkunft.push(
    ...new Set([
      `${schema}://${anzeigeHost}:${port}`,
      `${schema}://localhost:${port}`,
      `${schema}://127.0.0.1:${port}`,
    ]),
  );
  const stoppeEingang = o.eingang ? starteEingang(d, o.eingang, (t) => log.info({ posteingang: true }, t)) : () => {};
  const stoppePakete = o.berichte
    ? starteQuartalspakete(d, o.berichte, (t) => log.info({ grafikpakete: true }, t))
    : async () => {};
  const stoppeSchutzvorrat = o.schutzvorrat
    ? starteSchutzvorrat(d, (t) => log.warn({ kleinzahlschutz: true }, t))
    : async () => {};
  const stoppeSicherungen = o.sicherungen
    ? starteSicherungen(d, o.sicherungen, (t) => log.info({ sicherung: true }, t), o.sicherungTakt)
    : async () => {};
  const stoppeNachrang = o.nachrang ? gibHintergrundNachrang() : () => {};
  return {
    url: `${schema}://${anzeigeHost === '::1' ? '[::1]' : anzeigeHost}:${port}`,
    dienste: d,
    async beenden() {
      stoppeEingang();
      stoppeNachrang();
      await stoppePakete();
      await stoppeSchutzvorrat();
      await stoppeSicherungen();
      d.ereignisse.emit('ende');
      await new Promise<void>((fertig) => server.close(() => fertig()));
      // Audit lines queued at the end (counts of refused sign-ins) land before the connections close.
      await schreiber.nebenherFertig();
      for (const l of lesende) l.schliessen();
      schreiber.schliessen();
    },
  };
}
