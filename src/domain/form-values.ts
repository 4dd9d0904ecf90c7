/**
 * The shape of a form as a card sends it, as zod schemas. Teams sends every input as a string and
 * leaves an empty one out, so an absent value reads as '' and the domain's checks (required,
 * choice, date …) answer it field by field. Only what no client sends (an array, an object, a
 * number in a text field) fails the shape; the card-action door refuses that before any rule runs.
 */
import { z } from 'zod';

/** Text, date, time and choice inputs (a multi-select arrives as one comma-separated string). */
export const formText = z
  .string()
  .nullish()
  .transform((value) => value ?? '');

/** Input.Toggle: 'true'/'false' from Teams; renderers outside Teams may send the boolean itself. */
export const formToggle = z
  .union([z.string(), z.boolean()])
  .nullish()
  .transform((value) => (value === null || value === undefined ? '' : String(value)));

/** Input.Number: a string from Teams; renderers outside Teams may send the number itself. */
export const formNumber = z
  .union([z.string(), z.number().finite()])
  .nullish()
  .transform((value) => (value === null || value === undefined ? '' : String(value)));

type FormField = z.ZodType<string, z.ZodTypeDef, unknown>;

/**
 * One string per field; `special` names the fields that are not plain text inputs, `trim` drops
 * the spaces around every value. Other properties (the verb, Teams' own) are left out.
 */
export function formValuesSchema<F extends string>(fields: readonly F[], options: { special?: Partial<Record<F, FormField>>; trim?: boolean } = {}) {
  const fieldSchema = (field: F): FormField => {
    const schema = options.special?.[field] ?? formText;
    return options.trim ? schema.transform((value) => value.trim()) : schema;
  };
  return z.object(Object.fromEntries(fields.map((field) => [field, fieldSchema(field)])) as Record<F, FormField>);
}
