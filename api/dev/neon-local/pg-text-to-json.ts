// Without `Neon-Raw-Text-Output: true` Neon's proxy turns some text values into JSON values
// (booleans, 2/4-byte integers, floats, json, arrays of those); everything else stays a string.
// The serverless driver always asks for raw text, so this path serves other HTTP clients only.

const BOOL = 16;
const INT2 = 21;
const INT4 = 23;
const FLOAT4 = 700;
const FLOAT8 = 701;
const JSON_OID = 114;
const JSONB = 3802;

// Built-in array types → element type. Arrays of user-defined types (enums…) are not known here
// and stay strings, where Neon would split them into lists of strings.
// prettier-ignore
const ARRAY_ELEMENT = new Map<number, number>([
  [1000, BOOL], [1001, 17], [1002, 18], [1003, 19], [1005, INT2], [1007, INT4], [1009, 25],
  [1014, 1042], [1015, 1043], [1016, 20], [1021, FLOAT4], [1022, FLOAT8], [1028, 26],
  [1115, 1114], [1182, 1082], [1183, 1083], [1185, 1184], [1187, 1186], [1231, 1700],
  [199, JSON_OID], [2951, 2950], [3807, JSONB], [1270, 1266], [1041, 869], [651, 650],
]);

/** Converts one non-null text value of type `oid` the way Neon's pg_text_to_json does. */
export function pgTextToJson(text: string, oid: number): unknown {
  const element = ARRAY_ELEMENT.get(oid);
  if (element !== undefined) return parseArray(text, element);
  switch (oid) {
    case BOOL:
      return text === 't';
    case INT2:
    case INT4:
      return Number.parseInt(text, 10);
    case FLOAT4:
    case FLOAT8: {
      const value = Number(text);
      // NaN and ±Infinity have no JSON number: Neon keeps their text.
      return Number.isFinite(value) ? value : text;
    }
    case JSON_OID:
    case JSONB:
      return JSON.parse(text);
    default:
      return text;
  }
}

function parseArray(text: string, element: number): unknown[] {
  // Explicit bounds ("[0:1]={a,b}") have no JSON form; Neon drops them.
  const body = (text.startsWith('[') ? text.slice(text.indexOf('=') + 1) : text).trimStart();
  const reader = { text: body, at: 0 };
  const list = readList(reader, element);
  if (reader.text.slice(reader.at).trim() !== '') throw new Error('unbalanced array');
  return list;
}

interface Reader {
  text: string;
  at: number;
}

function readList(reader: Reader, element: number): unknown[] {
  if (reader.text[reader.at] !== '{') throw new Error('unbalanced array');
  reader.at++;
  const items: unknown[] = [];
  if (reader.text[reader.at] === '}') {
    reader.at++;
    return items;
  }
  for (;;) {
    skipSpace(reader);
    items.push(readItem(reader, element));
    skipSpace(reader);
    const next = reader.text[reader.at++];
    if (next === '}') return items;
    if (next !== ',') throw new Error('unbalanced array');
  }
}

function readItem(reader: Reader, element: number): unknown {
  const first = reader.text[reader.at];
  if (first === '{') return readList(reader, element);
  if (first === '"') return pgTextToJson(readQuoted(reader), element);
  let end = reader.at;
  while (end < reader.text.length && reader.text[end] !== ',' && reader.text[end] !== '}') end++;
  if (end >= reader.text.length) throw new Error('unbalanced array');
  const item = reader.text.slice(reader.at, end).trimEnd();
  reader.at = end;
  return item === 'NULL' ? null : pgTextToJson(item, element);
}

function readQuoted(reader: Reader): string {
  let value = '';
  reader.at++;
  while (reader.at < reader.text.length) {
    const char = reader.text[reader.at++]!;
    if (char === '"') return value;
    value += char === '\\' ? (reader.text[reader.at++] ?? '') : char;
  }
  throw new Error('unbalanced quoted string');
}

function skipSpace(reader: Reader): void {
  while (/\s/.test(reader.text[reader.at] ?? '')) reader.at++;
}
