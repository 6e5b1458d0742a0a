// Breaking-change detection between two JSON Schemas (draft 2020-12, as zod 4's `z.toJSONSchema` writes them).
//
// Hand-written on purpose (docs/decisions/0006-contract-compatibility.md): the published JSON Schema diff
// tools answer "added/removed keywords", not "can a consumer built against the old schema still talk to the
// new one", and none names the field in our message format. The question asked here is a subset test:
//
//   - outputs and event payloads (what consumers receive): every value the NEW schema allows must be
//     accepted by the OLD one (`isSubset(new, old)`), except that unknown properties are always fine (a
//     consumer ignores fields it does not know) and a removed property is breaking even when it was optional
//     (the consumer reads it);
//   - inputs (what consumers send): every value the OLD schema allowed must be accepted by the NEW one
//     (`isSubset(old, new)`).
//
// Anything the walker does not understand (allOf, not, if/then/else, …) that differs is reported as breaking:
// the gate errs on the side of asking for a major version.

export type Side = "input" | "output" | "event";

export interface SchemaProblem {
  /** JSON path of the field: `items[].name`, `counts.*`, `$` for the whole value. */
  path: string;
  vi: string;
  en: string;
}

type Schema = Record<string, unknown>;
type Json = unknown;

const SIDE: Record<Side, { vi: string; en: string }> = {
  input: { vi: "đầu vào", en: "input" },
  output: { vi: "đầu ra", en: "output" },
  event: { vi: "nội dung sự kiện", en: "event payload" },
};

// Keywords that only describe: they never change which values are valid.
const ANNOTATIONS = new Set(["$schema", "$id", "$comment", "title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly", "id"]);
// Keywords the walker compares itself; any other keyword that differs is reported as "not analysed".
const UNDERSTOOD = new Set([
  "type", "enum", "const", "anyOf", "oneOf", "$ref", "$defs", "definitions",
  "properties", "required", "additionalProperties", "propertyNames", "patternProperties",
  "items", "prefixItems", "minItems", "maxItems", "uniqueItems",
  "minLength", "maxLength", "pattern", "format", "contentEncoding", "contentMediaType",
  "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
  "minProperties", "maxProperties",
]);

const isObj = (v: unknown): v is Schema => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * JSON with sorted keys, and `required` lists sorted: reordering the fields of a zod object changes neither
 * what is valid nor the contract.
 */
export const canonical = (v: Json): string =>
  JSON.stringify(v, (k, val: unknown) => {
    if (k === "required" && Array.isArray(val) && val.every((x) => typeof x === "string")) return [...val].sort();
    return isObj(val) ? Object.fromEntries(Object.keys(val).sort().map((key) => [key, val[key]])) : val;
  });
const same = (a: Json, b: Json) => canonical(a) === canonical(b);
const show = (v: Json) => {
  const text = typeof v === "string" ? `"${v}"` : JSON.stringify(v);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text; // zod's date/uuid patterns run to 300 characters
};
const fmtPath = (path: string) => (path === "" ? "$" : path);
const child = (path: string, key: string) => (path === "" ? key : `${path}.${key}`);

/** Resolves local `$ref`s (`#`, `#/$defs/x`) against the root schema they belong to. */
function resolver(root: Json) {
  return (node: Json): Json => {
    let cur = node;
    for (let hops = 0; isObj(cur) && typeof cur.$ref === "string" && hops < 32; hops++) {
      const ref = cur.$ref;
      if (!ref.startsWith("#")) return cur; // remote refs are not resolved (zod never writes them)
      let target: Json = root;
      for (const raw of ref.slice(1).split("/").filter(Boolean)) {
        const seg = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
        target = isObj(target) ? target[seg] : Array.isArray(target) ? (target as Json[])[Number(seg)] : undefined;
      }
      // A $ref with siblings (draft 2020-12 allows them) applies both; merge the siblings over the target.
      const { $ref: _ignored, ...siblings } = cur;
      cur = isObj(target) ? { ...target, ...siblings } : target;
    }
    return cur;
  };
}

/** The alternatives a value may match: anyOf/oneOf flattened, `type: [a, b]` split. */
function variants(node: Json, deref: (n: Json) => Json): Json[] {
  const s = deref(node);
  if (!isObj(s)) return [s];
  const alts = (s.anyOf ?? s.oneOf) as Json[] | undefined;
  if (Array.isArray(alts)) {
    const { anyOf: _a, oneOf: _o, ...rest } = s;
    const restKeys = Object.keys(rest).filter((k) => !ANNOTATIONS.has(k));
    return alts.flatMap((alt) => variants(restKeys.length > 0 ? { ...rest, ...(deref(alt) as Schema) } : alt, deref));
  }
  if (Array.isArray(s.type)) {
    const types = s.type as string[];
    if (types.length === 1) return [{ ...s, type: types[0] }];
    return types.map((t) => {
      if (t === "null") return { type: "null" };
      return { ...s, type: t };
    });
  }
  return [s];
}

