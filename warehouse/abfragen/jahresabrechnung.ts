import { z } from 'zod';
import { betrag } from './felder.ts';

/** A row of jahresabrechnung.sql: the settlement of the personalised funding of a Sozialraum and Träger (docs/regeln.md §6). */
export const jahresabrechnungZeile = z.object({
  jahr: z.number(),
  sozialraum: z.string(),
  traeger: z.string().meta({ description: 'Träger des Sozialraumteams, oder gesamt' }),
  stellenjahre: betrag,
  personalkosten_pauschal: betrag.nullable(),
  sachkosten_pauschal: betrag.nullable(),
  personalkosten_ist: betrag,
  differenz: betrag
    .nullable()
    .meta({ description: 'Ist − Pauschale: positiv Nachzahlung des Kreises, negativ Erstattung des Trägers' }),
  art: z.enum(['nachzahlung', 'erstattung', 'ausgeglichen']).nullable(),
});
export type JahresabrechnungZeile = z.infer<typeof jahresabrechnungZeile>;
