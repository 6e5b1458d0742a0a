// A whole quarterly conference as a timed script, computed up front from the seed (pure: no I/O).
// Times are simulated minutes from the moment the organizer starts connecting the sites. The runner
// (run.ts) plays the script against the real API. The shape follows the Central Organization
// Commission's Q1-2024 review conference: 67 sites, a report, three new documents disseminated,
// discussion from the provinces, the chair's conclusions.
import type { Edition } from "@orgboard/admin-units";
import { Rng } from "@orgboard/random";
import type { AgendaItemKind, DocumentKind } from "../domain/index.js";
import { buildSites, personName, type SiteSpec } from "./sites.js";

export interface PlannedAgendaItem {
  title: string;
  kind: AgendaItemKind;
  plannedMinutes: number;
  presenterName?: string;
  presenterTitle?: string;
}

export interface PlannedDocument {
  number: string;
  kind: DocumentKind;
  title: string;
  issuer: string;
  issuedOn: string;
}

export type Action =
  | { at: number; kind: "startConnecting" }
  | { at: number; kind: "openSession" }
  | { at: number; kind: "nextItem"; title: string }
  /** The bridge's view of a site's link: 0 = media lost, < 0.6 degraded, else connected. */
  | { at: number; kind: "link"; site: string; quality: number }
  | { at: number; kind: "checkIn"; site: string; present: number }
  | { at: number; kind: "attendance"; site: string; present: number }
  | { at: number; kind: "disseminate"; documents: PlannedDocument[] }
  | { at: number; kind: "register"; site: string; speakerName: string; speakerTitle: string; topic: string }
  | { at: number; kind: "withdraw"; site: string }
  /** `refused`: the planner dropped this site's link over its turn; the API must refuse. */
  | { at: number; kind: "giveFloor"; site: string; refused: boolean }
  | { at: number; kind: "endSpeech"; site: string }
  | { at: number; kind: "conclusion"; text: string }
  | { at: number; kind: "conclude" };

export interface ConferencePlan {
  seed: number | string;
  edition: Edition;
  title: string;
  orgPath: string;
  organizerName: string;
  chairName: string;
  chairTitle: string;
  mode: "online";
  agenda: PlannedAgendaItem[];
  sites: SiteSpec[];
  actions: Action[];
  /** What the script should leave behind, for checking a run. */
  expect: {
    lateSites: string[];
    neverConnects: string | null;
    drops: number;
    degradedSpells: number;
    checkedIn: number;
    presentTotal: number;
    speakers: number;
    speeches: number;
    withdrawn: number;
    refusedFloor: number;
    documents: number;
    conclusions: number;
    durationMinutes: number;
  };
}

export interface PlanOptions {
  sites: number;
  seed: number | string;
  /** Party structure: "2024" (63 provinces + 4 central committees = 67) or "2025" (34 + 6 = 40). */
  edition?: Edition;
}

export const DOCUMENTS: PlannedDocument[] = [
  {
    number: "137-QĐ/TW",
    kind: "regulation",
    title: "Quy định về chức năng, nhiệm vụ, quyền hạn, tổ chức bộ máy cơ quan chuyên trách tham mưu, giúp việc tỉnh ủy, thành ủy trực thuộc Trung ương",
    issuer: "Ban Bí thư",
    issuedOn: "2023-12-01",
  },
  {
    number: "138-QĐ/TW",
    kind: "regulation",
    title: "Quy định về chức năng, nhiệm vụ, mối quan hệ công tác của đảng bộ, chi bộ cơ sở cơ quan",
    issuer: "Ban Bí thư",
    issuedOn: "2023-12-01",
  },
  {
    number: "26-HD/BTCTW",
    kind: "guidance",
    title: "Hướng dẫn thực hiện sắp xếp tổ chức, cán bộ, công chức, viên chức cơ quan Đảng, Mặt trận Tổ quốc và các tổ chức chính trị - xã hội ở những địa phương thực hiện sắp xếp đơn vị hành chính cấp huyện, cấp xã giai đoạn 2023 - 2030",
    issuer: "Ban Tổ chức Trung ương",
    issuedOn: "2023-11-30",
  },
];

