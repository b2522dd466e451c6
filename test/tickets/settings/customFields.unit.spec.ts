/** T3: a ticket's custom values checked against its type's template, kind by kind (customFields.ts). */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { validateCustomPatch, validateCustomValues } from '../../../src/tickets/settings/customFields.js';
import type { FieldDefinition, TicketTemplate } from '../../../src/tickets/settings/ticketSettingsTypes.js';

const field = (fieldId: string, kind: FieldDefinition['kind'], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({ fieldId, name: fieldId, kind, required: false, ...extra });
const template = (fields: readonly FieldDefinition[], enabled = true): TicketTemplate => ({ templateId: 'tpl', name: '模板', fields, enabled });

const all = template([
  field('text', 'text'),
  field('area', 'textarea'),
  field('num', 'number'),
  field('day', 'date'),
  field('when', 'datetime'),
  field('pick', 'choice', { options: ['红', '蓝'] }),
  field('many', 'multi-choice', { options: ['a', 'b', 'c'] }),
  field('tel', 'phone'),
  field('mail', 'email'),
]);

const paths = (result: E.Either<{ issues: readonly { path: string }[] }, unknown>) => (E.isLeft(result) ? result.left.issues.map((i) => i.path) : []);

describe('T3 custom values, per kind', () => {
  it.each([
    ['text', '退货', 'x'.repeat(201)],
    ['text', 'x'.repeat(200), 42],
    ['area', 'y'.repeat(500), 'y'.repeat(501)],
    ['num', -3.5, Number.POSITIVE_INFINITY],
    ['num', 0, '3'],
    ['day', '2024-02-29', '2023-02-29'],
    ['day', '2026-12-02', '2026/12/02'],
    ['when', Date.UTC(2026, 0, 1), 1.5],
    ['pick', '红', '绿'],
    ['many', ['a', 'c'], ['a', 'a']],
    ['many', ['b'], ['d']],
    ['many', ['b'], 'b'],
    ['tel', '13800138000', '12345'],
    ['tel', '+8613800138000', '138 0013 8000'],
    ['mail', 'yang@example.com', 'yang@example'],
    ['mail', 'a.b@mail.example.cn', 'no at sign'],
  ])('T3: %s accepts %j and refuses %j at data.custom.<fieldId>', (fieldId, good, bad) => {
    expect(validateCustomValues(all, { [fieldId]: good })).toEqual(E.right({ [fieldId]: good }));
    expect(paths(validateCustomValues(all, { [fieldId]: bad }))).toEqual([`data.custom.${fieldId}`]);
  });

  it('T3: unknown field ids are refused at their path; values come back in the template order', () => {
    expect(paths(validateCustomValues(all, { nope: 1, text: 'x' }))).toEqual(['data.custom.nope']);
    const ok = validateCustomValues(all, { num: 1, text: 'x' });
    expect(E.isRight(ok) && Object.keys(ok.right)).toEqual(['text', 'num']);
  });

  it('T3: a required field missing, blank or empty is refused at data.custom.<fieldId>; an optional empty one is left out', () => {
    const tpl = template([field('order', 'text', { required: true }), field('tags', 'multi-choice', { required: true, options: ['x'] }), field('note', 'text')]);
    expect(paths(validateCustomValues(tpl, undefined))).toEqual(['data.custom.order', 'data.custom.tags']);
    expect(paths(validateCustomValues(tpl, { order: '  ', tags: [] }))).toEqual(['data.custom.order', 'data.custom.tags']);
    expect(validateCustomValues(tpl, { order: 'A1', tags: ['x'], note: '' })).toEqual(E.right({ order: 'A1', tags: ['x'] }));
  });

  it('T3: a disabled or absent template allows only absent or empty values', () => {
    for (const tpl of [undefined, template([field('order', 'text', { required: true })], false)]) {
      expect(validateCustomValues(tpl, undefined)).toEqual(E.right({}));
      expect(validateCustomValues(tpl, {})).toEqual(E.right({}));
      expect(paths(validateCustomValues(tpl, { order: 'A1' }))).toEqual(['data.custom']);
    }
    expect(paths(validateCustomValues(all, [1], 'data.fields'))).toEqual(['data.fields']);
  });

  it('T3 (edit): only the given fields change, null or empty clears one, and required fields must stay filled', () => {
    const tpl = template([field('order', 'text', { required: true }), field('note', 'text'), field('num', 'number')]);
    const current = { order: 'A1', note: '旧' };
    expect(validateCustomPatch(tpl, current, { num: 3 })).toEqual(E.right({ order: 'A1', note: '旧', num: 3 }));
    expect(validateCustomPatch(tpl, current, { note: null })).toEqual(E.right({ order: 'A1' }));
    expect(paths(validateCustomPatch(tpl, current, { order: '' }))).toEqual(['data.custom.order']);
    expect(paths(validateCustomPatch(tpl, current, { num: 'x', zz: 1 }))).toEqual(['data.custom.num', 'data.custom.zz']);
  });
});
