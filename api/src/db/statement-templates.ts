// A statement built once per shape instead of on every request. Building a task write through
// Drizzle is most of the JavaScript the request runs (decisions 0032, 0033); for a given shape
// (which fields an edit names, how many versions If-Match lists) the text is the same and only
// the parameters differ. The shape's statement is built twice with stand-in values; a parameter
// that is a stand-in in both builds is a slot the request's value fills, one equal in both is a
// constant, and anything else (a parameter derived from a value, a text that depends on one)
// makes the shape ineligible: it is then built on every request, as before.

/** A value the caller passes through to the statement unchanged (an id, a title, ids). */
export type SlotValue = string | number | string[];

/** A statement's text and parameters, with whatever maps its answer. */
export type Built<M> = { text: string; params: unknown[]; mapper: M };

type Template<M> = { built: Built<M>; slots: number[] };

// Per isolate, by shape; null marks a shape found ineligible. Bounded like the kept statements.
const templates = new Map<string, Template<unknown> | null>();
const MAX_SHAPES = 512;

/** `build(values)`, from the shape's template where it has one. */
export function buildFromTemplate<M>(
  shape: string,
  values: SlotValue[],
  build: (values: SlotValue[]) => Built<M>,
): Built<M> {
  // An array's length is part of the shape: a text may depend on it.
  const key = values.some(Array.isArray)
    ? `${shape} ${values.map((v) => (Array.isArray(v) ? v.length : '')).join()}`
    : shape;
  let template = templates.get(key) as Template<M> | null | undefined;
  if (template === undefined && templates.size < MAX_SHAPES) {
    template = templateOf(values, build);
    templates.set(key, template);
  }
  if (!template) return build(values);
  const { built, slots } = template;
  const params = slots.map((slot, i) => (slot < 0 ? built.params[i] : values[slot]));
  return { text: built.text, params, mapper: built.mapper };
}

function templateOf<M>(values: SlotValue[], build: (values: SlotValue[]) => Built<M>) {
  const a = values.map(standIn);
  const b = values.map(standIn);
  const [first, second] = [build(a), build(b)];
  if (first.text !== second.text || first.params.length !== second.params.length) return null;
  const slots: number[] = [];
  for (const [i, param] of first.params.entries()) {
    const slot = a.indexOf(param as SlotValue);
    if (slot >= 0 && second.params[i] === b[slot]) slots.push(slot);
    else if (isConstant(param, second.params[i], [...a, ...b])) slots.push(-1);
    else return null;
  }
  return { built: first, slots };
}

/** A parameter equal in both builds that no stand-in flows into. */
function isConstant(param: unknown, other: unknown, standIns: SlotValue[]): boolean {
  if (param !== other) return false;
  if (param === null || typeof param === 'boolean' || typeof param === 'number') return true;
  return typeof param === 'string' && !standIns.flat().some((s) => param.includes(String(s)));
}

/** A value of the same type no real request sends, and no other stand-in equals. */
function standIn(value: SlotValue): SlotValue {
  if (typeof value === 'number') return 2_000_000_000 + Math.floor(Math.random() * 100_000_000);
  if (Array.isArray(value)) return value.map(() => `stand-in ${crypto.randomUUID()}`);
  return `stand-in ${crypto.randomUUID()}`;
}
