import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Context, Env, Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';

/** Where the task pane loads Office.js from: Microsoft's CDN, as Microsoft prescribes, or our copy. */
export type OfficeJsQuelle = 'cdn' | 'lokal';

export const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const LOKAL = '/addin/office-js';

/**
 * The add-in's page with its Office.js script, and, for networks without internet, Microsoft's own npm
 * copy of Office.js (@microsoft/office-js) under /addin/office-js/. The rest of /addin/ is the folder of
 * the built add-in (`ordner`: bundle, page, functions.json, icons), which its build has put there.
 */
export function addinSeiten<E extends Env>(app: Hono<E>, ordner: string, quelle: OfficeJsQuelle): void {
  const src = quelle === 'cdn' ? OFFICE_JS_CDN : `${LOKAL}/office.js`;
  let seite: string | null = null;
  const taskpane = (c: Context<E>) => {
    seite ??= readFileSync(join(ordner, 'taskpane.html'), 'utf8').replace(
      '<!--OFFICE_JS-->',
      `<script src="${src}"></script>`,
    );
    return c.html(seite);
  };
  app.get('/addin/', taskpane);
  app.get('/addin/taskpane.html', taskpane);
  if (quelle === 'lokal') {
    const officeJs = join(dirname(createRequire(import.meta.url).resolve('@microsoft/office-js/package.json')), 'dist');
    app.use(`${LOKAL}/*`, serveStatic({ root: officeJs, rewriteRequestPath: (p) => p.slice(LOKAL.length) }));
  }
  app.use('/addin/*', serveStatic({ root: ordner, rewriteRequestPath: (p) => p.replace(/^\/addin/, '') }));
}