/** The JSON type of a variant ("any" when unconstrained). */
function typeOf(s: Json): string {
  if (s === true) return "any";
  if (s === false) return "never";
  if (!isObj(s)) return "any";
  if (typeof s.type === "string") return s.type;
  const values = s.const !== undefined ? [s.const] : Array.isArray(s.enum) ? (s.enum as Json[]) : undefined;
  if (values && values.length > 0) {
    const kinds = new Set(values.map((v) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v === "number" && Number.isInteger(v) ? "integer" : typeof v)));
    if (kinds.size === 1) return [...kinds][0]!;
  }
  if (isObj(s.properties) || s.additionalProperties !== undefined || Array.isArray(s.required)) return "object";
  if (s.items !== undefined || s.prefixItems !== undefined) return "array";
  return "any";
}

const typeFits = (a: string, b: string) => b === "any" || a === b || (a === "integer" && b === "number") || a === "never";

function allowedValues(s: Schema): Json[] | undefined {
  if (s.const !== undefined) return [s.const];
  if (Array.isArray(s.enum)) return s.enum as Json[];
  return undefined;
}

interface Ctx {
  side: Side;
  /** True when A is the new schema (outputs/events), false when A is the old one (inputs). */
  aIsNew: boolean;
  derefA: (n: Json) => Json;
  derefB: (n: Json) => Json;
  seen: Set<string>;
}

type Found = SchemaProblem[];

/** Problems that make some value of `a` invalid under `b`. */
function subset(a: Json, b: Json, path: string, ctx: Ctx, out: Found): void {
  const ra = ctx.derefA(a);
  const rb = ctx.derefB(b);
  // Recursive schemas: a pair of $refs already being compared further up this branch is not entered again.
  const key = `${isObj(a) && typeof a.$ref === "string" ? a.$ref : ""}|${isObj(b) && typeof b.$ref === "string" ? b.$ref : ""}`;
  if (key === "|") return compare(ra, rb, path, ctx, out);
  if (ctx.seen.has(key)) return;
  ctx.seen.add(key);
  try {
    compare(ra, rb, path, ctx, out);
  } finally {
    ctx.seen.delete(key);
  }
}

function compare(ra: Json, rb: Json, path: string, ctx: Ctx, out: Found): void {
  if (typeOf(rb) === "any" && !hasConstraints(rb)) return; // b accepts anything
  const va = variants(ra, ctx.derefA);
  const vb = variants(rb, ctx.derefB);
  if (va.length === 1 && vb.length === 1) return single(va[0], vb[0], path, ctx, out);

  const unmatchedTypes: string[] = [];
  for (const x of va) {
    const tx = typeOf(x);
    let candidates = vb.filter((y) => typeFits(tx, typeOf(y)));
    if (candidates.length === 0) {
      unmatchedTypes.push(tx);
      continue;
    }
    // Tagged unions: pair variants by their constant properties (`kind: "a"`) before comparing fields.
    const tags = constProps(x, ctx.derefA);
    const tagged = candidates.filter((y) => {
      const other = constProps(y, ctx.derefB);
      return [...tags].every(([k, v]) => !other.has(k) || other.get(k) === v);
    });
    if (tagged.length === 0) {
      const tag = [...tags].map(([k, v]) => `${k}=${v}`).join(", ");
      const side = SIDE[ctx.side];
      const p = fmtPath(path);
      out.push(
        ctx.aIsNew
          ? { path: p, vi: `trường ${side.vi} "${p}" có thêm biến thể ${tag}`, en: `${side.en} field "${p}" gained the variant ${tag}` }
          : { path: p, vi: `trường ${side.vi} "${p}" bỏ biến thể ${tag}`, en: `${side.en} field "${p}" lost the variant ${tag}` },
      );
      continue;
    }
    if (tagged.length > 0) candidates = tagged;
    let best: Found | undefined;
    for (const y of candidates) {
      const found: Found = [];
      single(x, y, path, ctx, found);
      if (found.length === 0) {
        best = found;
        break;
      }
      if (!best || found.length < best.length) best = found;
    }
    out.push(...best!);
  }
  if (unmatchedTypes.length > 0) out.push(typeProblem(va, vb, unmatchedTypes, path, ctx));
}

