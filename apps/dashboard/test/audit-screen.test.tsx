// The audit screen: filters typed as the UI types dates (dd/mm/yyyy) become the contract's input, and the
// records are shown with their time in Vietnam time, kind and hash.
import { MantineProvider } from "@mantine/core";
import { auditSearchInputSchema } from "@orgboard/contracts";
import { render, screen } from "@testing-library/react";
import { I18nextProvider } from "react-i18next";
import { beforeAll, describe, expect, it } from "vitest";
import type { i18n } from "i18next";
import { initI18n } from "../src/i18n/index.js";
import { AuditTable } from "../src/screens/AuditScreen.js";
import { AUDIT_SERVICES, auditSearchInput, EMPTY_FILTERS, isoFromVi } from "../src/state/audit-search.js";

let i18nInstance: i18n;
beforeAll(async () => {
  const noop = () => undefined;
  if (typeof window.matchMedia !== "function") {
    Object.defineProperty(window, "matchMedia", {
      configurable: true,
      value: (q: string) => ({ matches: false, media: q, addEventListener: noop, removeEventListener: noop, addListener: noop, removeListener: noop, onchange: null, dispatchEvent: () => false }),
    });
  }
  i18nInstance = await initI18n("vi");
});

describe("audit search filters", () => {
  it("reads dd/mm/yyyy days, refuses impossible ones", () => {
    expect(isoFromVi("5/12/2026")).toBe("2026-12-05");
    expect(isoFromVi("31/02/2026")).toBeNull();
    expect(isoFromVi("2026-12-05")).toBeNull();
  });

  it("builds an input the contract accepts, leaving empty fields out", () => {
    const built = auditSearchInput({ ...EMPTY_FILTERS, actor: " board-/01/ ", kind: "read", from: "01/12/2026", to: "05/12/2026" }, "42");
    expect(built).toEqual({ input: { limit: 50, cursor: "42", actor: "board-/01/", kind: "read", from: "2026-12-01", to: "2026-12-05" } });
    if (!("input" in built)) throw new Error("invalid");
    expect(auditSearchInputSchema.safeParse(built.input).success).toBe(true);
    expect(auditSearchInput({ ...EMPTY_FILTERS, to: "32/01/2026" }, null)).toEqual({ invalid: "to" });
  });
});

describe("audit services", () => {
  it("offers every service with an audit search, inspection included, each named in Vietnamese and English", async () => {
    expect([...AUDIT_SERVICES].sort()).toEqual(["conference", "inspection", "membership"]);
    const en = await initI18n("en");
    for (const s of AUDIT_SERVICES) {
      expect(i18nInstance.t(`audit.services.${s}`), s).not.toBe(`audit.services.${s}`);
      // English falls back to Vietnamese when a key is missing: an English label differs from the Vietnamese one.
      expect(en.t(`audit.services.${s}`), s).not.toBe(i18nInstance.t(`audit.services.${s}`));
    }
    expect(i18nInstance.t("audit.services.inspection")).toBe("Kiểm tra, giám sát");
  });
});

describe("audit table", () => {
  it("shows each record in Vietnam time, with its kind and the start of its hash", () => {
    const hash = "ab".repeat(32);
    render(
      <MantineProvider>
        <I18nextProvider i18n={i18nInstance}>
          <AuditTable
            rows={[
              { id: "7", at: "2026-12-05T02:03:04.000Z", kind: "read", actor: "board-/01/", action: "membership.members.read", entity: "Member", entityId: "12", orgPath: "/01/01-G1/", hash },
            ]}
          />
        </I18nextProvider>
      </MantineProvider>,
    );
    const row = screen.getByTestId("audit-row");
    expect(row.dataset.kind).toBe("read");
    expect(row.textContent).toContain("05/12/2026 09:03");
    expect(row.textContent).toContain("Xem");
    expect(row.textContent).toContain("Member #12");
    expect(row.textContent).toContain(hash.slice(0, 12));
  });
});
