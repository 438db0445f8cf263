import { z } from 'zod';
import { caseInsensitiveEnum } from './case-insensitive-enum.ts';
import { isStorableText } from './task.ts';

/** The palette a list's colour is chosen from; the first is the default. */
export const LIST_COLORS = [
  'gray',
  'red',
  'orange',
  'yellow',
  'green',
  'teal',
  'blue',
  'purple',
  'pink',
] as const;
export const ListColorSchema = z.enum(LIST_COLORS).meta({ id: 'ListColor' });
export type ListColor = z.infer<typeof ListColorSchema>;

/** Owner: everything; editor: tasks but not membership; viewer: read only. */
export const LIST_ROLES = ['owner', 'editor', 'viewer'] as const;
export const ListRoleSchema = z.enum(LIST_ROLES).meta({ id: 'ListRole' });
export type ListRole = z.infer<typeof ListRoleSchema>;

export const LIST_NAME_MAX = 100;

export const ListNameSchema = z
  .string()
  .trim()
  .min(1, 'Name cannot be empty')
  .max(LIST_NAME_MAX, `Name is at most ${LIST_NAME_MAX} characters`)
  .refine(isStorableText, 'Contains a NUL character or an unpaired surrogate');

export const ListSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    color: ListColorSchema,
    position: z.number().int(),
    archived: z.boolean(),
    is_inbox: z.boolean(),
    role: ListRoleSchema,
    member_count: z.number().int().positive(),
    pending_count: z.number().int().nonnegative(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'List' });
export type List = z.infer<typeof ListSchema>;

export const ListCreateSchema = z
  .object({
    name: ListNameSchema,
    color: caseInsensitiveEnum(ListColorSchema).default(LIST_COLORS[0]),
  })
  .meta({ id: 'ListCreate' });

export const ListUpdateSchema = z
  .object({
    name: ListNameSchema.optional(),
    color: caseInsensitiveEnum(ListColorSchema).optional(),
    position: z.number().int().min(0).max(1_000_000).optional(),
    archived: z.boolean().optional(),
  })
  .meta({ id: 'ListUpdate' });
export type ListUpdate = z.infer<typeof ListUpdateSchema>;

export const ListPageSchema = z.object({ data: z.array(ListSchema) }).meta({ id: 'ListPage' });