/** Properties with a single constant value (`kind: "a"`), as canonical JSON. */
function constProps(s: Json, deref: (n: Json) => Json): Map<string, string> {
  const out = new Map<string, string>();
  if (!isObj(s) || !isObj(s.properties)) return out;
  for (const [k, v] of Object.entries(s.properties)) {
    const d = deref(v);
    const values = isObj(d) ? allowedValues(d) : undefined;
    if (values?.length === 1) out.set(k, canonical(values[0]));
  }
  return out;
}

function hasConstraints(s: Json): boolean {
  return isObj(s) && Object.keys(s).some((k) => !ANNOTATIONS.has(k) && k !== "$defs" && k !== "definitions");
}

const typeList = (vs: Json[]) => [...new Set(vs.map(typeOf))].join(" | ");

function typeProblem(va: Json[], vb: Json[], unmatched: string[], path: string, ctx: Ctx): SchemaProblem {
  const side = SIDE[ctx.side];
  const p = fmtPath(path);
  const [oldVs, newVs] = ctx.aIsNew ? [vb, va] : [va, vb];
  if (unmatched.length === 1 && unmatched[0] === "null") {
    return ctx.aIsNew
      ? { path: p, vi: `trường ${side.vi} "${p}" có thể là null`, en: `${side.en} field "${p}" became nullable` }
      : { path: p, vi: `trường ${side.vi} "${p}" không còn nhận null`, en: `${side.en} field "${p}" no longer accepts null` };
  }
  const change = `${typeList(oldVs)} → ${typeList(newVs)}`;
  return ctx.aIsNew
    ? { path: p, vi: `trường ${side.vi} "${p}" đổi kiểu ${change}`, en: `${side.en} field "${p}" changed type ${change}` }
    : { path: p, vi: `trường ${side.vi} "${p}" thu hẹp kiểu ${change}`, en: `${side.en} field "${p}" narrowed type ${change}` };
}

function single(x: Json, y: Json, path: string, ctx: Ctx, out: Found): void {
  const side = SIDE[ctx.side];
  const p = fmtPath(path);
  const tx = typeOf(x);
  const ty = typeOf(y);
  if (ty === "any" && !hasConstraints(y)) return;
  if (!typeFits(tx, ty)) {
    out.push(typeProblem([x], [y], [tx], path, ctx));
    return;
  }
  const xs = isObj(x) ? x : {};
  const ys = isObj(y) ? y : {};

  // enum / const: every value x allows must be allowed by y.
  const vy = allowedValues(ys);
  if (vy) {
    const vx = allowedValues(xs);
    if (!vx) {
      out.push(
        ctx.aIsNew
          ? { path: p, vi: `trường ${side.vi} "${p}" không còn giới hạn trong danh sách giá trị ${vy.map(show).join(", ")}`, en: `${side.en} field "${p}" is no longer limited to the values ${vy.map(show).join(", ")}` }
          : { path: p, vi: `trường ${side.vi} "${p}" chỉ còn nhận các giá trị ${vy.map(show).join(", ")}`, en: `${side.en} field "${p}" now only accepts the values ${vy.map(show).join(", ")}` },
      );
    } else {
      const extra = vx.filter((v) => !vy.some((w) => same(v, w)));
      if (extra.length > 0) {
        const list = extra.map(show).join(", ");
        out.push(
          ctx.aIsNew
            ? { path: p, vi: `trường ${side.vi} "${p}" có thêm giá trị ${list}`, en: `${side.en} field "${p}" gained enum values ${list}` }
            : { path: p, vi: `trường ${side.vi} "${p}" bỏ giá trị ${list}`, en: `${side.en} field "${p}" lost enum values ${list}` },
        );
      }
    }
  }

  bounds(xs, ys, path, ctx, out);

  if (tx === "object" || ty === "object") objects(xs, ys, path, ctx, out);
  if (tx === "array" || ty === "array") arrays(xs, ys, path, ctx, out);

  // Keywords outside the walker's understanding: any difference is breaking.
  for (const k of new Set([...Object.keys(xs), ...Object.keys(ys)])) {
    if (UNDERSTOOD.has(k) || ANNOTATIONS.has(k)) continue;
    if (!same(xs[k], ys[k])) {
      out.push({ path: p, vi: `trường ${side.vi} "${p}" đổi "${k}" (gate không phân tích được, coi là thay đổi phá vỡ)`, en: `${side.en} field "${p}" changed "${k}" (not analysed by the gate: treated as breaking)` });
    }
  }
}

