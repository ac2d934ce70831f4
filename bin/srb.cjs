#!/usr/bin/env node
// srb as installed (`npm start`, `npm run srb`): runs the compiled JavaScript in dist/, and first builds
// it (bau/, through tsx) when it is missing or older than its sources, so a fresh clone, a pull or an
// edit needs no step of its own. Plain CommonJS on purpose: it runs before anything else, and only a
// script loaded this way sets libuv's pool size in time (cli/threadpool.cjs says why).
'use strict';
require('../cli/threadpool.cjs');
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const wurzel = join(__dirname, '..');
// Written by bau/bereit.ts after each complete build: its time and the sources it was made from.
const stand = join(wurzel, 'dist', 'stand.json');

/**
 * Whether something under `pfad` (a file, a folder's files and the folders themselves: a deleted file
 * changes its folder) changed after `seit`. About 300 entries, one stat each: a few ms of every start.
 */
function geaendertNach(pfad, seit) {
  const s = statSync(pfad, { throwIfNoEntry: false });
  if (!s) return false;
  if (s.mtimeMs > seit) return true;
  return s.isDirectory() && readdirSync(pfad).some((n) => geaendertNach(`${pfad}/${n}`, seit));
}

function veraltet() {
  if (!existsSync(stand)) return true;
  const seit = statSync(stand).mtimeMs;
  return JSON.parse(readFileSync(stand, 'utf8')).quellen.some((q) => geaendertNach(join(wurzel, q), seit));
}

function baue() {
  const tsx = pathToFileURL(require.resolve('tsx/esm')).href;
  // Messages on stderr: `srb sql --format csv > datei` keeps its output clean when a build runs first.
  const r = spawnSync(process.execPath, ['--import', tsx, join(wurzel, 'bau', 'bauen.ts')], {
    stdio: ['ignore', 2, 2],
  });
  return r.status ?? 1;
}

const gebaut = veraltet() ? baue() : 0;
const programm = join(wurzel, 'dist', 'cli', 'srb.js');
if (gebaut !== 0 && !existsSync(stand)) {
  console.error('srb konnte nicht gebaut werden (siehe oben); npm run bau baut erneut.');
  process.exitCode = gebaut;
} else {
  // A build that failed beside a complete dist/ (a read-only checkout, a folder touched by an editor):
  // the last complete build runs, and says so, rather than nothing.
  if (gebaut !== 0)
    console.error('srb: dist/ ließ sich nicht neu bauen (siehe oben); es läuft der letzte vollständige Stand.');
  import(pathToFileURL(programm).href);
}
