import { describe, expect, it } from 'vitest';
import {
  BulkActionSchema,
  InstantSchema,
  TaskCreateSchema,
  TaskSchema,
  TaskUpdateSchema,
  TagsSchema,
  TITLE_MAX,
  CompletionSchema,
} from './task.ts';

const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  (result.error?.issues ?? []).map((issue) => issue.path.join('.'));

describe('TaskCreateSchema', () => {
  it('fills the defaults of the seed contract', () => {
    expect(TaskCreateSchema.parse({ title: 'Buy milk' })).toEqual({
      title: 'Buy milk',
      description: '',
      completed: false,
      priority: 'Medium',
      due_at: null,
      tags: [],
    });
  });

  it('trims the title and measures it after trimming', () => {
    expect(TaskCreateSchema.parse({ title: '  padded  ' }).title).toBe('padded');
    const full = 'x'.repeat(TITLE_MAX);
    expect(TaskCreateSchema.parse({ title: `   ${full}   ` }).title).toBe(full);
    expect(paths(TaskCreateSchema.safeParse({ title: '   ' }))).toEqual(['title']);
    expect(paths(TaskCreateSchema.safeParse({ title: `${full}x` }))).toEqual(['title']);
  });

  it('keeps quotes, SQL, HTML and emoji verbatim', () => {
    const title = `Robert'); DROP TABLE tasks;-- <script>"x"</script> 🚀👩‍💻`;
    const description = '  leading and trailing space stay  \n';
    expect(TaskCreateSchema.parse({ title, description })).toMatchObject({ title, description });
  });

  it('refuses text Postgres cannot store as sent: NUL and unpaired surrogates', () => {
    const result = TaskCreateSchema.safeParse({
      title: 'nul\u0000',
      description: 'half \ud800 pair',
      tags: ['ok', 'x\udc00'],
    });
    expect(paths(result)).toEqual(['title', 'description', 'tags.1']);
    expect(TaskCreateSchema.safeParse({ title: 'paired 😀' }).success).toBe(true);
  });

  it('rejects unknown and read-only fields by name', () => {
    const result = TaskCreateSchema.safeParse({ title: 'a', id: 'x', version: 3, colour: 'red' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      code: 'unrecognized_keys',
      keys: ['id', 'version', 'colour'],
    });
  });

  it('names each wrong type, bad enum and bad timestamp', () => {
    const result = TaskCreateSchema.safeParse({
      title: 5,
      completed: 'yes',
      priority: 'Urgent',
      due_at: 'tomorrow',
      description: 'd'.repeat(5001),
    });
    expect(paths(result).sort()).toEqual([
      'completed',
      'description',
      'due_at',
      'priority',
      'title',
    ]);
  });
});

describe('TagsSchema', () => {
  it('trims, lower-cases and de-duplicates', () => {
    expect(TagsSchema.parse([' Work ', 'work', 'HOME'])).toEqual(['work', 'home']);
  });

  it('allows at most 20 distinct tags of 1–32 characters', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => `t${i}`);
    expect(TagsSchema.parse([...twenty, ...twenty])).toHaveLength(20);
    expect(TagsSchema.safeParse([...twenty, 'one-more']).success).toBe(false);
    expect(paths(TagsSchema.safeParse(['ok', ' ', 'x'.repeat(33)]))).toEqual(['1', '2']);
  });

  it('fails 10,000 tags with one issue on the array itself', () => {
    const result = TaskCreateSchema.safeParse({ title: 'a', tags: Array(10_000).fill('') });
    expect(paths(result)).toEqual(['tags']);
  });
});

describe('InstantSchema', () => {
  it('normalises offsets to UTC with Z and milliseconds', () => {
    expect(InstantSchema.parse('2026-01-31T17:00:00+05:30')).toBe('2026-01-31T11:30:00.000Z');
    expect(InstantSchema.parse('2026-01-31T17:00:00.123456Z')).toBe('2026-01-31T17:00:00.123Z');
  });

  it.each([
    'tomorrow',
    '2026-01-31',
    '2026-02-30T00:00:00Z',
    '2026-01-31T17:00Z',
    '0000-01-01T00:00:00Z',
    '0001-01-01T00:00:00+01:00',
    '9999-12-31T23:30:00-01:00',
  ])('rejects %s', (value) => {
    expect(InstantSchema.safeParse(value).success).toBe(false);
  });
});

describe('TaskUpdateSchema', () => {
  it('accepts any subset, including an empty body and null due_at', () => {
    expect(TaskUpdateSchema.parse({})).toEqual({});
    expect(TaskUpdateSchema.parse({ due_at: null, tags: ['A'] })).toEqual({
      due_at: null,
      tags: ['a'],
    });
  });

  it('refuses every server-owned field', () => {
    for (const field of ['id', 'user_id', 'version', 'created_at', 'updated_at', 'completed_at']) {
      const result = TaskUpdateSchema.safeParse({ [field]: null });
      expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: [field] });
    }
  });

  it('does not accept null for non-nullable fields', () => {
    expect(paths(TaskUpdateSchema.safeParse({ title: null, completed: null }))).toEqual([
      'title',
      'completed',
    ]);
  });
});

describe('CompletionSchema and BulkActionSchema', () => {
  it('takes only a boolean completion', () => {
    expect(CompletionSchema.parse({ completed: true })).toEqual({ completed: true });
    expect(CompletionSchema.safeParse({ completed: 'true' }).success).toBe(false);
    expect(CompletionSchema.safeParse({}).success).toBe(false);
  });

  it('takes 1–500 well-formed ids and a known action', () => {
    const id = '0b6f1c1e-2f43-4f7e-9d1c-3c1c0e6b8a11';
    expect(BulkActionSchema.parse({ action: 'delete', ids: [id.toUpperCase()] }).ids).toHaveLength(
      1,
    );
    expect(paths(BulkActionSchema.safeParse({ action: 'archive', ids: [] })).sort()).toEqual([
      'action',
      'ids',
    ]);
    expect(
      paths(BulkActionSchema.safeParse({ action: 'delete', ids: Array(501).fill(id) })),
    ).toEqual(['ids']);
    expect(paths(BulkActionSchema.safeParse({ action: 'delete', ids: ['nope'] }))).toEqual([
      'ids.0',
    ]);
  });
});

describe('TaskSchema', () => {
  it('accepts only UTC timestamps with Z', () => {
    const task = {
      id: '0b6f1c1e-2f43-4f7e-9d1c-3c1c0e6b8a11',
      title: 't',
      description: '',
      completed: false,
      completed_at: null,
      priority: 'Low',
      due_at: null,
      due_date: null,
      due_time: null,
      time_zone: null,
      recurrence: null,
      occurrence: 1,
      tags: [],
      reminders: [{ before_minutes: 30 }],
      user_id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      list_id: '3f2c1b0a-9d8e-4c7b-a6f5-e4d3c2b1a090',
      created_by: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      completed_by: null,
      assignee_id: null,
      version: 1,
      created_at: '2026-01-31T17:00:00.000Z',
      updated_at: '2026-01-31T17:00:00.000Z',
    };
    expect(TaskSchema.parse(task)).toEqual(task);
    expect(TaskSchema.safeParse({ ...task, created_at: '2026-01-31T17:00:00+00:00' }).success).toBe(
      false,
    );
  });
});