// Lower bounds (x must not go below y's), upper bounds (x must not exceed y's), and exact-match keywords.
const LOWER = ["minLength", "minItems", "minProperties", "minimum", "exclusiveMinimum"] as const;
const UPPER = ["maxLength", "maxItems", "maxProperties", "maximum", "exclusiveMaximum"] as const;
const EXACT = ["pattern", "format", "multipleOf", "contentEncoding", "contentMediaType", "uniqueItems"] as const;

function bounds(xs: Schema, ys: Schema, path: string, ctx: Ctx, out: Found): void {
  const side = SIDE[ctx.side];
  const p = fmtPath(path);
  const report = (k: string, exact = false) => {
    const [o, n] = ctx.aIsNew ? [ys[k], xs[k]] : [xs[k], ys[k]];
    const change = `${o === undefined ? "(không có / none)" : show(o)} → ${n === undefined ? "(không có / none)" : show(n)}`;
    out.push(
      exact
        ? { path: p, vi: `trường ${side.vi} "${p}" đổi ${k} ${change}`, en: `${side.en} field "${p}" changed ${k} ${change}` }
        : ctx.aIsNew
        ? { path: p, vi: `trường ${side.vi} "${p}" nới ràng buộc ${k} ${change}`, en: `${side.en} field "${p}" loosened ${k} ${change}` }
        : { path: p, vi: `trường ${side.vi} "${p}" siết ràng buộc ${k} ${change}`, en: `${side.en} field "${p}" tightened ${k} ${change}` },
    );
  };
  for (const k of LOWER) {
    const bx = xs[k];
    const by = ys[k];
    if (typeof by !== "number") continue;
    if (typeof bx !== "number" || bx < by) report(k);
  }
  for (const k of UPPER) {
    const bx = xs[k];
    const by = ys[k];
    if (typeof by !== "number") continue;
    if (typeof bx !== "number" || bx > by) report(k);
  }
  for (const k of EXACT) {
    if (ys[k] === undefined || ys[k] === false) continue;
    if (!same(xs[k], ys[k])) report(k, true);
  }
}

function required(s: Schema): Set<string> {
  return new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
}

