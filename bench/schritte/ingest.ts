// Our ingest of the same file: encoding check, hash, header, typing, every check, history, log.
import { ladeDatei, oeffneWarehouse } from '../../warehouse/index.ts';
import { berichte, stoppuhrUndRechenzeit } from './messung.ts';

const [datei, db, budget] = process.argv.slice(2) as [string, string, string];
const wh = await oeffneWarehouse(db);
await ladeDatei(wh, budget);
const [e, sekunden, cpuSekunden] = await stoppuhrUndRechenzeit(() => ladeDatei(wh, datei));
if (e.status !== 'geladen') throw new Error(e.bericht ?? e.meldung);
wh.schliessen();
berichte({ sekunden, cpuSekunden, zeilen: e.zeilen });
