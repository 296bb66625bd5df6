// Rich content shown to a participant: the stem of an item or the body of an option.
import { z } from 'zod';

export const richContentSchema = z.strictObject({
  text: z.string(),
  /** Inline SVG markup, used by figural potensi items. */
  svg: z.string().min(1).optional(),
  image: z.strictObject({ src: z.string().min(1), alt: z.string() }).optional(),
  table: z.strictObject({ header: z.array(z.string()), rows: z.array(z.array(z.string())) }).optional(),
});

export type RichContent = z.infer<typeof richContentSchema>;
