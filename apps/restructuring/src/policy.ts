// The restructuring service's rows of the one policy table (0001). A plan is scoped by the organization
// whose board owns it (`/` for the official national plan); a plan outside the caller's scope answers
// exactly like a plan that does not exist.
import { definePolicy } from "@orgboard/auth";
import { restructuringStreamReaders } from "@orgboard/contract-restructuring";

export const restructuringPolicy = definePolicy({
  /** Load, edit, run, roll back a plan: the central organization board. */
  "restructuring.plans.manage": { roles: ["central_board"], scoped: true },
  /** Read a plan and its preview: the boards, each in its scope. */
  "restructuring.plans.read": { roles: ["central_board", "provincial_board"], scoped: true },
  /** The outbox stream (runs' progress, counts only): services (realtime) and the boards, in scope (contract 1.3). */
  "restructuring.events.read": restructuringStreamReaders,
});

export type RestructuringAction = keyof typeof restructuringPolicy;