const TOPICS = [
  "Cách làm sáng tạo trong công tác tổ chức xây dựng Đảng",
  "Kết nạp đảng viên, nhất là khu vực doanh nghiệp ngoài Nhà nước, trường học",
  "Chính sách đối với cán bộ dôi dư do sắp xếp đơn vị hành chính",
  "Kiện toàn cán bộ chủ chốt",
  "Quy chế phối hợp bảo vệ chính trị nội bộ",
  "Điều chỉnh cơ cấu Ban Chấp hành, Ban Thường vụ cấp ủy cấp tỉnh",
  "Chuẩn bị nhân sự đại hội đảng bộ các cấp tiến tới Đại hội XIV của Đảng",
];

const CONCLUSIONS = [
  "Toàn ngành tiếp tục chủ động thực hiện chương trình, kế hoạch công tác năm 2024; quan tâm công tác phát triển đảng viên, nhất là khu vực doanh nghiệp ngoài Nhà nước, trường học.",
  "Tích cực tham mưu thực hiện đồng bộ các nhóm nhiệm vụ, giải pháp trong Kết luận số 21-KL/TW và Nghị quyết số 21-NQ/TW về củng cố, xây dựng tổ chức cơ sở đảng và nâng cao chất lượng đội ngũ đảng viên.",
  "Bảo đảm tiến độ các nghị quyết, kết luận của Ban Chấp hành Trung ương Đảng khóa XIII về công tác tổ chức xây dựng Đảng.",
];

/** Minutes, to the millisecond's worth of a minute, so script times compare exactly. */
const m = (x: number) => Math.round(x * 1000) / 1000;

