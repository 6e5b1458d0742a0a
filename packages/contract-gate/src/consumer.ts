// "A dashboard built against the previous contract still works against the new service": validate a live
// answer against the output schema a recorded snapshot holds.
//
// Validator: Ajv (ajv/dist/2020, draft 2020-12 as zod writes it, plus ajv-formats for date/email/uuid…): the
// most used JSON Schema validator for JavaScript, maintained, compiles each schema once. Zod cannot be used
// here: a snapshot is JSON, the old zod schemas are gone (docs/decisions/0006-contract-compatibility.md).
import type { ContractSnapshot, ServiceContract } from "@orgboard/contracts";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import formats from "ajv-formats";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface AnswerError {
  /** Where in the answer: `items[0].name`, `$` for the whole answer. */
  path: string;
  message: string;
}

const addFormats = formats.default;

/**
 * A consumer ignores fields it does not know: `additionalProperties: false` (zod writes it on every output
 * object) is dropped so that a new output field, a compatible change, is no error.
 */
function tolerant(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(tolerant);
  if (typeof schema !== "object" || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === "additionalProperties" && v === false) continue;
    out[k] = tolerant(v);
  }
  return out;
}

function newAjv(): Ajv2020 {
  // allErrors: name every wrong field at once. Formats zod writes but ajv-formats lacks (cuid, nanoid, …) are
  // added as "anything" below rather than failing to compile.
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
  addFormats(ajv);
  return ajv;
}

const compiled = new WeakMap<ContractSnapshot, Map<string, ValidateFunction>>();

function validatorFor(snapshot: ContractSnapshot, name: string): ValidateFunction {
  let bySnap = compiled.get(snapshot);
  if (!bySnap) compiled.set(snapshot, (bySnap = new Map<string, ValidateFunction>()));
  const cached = bySnap.get(name);
  if (cached) return cached;
  const schema = snapshot.procedures[name]?.output ?? snapshot.events[name];
  if (schema === undefined) {
    throw new Error(`${snapshot.service} ${snapshot.version}: no procedure or event type "${name}" in this snapshot`);
  }
  const ajv = newAjv();
  const relaxed = tolerant(schema) as Record<string, unknown>;
  const unknownFormats = new Set<string>();
  JSON.stringify(relaxed, (k, v: unknown) => {
    if (k === "format" && typeof v === "string" && !ajv.formats[v]) unknownFormats.add(v);
    return v;
  });
  for (const f of unknownFormats) ajv.addFormat(f, true);
  const { $schema: _s, ...body } = relaxed;
  const validate = ajv.compile(body);
  bySnap.set(name, validate);
  return validate;
}

const shorten = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);

function pathOf(e: ErrorObject): string {
  let p = "";
  for (const seg of e.instancePath.split("/").slice(1)) {
    const s = seg.replace(/~1/g, "/").replace(/~0/g, "~");
    p += /^\d+$/.test(s) ? `[${s}]` : p === "" ? s : `.${s}`;
  }
  if (e.keyword === "required") {
    const missing = (e.params as { missingProperty: string }).missingProperty;
    p = p === "" ? missing : `${p}.${missing}`;
  }
  return p === "" ? "$" : p;
}

/**
 * The errors of a live `answer` of `procedurePath` (a query/mutation's answer, or one value a subscription
 * yields; an event type names an event payload) against the output schema recorded in `snapshot`.
 * Empty: a consumer built against that version accepts the answer. Unknown fields are not errors.
 */
export function validateAgainstSnapshot(snapshot: ContractSnapshot, procedurePath: string, answer: unknown): AnswerError[] {
  const validate = validatorFor(snapshot, procedurePath);
  if (validate(answer)) return [];
  return (validate.errors ?? []).map((e) => ({
    path: pathOf(e),
    message:
      e.keyword === "required"
        ? "thiếu trường / missing"
        : e.keyword === "pattern" // zod's date/uuid patterns run to 300 characters
          ? `must match pattern "${shorten((e.params as { pattern: string }).pattern)}"`
          : (e.message ?? e.keyword),
  }));
}

/** `validateAgainstSnapshot` as text lines, for assertion messages: `items[0].name: must be string`. */
export const formatAnswerErrors = (errors: AnswerError[]): string[] => errors.map((e) => `${e.path}: ${e.message}`);

const VERSION_FILE = /^(\d+)\.(\d+)\.json$/;

/**
 * Every recorded snapshot of `contract` that its consumers may still be built against: same major version,
 * not newer than the contract (the contract's own version included), oldest first. `dir` is the contract
 * package (with snapshots/) or the snapshots directory itself.
 */
export function olderCompatibleSnapshots(dir: string, contract: Pick<ServiceContract, "service" | "version">): ContractSnapshot[] {
  const snapDir = existsSync(join(dir, "snapshots")) ? join(dir, "snapshots") : dir;
  const [major, minor] = contract.version.split(".").map(Number) as [number, number];
  return readdirSync(snapDir)
    .map((f) => VERSION_FILE.exec(f))
    .filter((m): m is RegExpExecArray => m !== null && Number(m[1]) === major && Number(m[2]) <= minor)
    .sort((a, b) => Number(a[2]) - Number(b[2]))
    .map((m) => JSON.parse(readFileSync(join(snapDir, m[0]), "utf8")) as ContractSnapshot)
    .filter((s) => s.service === contract.service);
}
