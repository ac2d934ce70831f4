// Public surface of the API: the server, the app and its type for typed clients (hono/client).
export { starteServer, type LaufenderServer, type ServerOptionen } from './server.ts';
export { ApiFehler } from './fehler.ts';
export { erstelleApp, type ApiTyp } from './app.ts';
export { legeBenutzerAn, listeBenutzer, sperreBenutzer, ROLLEN, type Benutzer, type Rolle } from './zugang/benutzer.ts';
export { legeDemoBenutzerAn, DEMO_BENUTZER } from './zugang/demo.ts';
export { addinSeiten, OFFICE_JS_CDN, type OfficeJsQuelle } from './addin.ts';
