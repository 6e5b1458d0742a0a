// Differences between two snapshots of one service's contract, each marked breaking or compatible.
import type { ContractSnapshot } from "@orgboard/contracts";
import { breakingChanges, canonical, type Side } from "./schema-diff.js";

export interface ContractChange {
  /** The procedure path (`membership.orgs.get`) or event type (`membership.member.created`). */
  where: string;
  /** JSON path of the field inside the input/output/payload, "" for the procedure or event itself. */
  path: string;
  breaking: boolean;
  vi: string;
  en: string;
}

/** `membership.orgs.get: đầu ra bỏ trường "items[].name" / output field "items[].name" removed` */
export const formatChange = (c: ContractChange): string => `${c.where}: ${c.vi} / ${c.en}`;

const SIDE_NAME: Record<Side, { vi: string; en: string }> = {
  input: { vi: "đầu vào", en: "input" },
  output: { vi: "đầu ra", en: "output" },
  event: { vi: "nội dung sự kiện", en: "event payload" },
};

function compareSide(where: string, oldSchema: unknown, newSchema: unknown, side: Side): ContractChange[] {
  if (canonical(oldSchema) === canonical(newSchema)) return [];
  const breaking = breakingChanges(oldSchema, newSchema, side).map((p) => ({ where, path: p.path, breaking: true, vi: p.vi, en: p.en }));
  if (breaking.length > 0) return breaking;
  // Compatible: name where it changed (the problems the reverse direction would have), or say that only
  // annotations (descriptions, defaults) changed.
  const name = SIDE_NAME[side];
  const widened = breakingChanges(newSchema, oldSchema, side);
  const paths = [...new Set(widened.map((p) => p.path))];
  if (paths.length === 0) {
    return [{ where, path: "", breaking: false, vi: `${name.vi} chỉ đổi chú thích (description, default…)`, en: `${name.en} annotations changed (description, default…)` }];
  }
  return paths.map((path) => ({ where, path, breaking: false, vi: `${name.vi} đổi tương thích ở "${path}"`, en: `${name.en} changed compatibly at "${path}"` }));
}

/** Every difference from `older` to `newer`; breaking ones first, then in path order. */
export function diffSnapshots(older: ContractSnapshot, newer: ContractSnapshot): ContractChange[] {
  const out: ContractChange[] = [];
  const paths = [...new Set([...Object.keys(older.procedures), ...Object.keys(newer.procedures)])].sort();
  for (const path of paths) {
    const o = older.procedures[path];
    const n = newer.procedures[path];
    if (o && !n) out.push({ where: path, path: "", breaking: true, vi: "bỏ thủ tục", en: "procedure removed" });
    else if (!o && n) out.push({ where: path, path: "", breaking: false, vi: `thêm thủ tục (${n.kind})`, en: `procedure added (${n.kind})` });
    else if (o && n) {
      if (o.kind !== n.kind) {
        out.push({ where: path, path: "", breaking: true, vi: `đổi loại ${o.kind} → ${n.kind}`, en: `kind changed ${o.kind} → ${n.kind}` });
        continue;
      }
      out.push(...compareSide(path, o.input, n.input, "input"), ...compareSide(path, o.output, n.output, "output"));
    }
  }
  const types = [...new Set([...Object.keys(older.events), ...Object.keys(newer.events)])].sort();
  for (const type of types) {
    const inOld = type in older.events;
    const inNew = type in newer.events;
    if (inOld && !inNew) out.push({ where: type, path: "", breaking: true, vi: "bỏ loại sự kiện", en: "event type removed" });
    else if (!inOld && inNew) out.push({ where: type, path: "", breaking: false, vi: "thêm loại sự kiện", en: "event type added" });
    else out.push(...compareSide(type, older.events[type], newer.events[type], "event"));
  }
  return [...out.filter((c) => c.breaking), ...out.filter((c) => !c.breaking)];
}
