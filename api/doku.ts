// A readable API page from the same OpenAPI document as /openapi.json, served without any CDN.
const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"]/g, (z) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[z]!);

import type { OpenAPIHono } from '@hono/zod-openapi';

/** The document as the OpenAPI generator makes it (the one /openapi.json sends). */
type Dokument = ReturnType<OpenAPIHono['getOpenAPIDocument']>;
type Pfadeintrag = NonNullable<Dokument['paths']>[string];
type Operation = NonNullable<Pfadeintrag['get']>;

const METHODEN = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** A path's operations (a path entry also holds summary, description and shared parameters). */
const operationen = (eintrag: Pfadeintrag): Array<[string, Operation]> =>
  METHODEN.flatMap((m) => {
    const op = eintrag[m];
    return op ? [[m, op] as [string, Operation]] : [];
  });

/** Parameters and responses may be references to components; the page shows only those written out. */
const ausgeschrieben = <T extends object>(x: T | { $ref: string }): x is T => !('$ref' in x);

export function dokuSeite(doc: Dokument): string {
  const abschnitte = Object.entries(doc.paths ?? {})
    .flatMap(([pfad, eintrag]) =>
      operationen(eintrag).map(
        ([methode, op]) => `
    <section><h3><span class="m ${methode}">${methode.toUpperCase()}</span> <code>${esc(pfad)}</code></h3>
      <p><strong>${esc(op.summary)}</strong>${op.description ? `<br>${esc(op.description)}` : ''}</p>
      ${
        op.parameters?.length
          ? `<table><tr><th>Parameter</th><th>wo</th><th>Pflicht</th><th>Beschreibung</th></tr>${op.parameters
              .filter(ausgeschrieben)
              .map(
                (p) =>
                  `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? 'ja' : 'nein'}</td><td>${esc(p.description)}</td></tr>`,
              )
              .join('')}</table>`
          : ''
      }
      <ul>${Object.entries(op.responses ?? {})
        .map(([s, r]: [string, unknown]) => `<li><code>${esc(s)}</code> ${esc(beschreibung(r))}</li>`)
        .join('')}</ul>
    </section>`,
      ),
    )
    .join('');
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>${esc(doc.info.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2b36}code{background:#eef2f5;padding:0 .25rem}
section{border-top:1px solid #d5dde3;padding:.5rem 0}.m{font:bold 12px monospace;padding:.1rem .4rem;border-radius:3px;color:#fff;background:#3d6e99}.m.post{background:#2f7d4f}
table{border-collapse:collapse}td,th{border:1px solid #d5dde3;padding:.2rem .5rem;text-align:left}</style></head>
<body><h1>${esc(doc.info.title)} <small>${esc(doc.info.version)}</small></h1><p>${esc(doc.info.description)}</p>
<p>Maschinenlesbar: <a href="/openapi.json">/openapi.json</a>. Anmeldung: <code>POST /api/v1/auth/token</code>, dann Kopf <code>Authorization: Bearer …</code>.
Zahlen als JSON (Beträge als Text, exakt), CSV (<code>Accept: text/csv</code>) oder Apache Arrow (<code>Accept: application/vnd.apache.arrow.stream</code>; Beträge als Decimal128, Jahre und Monate als Int32, Daten als Date32).</p>
${abschnitte}</body></html>`;
}

/** A response's description (responses are keyed by status; the generator writes them out, a reference has none). */
function beschreibung(antwort: unknown): string {
  return typeof antwort === 'object' &&
    antwort !== null &&
    'description' in antwort &&
    typeof antwort.description === 'string'
    ? antwort.description
    : '';
}
