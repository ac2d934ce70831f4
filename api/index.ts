// Public surface of the API: the server, the app and its type for typed clients (hono/client).
export { starteServer, type LaufenderServer, type ServerOptionen } from './server.ts';
export { ApiFehler } from './fehler.ts';
export { erstelleApp, type ApiTyp } from './app.ts';
export { addinSeiten, OFFICE_JS_CDN, type OfficeJsQuelle } from './addin.ts';
