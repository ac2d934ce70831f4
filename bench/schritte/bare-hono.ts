// Baseline for the API benchmark: a bare Hono endpoint on the same server library, nothing of ours,
// answering a body of the same size as the endpoint it is compared with (argv: port, body file).
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const koerper = readFileSync(process.argv[3]!, 'utf8');
const app = new Hono().get('/bare', (c) => c.body(koerper, 200, { 'content-type': 'application/json; charset=utf-8' }));
const port = Number(process.argv[2]);
serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, () => process.stderr.write('bereit\n'));
