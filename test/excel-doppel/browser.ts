// The double as the page's Office.js: bundled by the end-to-end test and served instead of office.js.
import { installiere } from './office.ts';
import { Mappe } from './zustand.ts';

const mappe = new Mappe();
// Office's display language, as the test asks for it (?sprache=en-US).
const host = installiere(
  globalThis as unknown as Record<string, unknown>,
  mappe,
  new URLSearchParams(location.search).get('sprache') ?? 'de-DE',
);
Object.assign(globalThis, { excelDoppel: { mappe, host } });
