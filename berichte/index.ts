// Public surface of the documents built from the warehouse: the quarterly chart pack, the year-end
// settlement, and the catalogue of charts with the rows behind each (used by the pack and the API alike).
export { quartalText, schreibeQuartalspaket, type Paket } from './quartalspaket/index.ts';
export { alsHtml, schreibeJahresabrechnung } from './jahresabrechnung/index.ts';
export {
  erstelleGrafik,
  grafikKontext,
  grafikNamens,
  GRAFIK_NAMEN,
  GRAFIKEN,
  type Anfrage,
  type Grafik,
  type Grafikdaten,
  type GrafikSicht,
} from './grafiken/index.ts';
