import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from 'pino';
import { addinSeiten, type OfficeJsQuelle } from './addin.ts';
import type { Dienste } from './dienste.ts';
import { dokuSeite } from './doku.ts';
import { ApiFehler, fehlerAntwort } from './fehler.ts';
import type { ApiUmgebung } from './kontext.ts';
import { anmeldung } from './middleware/anmeldung.ts';
import { anfrageProtokoll } from './middleware/protokoll.ts';
import { eigeneHerkunft, sicherheitskoepfe } from './middleware/sicherheit.ts';
import { abfrageRouten } from './routen/abfragen.ts';
import { authRouten } from './routen/auth.ts';
import { ereignisRouten } from './routen/ereignisse.ts';
import { formelRouten } from './routen/formeln.ts';
import { grafikRouten } from './routen/grafiken.ts';
import { herkunftRouten } from './routen/herkunft.ts';
import { importRouten } from './routen/importe.ts';
import { kennzahlRouten } from './routen/kennzahlen.ts';
import { prognoseblattRouten } from './routen/prognoseblatt.ts';
import { prognoseRouten } from './routen/prognosen.ts';
import { schluesselRouten } from './routen/schluessel.ts';
import { sqlRouten } from './routen/sql.ts';
import { umschichtungRouten } from './routen/umschichtungen.ts';
import { systemRouten } from './routen/system.ts';
import { sicherungRouten } from './sicherung.ts';

export interface AppOptionen {
  log: Logger;
  /** Origins that may call the API from a browser: the add-in's own (the server's address). */
  herkunft: string[];
  /** Office.js for the task pane: Microsoft's CDN, or (no internet) the copy this server serves. */
  officeJs?: OfficeJsQuelle;
  /** The built add-in's folder, served under /addin/; without it the server has no add-in pages. */
  addin?: string;
  https: boolean;
}

const KB = 1024;

function geschuetzteRouten(d: Dienste) {
  const geschuetzt = new OpenAPIHono<ApiUmgebung>();
  geschuetzt.use('*', anmeldung(d));
  return geschuetzt
    .route('/', kennzahlRouten(d))
    .route('/', herkunftRouten(d))
    .route('/', grafikRouten(d))
    .route('/', prognoseRouten(d))
    .route('/', prognoseblattRouten(d))
    .route('/', formelRouten(d))
    .route('/', umschichtungRouten(d))
    .route('/', sqlRouten(d))
    .route('/', abfrageRouten(d))
    .route('/', schluesselRouten(d))
    .route('/', importRouten(d))
    .route('/', sicherungRouten(d))
    .route('/', ereignisRouten(d));
}

export function erstelleApp(d: Dienste, o: AppOptionen) {
  const v1 = new OpenAPIHono<ApiUmgebung>()
    .route('/', systemRouten(d))
    .route('/', authRouten(d))
    .route('/', geschuetzteRouten(d));

  const app = new OpenAPIHono<ApiUmgebung>();
  app.onError(fehlerAntwort);
  app.notFound((c) => c.json({ fehler: { code: 'nicht_gefunden', meldung: `Unbekannter Pfad ${c.req.path}.` } }, 404));
  app.use('*', sicherheitskoepfe(o.https));
  app.use('*', anfrageProtokoll(o.log));
  app.use('/api/*', eigeneHerkunft(o.herkunft));
  const kleineGrenze = bodyLimit({
    maxSize: 256 * KB,
    onError: () => {
      throw new ApiFehler('zu_gross', 'Die Anfrage ist zu groß (höchstens 256 KB).');
    },
  });
  // Only requests that carry a body pass through a limit: every layer costs the figure endpoints.
  // Uploads stream to disk under their own limit (api/hochladen.ts).
  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], '/api/*', (c, next) =>
    c.req.path === '/api/v1/importe' ? next() : kleineGrenze(c, next),
  );
  const routen = app.route('/api/v1', v1);
  const dokument = () =>
    app.getOpenAPIDocument({
      openapi: '3.0.3',
      info: {
        title: 'Sozialraum-Controlling API',
        version: '1',
        description:
          'Kennzahlen, Prognosen und Ad-hoc-SQL des Budget-Controllings der sozialraumorientierten Jugendhilfe (Landkreis Trier-Saarburg).',
      },
    });
  app.get('/openapi.json', (c) => c.json(dokument()));
  app.get('/api/docs', (c) => c.html(dokuSeite(dokument())));
  app.get('/', (c) => c.redirect('/api/docs'));
  if (o.addin) addinSeiten(app, o.addin, o.officeJs ?? 'cdn');
  return routen;
}

/** The API's type, for the add-in's typed client (hono/client). */
export type ApiTyp = ReturnType<typeof erstelleApp>;
