// Our ingest of the same file: encoding check, hash, header, typing, every check, history, log.
import { ladeDatei, oeffneWarehouse } from '../../warehouse/index.ts';
import { berichte, stoppuhr } from './messung.ts';

const [datei, db, budget] = process.argv.slice(2) as [string, string, string];
const wh = await oeffneWarehouse(db);
await ladeDatei(wh, budget);
const [e, sekunden] = await stoppuhr(() => ladeDatei(wh, datei));
if (e.status !== 'geladen') throw new Error(e.bericht ?? e.meldung);
wh.schliessen();
berichte({ sekunden, zeilen: e.zeilen });