function objects(xs: Schema, ys: Schema, path: string, ctx: Ctx, out: Found): void {
  const side = SIDE[ctx.side];
  const px = isObj(xs.properties) ? xs.properties : {};
  const py = isObj(ys.properties) ? ys.properties : {};
  const rx = required(xs);
  const ry = required(ys);
  const [oldProps, newProps, oldReq, newReq] = ctx.aIsNew ? [py, px, ry, rx] : [px, py, rx, ry];
  const names = [...new Set([...Object.keys(px), ...Object.keys(py), ...rx, ...ry])].sort();
  for (const name of names) {
    const fp = child(path, name);
    const inOld = name in oldProps || oldReq.has(name);
    const inNew = name in newProps || newReq.has(name);
    if (ctx.aIsNew) {
      // Outputs: consumers read every field the old contract named; unknown new fields are ignored.
      if (inOld && !inNew) {
        out.push({ path: fp, vi: `${side.vi} bỏ trường "${fp}"`, en: `${side.en} field "${fp}" removed` });
        continue;
      }
      if (oldReq.has(name) && !newReq.has(name)) {
        out.push({ path: fp, vi: `trường ${side.vi} "${fp}" thành không bắt buộc`, en: `${side.en} field "${fp}" became optional` });
      }
      if (name in oldProps && name in newProps) subset(newProps[name], oldProps[name], fp, ctx, out);
      else if (name in newProps && !(name in oldProps) && isObj(ys.additionalProperties)) subset(newProps[name], ys.additionalProperties, fp, ctx, out);
    } else {
      // Inputs: what old clients send must still be accepted.
      if (newReq.has(name) && !oldReq.has(name)) {
        out.push(
          inOld
            ? { path: fp, vi: `trường ${side.vi} "${fp}" thành bắt buộc`, en: `${side.en} field "${fp}" became required` }
            : { path: fp, vi: `${side.vi} thêm trường bắt buộc "${fp}"`, en: `new required ${side.en} field "${fp}"` },
        );
      }
      if (inOld && !inNew) {
        if (ys.additionalProperties === false) {
          out.push({ path: fp, vi: `${side.vi} bỏ trường "${fp}" trong khi không nhận trường lạ (additionalProperties: false)`, en: `${side.en} field "${fp}" removed while unknown fields are rejected (additionalProperties: false)` });
        } else if (isObj(ys.additionalProperties)) {
          subset(oldProps[name], ys.additionalProperties, fp, ctx, out);
        }
        continue;
      }
      if (name in oldProps && name in newProps) subset(oldProps[name], newProps[name], fp, ctx, out);
    }
  }

  // Records: the schema of the other values (`additionalProperties`) and of the keys (`propertyNames`).
  const ax = xs.additionalProperties;
  const ay = ys.additionalProperties;
  const any = child(path, "*");
  if (ctx.aIsNew) {
    if (isObj(ax) && isObj(ay)) subset(ax, ay, any, ctx, out);
    else if ((ax === undefined || ax === true) && isObj(ay) && hasConstraints(ay)) out.push({ path: any, vi: `các giá trị "${any}" của ${side.vi} không còn bị giới hạn`, en: `${side.en} values "${any}" are no longer constrained` });
  } else {
    if (ay === false && ax !== false) {
      out.push({ path: fmtPath(path), vi: `${side.vi} "${fmtPath(path)}" không còn nhận trường lạ (additionalProperties: false)`, en: `${side.en} "${fmtPath(path)}" no longer accepts unknown fields (additionalProperties: false)` });
    } else if (isObj(ay)) {
      if (isObj(ax)) subset(ax, ay, any, ctx, out);
      else if (ax === undefined || ax === true) {
        if (hasConstraints(ay)) out.push({ path: any, vi: `các giá trị "${any}" của ${side.vi} bị giới hạn thêm`, en: `${side.en} values "${any}" became constrained` });
      }
    }
  }
  if (ys.propertyNames !== undefined) {
    if (xs.propertyNames === undefined) {
      if (hasConstraints(ys.propertyNames)) out.push({ path: any, vi: `khóa "${any}" của ${side.vi} bị giới hạn thêm`, en: `${side.en} keys "${any}" became constrained` });
    } else subset(xs.propertyNames, ys.propertyNames, `${any} (key)`, ctx, out);
  }
  if (!same(xs.patternProperties, ys.patternProperties)) {
    out.push({ path: fmtPath(path), vi: `${side.vi} "${fmtPath(path)}" đổi patternProperties (coi là thay đổi phá vỡ)`, en: `${side.en} "${fmtPath(path)}" changed patternProperties (treated as breaking)` });
  }
}

function arrays(xs: Schema, ys: Schema, path: string, ctx: Ctx, out: Found): void {
  const side = SIDE[ctx.side];
  const itemPath = `${path}[]`;
  const prefixX = Array.isArray(xs.prefixItems) ? (xs.prefixItems as Json[]) : [];
  const prefixY = Array.isArray(ys.prefixItems) ? (ys.prefixItems as Json[]) : [];
  const n = Math.max(prefixX.length, prefixY.length);
  for (let i = 0; i < n; i++) {
    const ix = i < prefixX.length ? prefixX[i] : (xs.items ?? true);
    const iy = i < prefixY.length ? prefixY[i] : (ys.items ?? true);
    if (iy === false && ix !== false) {
      out.push({ path: `${path}[${i}]`, vi: `${side.vi} "${path}[${i}]" không còn được phép`, en: `${side.en} "${path}[${i}]" is no longer allowed` });
      continue;
    }
    subset(ix, iy, `${path}[${i}]`, ctx, out);
  }
  const itemsX = xs.items ?? true;
  const itemsY = ys.items ?? true;
  if (itemsY === false && itemsX !== false) {
    out.push({ path: itemPath, vi: `${side.vi} "${fmtPath(path)}" không còn nhận phần tử thêm`, en: `${side.en} "${fmtPath(path)}" no longer accepts more items` });
  } else if (itemsY !== true) {
    subset(itemsX, itemsY, itemPath, ctx, out);
  }
}

/**
 * The breaking problems between an old and a new JSON Schema on one side of a procedure or event.
 * Empty: a consumer built against `oldSchema` keeps working with `newSchema`.
 */
export function breakingChanges(oldSchema: Json, newSchema: Json, side: Side): SchemaProblem[] {
  const out: Found = [];
  const aIsNew = side !== "input";
  const [a, b] = aIsNew ? [newSchema, oldSchema] : [oldSchema, newSchema];
  subset(a, b, "", { side, aIsNew, derefA: resolver(a), derefB: resolver(b), seen: new Set() }, out);
  // One message per path and text (unions can report the same field twice).
  const unique = new Map(out.map((p) => [`${p.path}\u0000${p.en}`, p]));
  return [...unique.values()];
}
