import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { caseInsensitiveEnum } from './case-insensitive-enum.ts';

describe('caseInsensitiveEnum', () => {
  const Priority = caseInsensitiveEnum(z.enum(['High', 'Medium', 'Low']));

  it('parses any letter case to the canonical value', () => {
    for (const input of ['high', 'HIGH', 'hIgH', 'High'])
      expect(Priority.parse(input)).toBe('High');
  });

  it('refuses other values and non-strings, listing the canonical ones', () => {
    for (const input of ['urgent', ' high', '', 1, null]) {
      const result = Priority.safeParse(input);
      expect(result.success, String(input)).toBe(false);
    }
    expect(Priority.safeParse('urgent').error?.issues[0]?.message).toContain('"High"');
  });

  it('projects to a JSON Schema of the canonical values, for requests and responses', () => {
    for (const io of ['input', 'output'] as const) {
      const { $schema: _, ...schema } = z.toJSONSchema(Priority, { io });
      expect(schema).toEqual({ type: 'string', enum: ['High', 'Medium', 'Low'] });
    }
  });
});