export function planConference(opts: PlanOptions): ConferencePlan {
  if (!Number.isInteger(opts.sites) || opts.sites < 1) throw new RangeError(`sites must be a whole number ≥ 1 (got ${opts.sites})`);
  const edition: Edition = opts.edition ?? (opts.sites <= 40 ? "2025" : "2024");
  const r = new Rng(opts.seed);
  // Floats to 3 decimals (enough for minutes; keeps plans readable).
  const float = (from: number, to: number) => Math.round(r.float(from, to) * 1000) / 1000;
  const sites = buildSites(opts.sites, edition, r);
  const codes = sites.map((s) => s.code);
  const byCode = new Map(sites.map((s) => [s.code, s]));
  const actions: Action[] = [];
  const add = (a: Action) => actions.push({ ...a, at: m(a.at) });

  const OPEN_AT = 30;
  add({ at: 0, kind: "startConnecting" });

  // Who connects when: one never does, about one in ten after the session opened, the rest before.
  const neverConnects = sites.length >= 2 ? r.pick(codes.slice(1)) : null;
  const connecting = codes.filter((c) => c !== neverConnects);
  const late = new Set(r.sample(connecting, Math.max(sites.length >= 3 ? 1 : 0, Math.round(sites.length * 0.1))));
  const checkInAt = new Map<string, number>();
  const present = new Map<string, number>();
  // The first site is always on time, so the session can open.
  for (const code of connecting) {
    const isLate = late.has(code) && code !== codes[0];
    if (!isLate) late.delete(code);
    const connectAt = isLate ? float(OPEN_AT + 2, OPEN_AT + 25) : code === codes[0] ? 1 : float(1, OPEN_AT - 4);
    add({ at: connectAt, kind: "link", site: code, quality: float(0.75, 1) });
    const spec = byCode.get(code)!;
    const at = m(connectAt + float(0.5, 3));
    const count = spec.expectedAttendance - r.int(0, Math.floor(spec.expectedAttendance * 0.15));
    checkInAt.set(code, at);
    present.set(code, count);
    add({ at, kind: "checkIn", site: code, present: count });
  }

  // The agenda, with actual durations drawn around the planned ones (the report tends to run long).
  const agenda: PlannedAgendaItem[] = [
    { title: "Khai mạc hội nghị", kind: "opening", plannedMinutes: 5, presenterName: "Mai Văn Chính", presenterTitle: "Phó Trưởng Ban Thường trực Ban Tổ chức Trung ương" },
    { title: "Báo cáo tóm tắt kết quả công tác tổ chức xây dựng Đảng quý I, phương hướng, nhiệm vụ trọng tâm quý II năm 2024", kind: "report", plannedMinutes: 30, presenterName: personName(r), presenterTitle: "Vụ trưởng Vụ Tổng hợp" },
    { title: "Quán triệt Quy định số 137-QĐ/TW, Quy định số 138-QĐ/TW, Hướng dẫn số 26-HD/BTCTW", kind: "dissemination", plannedMinutes: 40, presenterName: personName(r), presenterTitle: "Vụ trưởng Vụ Tổ chức - Cán bộ" },
    { title: "Thảo luận", kind: "discussion", plannedMinutes: 60 },
    { title: "Kết luận hội nghị", kind: "closing", plannedMinutes: 15, presenterName: "Mai Văn Chính", presenterTitle: "Phó Trưởng Ban Thường trực Ban Tổ chức Trung ương" },
  ];
  add({ at: OPEN_AT, kind: "openSession" });
  const openingStart = OPEN_AT + 0.2;
  const reportStart = m(openingStart + float(4, 7));
  const disseminationStart = m(reportStart + float(27, 38));
  const discussionStart = m(disseminationStart + float(35, 46));
  add({ at: openingStart, kind: "nextItem", title: agenda[0]!.title });
  add({ at: reportStart, kind: "nextItem", title: agenda[1]!.title });
  add({ at: disseminationStart, kind: "nextItem", title: agenda[2]!.title });
  add({ at: disseminationStart + 0.5, kind: "disseminate", documents: DOCUMENTS });
  add({ at: discussionStart, kind: "nextItem", title: agenda[3]!.title });

  // Speakers: on-time sites register during the report and the dissemination; the last one withdraws.
  const onTime = connecting.filter((c) => !late.has(c));
  const speakerCount = Math.min(onTime.length, Math.max(Math.min(3, onTime.length), Math.min(12, Math.round(sites.length * 0.12))));
  const speakers = r.sample(onTime, speakerCount).map((code) => ({
    code,
    registerAt: Math.max(m(checkInAt.get(code)! + 0.5), float(reportStart, discussionStart - 1)),
    speakerName: personName(r),
    speakerTitle: r.pick(["Trưởng Ban Tổ chức", "Phó Trưởng Ban Tổ chức", "Phó Bí thư Thường trực"]),
    topic: r.pick(TOPICS),
    minutes: float(5, 9),
  }));
  speakers.sort((a, b) => a.registerAt - b.registerAt);
  for (const s of speakers) add({ at: s.registerAt, kind: "register", site: s.code, speakerName: s.speakerName, speakerTitle: s.speakerTitle, topic: s.topic });
  const withdrawn = speakers.length >= 3 ? speakers[speakers.length - 1]! : null;
  if (withdrawn) add({ at: Math.max(withdrawn.registerAt + 0.2, discussionStart - 0.5), kind: "withdraw", site: withdrawn.code });
  const queue = speakers.filter((s) => s !== withdrawn);

  // The floor in queue order. One speaker's link drops just before its turn: the chair is refused,
  // moves on, and comes back to that site at the end, when it has reconnected.
  const refusedSpeaker = queue.length >= 3 ? queue[1]! : null;
  let t = discussionStart + 0.5;
  let refusedFloor = 0;
  for (const s of queue.filter((q) => q !== refusedSpeaker)) {
    if (refusedSpeaker && s === queue[2]) {
      // The refused attempt comes in queue order, right before the next speaker.
      add({ at: t - 1, kind: "link", site: refusedSpeaker.code, quality: 0 });
      add({ at: t, kind: "giveFloor", site: refusedSpeaker.code, refused: true });
      add({ at: t + 2.5, kind: "link", site: refusedSpeaker.code, quality: 0.9 });
      refusedFloor += 1;
      t += 0.1;
    }
    add({ at: t, kind: "giveFloor", site: s.code, refused: false });
    t += s.minutes;
    add({ at: t, kind: "endSpeech", site: s.code });
    t += 0.3;
  }
  if (refusedSpeaker) {
    add({ at: t, kind: "giveFloor", site: refusedSpeaker.code, refused: false });
    t += refusedSpeaker.minutes;
    add({ at: t, kind: "endSpeech", site: refusedSpeaker.code });
    t += 0.3;
  }
  const closingStart = m(Math.max(t + 0.5, discussionStart + 20));
  add({ at: closingStart, kind: "nextItem", title: agenda[4]!.title });
  const conclusionCount = Math.min(CONCLUSIONS.length, 3);
  CONCLUSIONS.slice(0, conclusionCount).forEach((text, i) => add({ at: closingStart + 3 + i * 4, kind: "conclusion", text }));
  const concludeAt = m(closingStart + float(13, 18));
  add({ at: concludeAt, kind: "conclude" });

  // Drops and degraded spells on sites that are on the bridge, outside each other and the speakers' turns.
  const speakerCodes = new Set(speakers.map((s) => s.code));
  const quiet = onTime.filter((c) => !speakerCodes.has(c) && c !== codes[0]);
  const dropSites = r.sample(quiet, Math.min(quiet.length, Math.max(sites.length >= 10 ? 2 : 0, Math.round(sites.length * 0.05))));
  for (const code of dropSites) {
    const from = float(OPEN_AT + 10, closingStart - 8);
    const to = m(from + float(1, 6));
    add({ at: from, kind: "link", site: code, quality: 0 });
    add({ at: to, kind: "link", site: code, quality: float(0.75, 1) });
  }
  const dropSet = new Set(dropSites);
  const degradable = quiet.filter((c) => !dropSet.has(c));
  const degradedSites = r.sample(degradable, Math.min(degradable.length, Math.max(sites.length >= 10 ? 1 : 0, Math.round(sites.length * 0.08))));
  for (const code of degradedSites) {
    const from = float(OPEN_AT + 5, closingStart - 10);
    const to = m(from + float(2, 8));
    add({ at: from, kind: "link", site: code, quality: float(0.35, 0.55) });
    add({ at: to, kind: "link", site: code, quality: float(0.75, 1) });
  }

  // Latecomers in the room: some checked-in sites report more people during the session.
  let presentTotal = 0;
  for (const code of connecting) {
    const spec = byCode.get(code)!;
    let count = present.get(code)!;
    if (count < spec.expectedAttendance && r.chance(0.2)) {
      const at = Math.max(m(checkInAt.get(code)! + 1), float(OPEN_AT + 5, closingStart - 1));
      count = r.int(count + 1, spec.expectedAttendance);
      add({ at, kind: "attendance", site: code, present: count });
    }
    presentTotal += count;
  }

  // Stable order: by time, then by the order actions were added (a sort is stable in JS).
  actions.sort((a, b) => a.at - b.at);
  return {
    seed: opts.seed,
    edition,
    title: "Hội nghị đánh giá công tác tổ chức xây dựng Đảng quý I, triển khai nhiệm vụ công tác quý II năm 2024",
    orgPath: "/",
    organizerName: "Ban Tổ chức Trung ương",
    chairName: "Mai Văn Chính",
    chairTitle: "Ủy viên Ban Chấp hành Trung ương Đảng, Phó Trưởng Ban Thường trực Ban Tổ chức Trung ương",
    mode: "online",
    agenda,
    sites,
    actions,
    expect: {
      lateSites: [...late],
      neverConnects,
      drops: dropSites.length + refusedFloor,
      degradedSpells: degradedSites.length,
      checkedIn: connecting.length,
      presentTotal,
      speakers: speakers.length,
      speeches: queue.length,
      withdrawn: withdrawn ? 1 : 0,
      refusedFloor,
      documents: DOCUMENTS.length,
      conclusions: conclusionCount,
      durationMinutes: concludeAt,
    },
  };
}
