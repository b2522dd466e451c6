/**
 * T1-T4: the small codecs the ticket settings' commands and events share: ids,
 * names, bounded lists that report the index of a bad or repeated item, and the
 * custom field definitions of a template (T3). Every failure names its field, so
 * `data.fields.2.options` says which field lacks its options.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describeValue, identifier, nonEmptyString, oneOf, struct } from '../../domain/validation.js';
import { FIELD_KINDS, type FieldDefinition } from './ticketSettingsTypes.js';

export const GROUP_NAME_MAX_CHARS = 30;
export const TYPE_NAME_MAX_CHARS = 30;
export const TEMPLATE_NAME_MAX_CHARS = 30;
export const FIELD_NAME_MAX_CHARS = 30;
export const OPTION_MAX_CHARS = 50;
export const MAX_FIELDS = 50;
export const MAX_OPTIONS = 100;

export const groupIdCodec = identifier('acceptance group id');
export const typeIdCodec = identifier('ticket type id');
export const templateIdCodec = identifier('ticket template id');
export const fieldIdCodec = identifier('custom field id');
export const policyIdCodec = identifier('SLA policy id');
export const calendarIdCodec = identifier('SLA calendar id');

export const groupNameCodec = nonEmptyString(GROUP_NAME_MAX_CHARS);
export const typeNameCodec = nonEmptyString(TYPE_NAME_MAX_CHARS);
export const templateNameCodec = nonEmptyString(TEMPLATE_NAME_MAX_CHARS);

const show = (u: unknown): string => {
  const text = JSON.stringify(u);
  return text === undefined ? typeof u : text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/** A context one key deeper (an index or a field name), so the error's path names it. */
export const at = (c: t.Context, key: string | number, actual: unknown): t.Context => [...c, { key: String(key), type: t.unknown, actual }];

/**
 * A list of `min`..`max` items of `item`; with `keyOf`, no two items may share
 * a key (the later one is reported, at its `keyField` when given:
 * `duplicate ... (also item <i>)`).
 */
export const listOf = <A>(name: string, item: t.Type<A, unknown, unknown>, min: number, max: number, keyOf?: (a: A) => string, keyField?: string) => {
  const codec: t.Type<readonly A[], unknown, unknown> = new t.Type<readonly A[], unknown, unknown>(
    name,
    (u): u is readonly A[] => Array.isArray(u) && E.isRight(codec.validate(u, [])),
    (u, c) => {
      if (!Array.isArray(u)) return t.failure(u, c, `must be a list of ${min === max ? min : `${min} to ${max}`} items, got ${describeValue(u)}`);
      if (u.length < min || u.length > max) return t.failure(u, c, `must hold ${min === max ? min : `${min} to ${max}`} items, got ${u.length}`);
      const errors: t.ValidationError[] = [];
      const out: A[] = [];
      const seen = new Map<string, number>();
      u.forEach((raw: unknown, i) => {
        const decoded = item.validate(raw, at(c, i, raw));
        if (E.isLeft(decoded)) {
          errors.push(...decoded.left);
          return;
        }
        out.push(decoded.right);
        if (keyOf === undefined) return;
        const key = keyOf(decoded.right);
        const first = seen.get(key);
        if (first === undefined) seen.set(key, i);
        else errors.push({ value: raw, context: keyField === undefined ? at(c, i, raw) : at(at(c, i, raw), keyField, key), message: `duplicate ${show(key)} (also item ${first})` });
      });
      return errors.length > 0 ? t.failures(errors) : t.success(out);
    },
    (list) => list.map((a) => item.encode(a)),
  );
  return codec;
};

export const CHOICE_KINDS: readonly FieldDefinition['kind'][] = ['choice', 'multi-choice'];
export const isChoiceKind = (kind: FieldDefinition['kind']): boolean => CHOICE_KINDS.includes(kind);

const fieldShape = struct(
  'FieldDefinition',
  { fieldId: fieldIdCodec, name: nonEmptyString(FIELD_NAME_MAX_CHARS), kind: oneOf('FieldKind', FIELD_KINDS), required: t.boolean },
  { options: t.unknown },
);
const optionsCodec = listOf('FieldOptions', nonEmptyString(OPTION_MAX_CHARS), 1, MAX_OPTIONS, (o) => o);

/** T3: one field; a choice or multi-choice field has 1..100 distinct options, any other kind none. */
export const fieldDefinitionCodec = new t.Type<FieldDefinition, unknown, unknown>(
  'FieldDefinition',
  (u): u is FieldDefinition => E.isRight(fieldDefinitionCodec.validate(u, [])),
  (u, c) => {
    const shaped = fieldShape.validate(u, c);
    if (E.isLeft(shaped)) return shaped;
    const { options, ...field } = shaped.right;
    if (!isChoiceKind(field.kind)) {
      return options === undefined ? t.success(field) : t.failure(options, at(c, 'options', options), `a ${field.kind} field has no options (only choice and multi-choice do)`);
    }
    if (options === undefined) return t.failure(options, at(c, 'options', options), `a ${field.kind} field needs 1 to ${MAX_OPTIONS} options`);
    const decoded = optionsCodec.validate(options, at(c, 'options', options));
    return E.isLeft(decoded) ? decoded : t.success({ ...field, options: decoded.right });
  },
  t.identity,
);

/** T3: a template's fields in display order: 1..50, field ids distinct. */
export const fieldsCodec = listOf('TemplateFields', fieldDefinitionCodec, 1, MAX_FIELDS, (f) => f.fieldId, 'fieldId');
