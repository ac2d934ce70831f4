// The double as the page's Office.js: bundled by the end-to-end test and served instead of office.js.
import { installiere } from './office.ts';
import { Mappe } from './zustand.ts';

const mappe = new Mappe();
const host = installiere(globalThis as unknown as Record<string, unknown>, mappe);
Object.assign(globalThis, { excelDoppel: { mappe, host } });
