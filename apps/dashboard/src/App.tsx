import { Alert, AppShell, Container, Tabs } from "@mantine/core";
import { lazy, useState, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { canSeeAudit, canSeeConference, canSeeInspection, canSeeKpi, canSeePersonnel, canSeeRestructuring, canUseOrganizerConsole, canUseSiteConsole, type Official } from "./auth/official.js";
import { Header } from "./components/Header.js";
import { LazyScreen } from "./components/LazyScreen.js";
import { useApp } from "./context.js";
import { useOfficial } from "./hooks/hooks.js";
import { ConferenceScreen } from "./screens/conference/ConferenceScreen.js";

const TABS = ["conference", "kpi", "inspection", "personnel", "restructuring", "organizer", "siteOperator", "audit"] as const;
type Tab = (typeof TABS)[number];

// Every official lands on the live conference (an auditor alone, on the audit trail); the other screens are fetched when opened, so the
// first load carries no chart library (KPI) and no console forms. The browser fetches a module once,
// so starting the download early (pointer over or focus on the tab) costs nothing when the tab opens.
const loadKpi = () => import("./screens/KpiScreen.js");
const loadInspection = () => import("./screens/InspectionScreen.js");
const loadPersonnel = () => import("./screens/PersonnelScreen.js");
const loadRestructuring = () => import("./screens/RestructuringScreen.js");
const loadConsoles = () => import("./screens/Consoles.js");
const loadAudit = () => import("./screens/AuditScreen.js");
const AuditScreen = lazy(() => loadAudit().then((m) => ({ default: m.AuditScreen })));
const KpiScreen = lazy(() => loadKpi().then((m) => ({ default: m.KpiScreen })));
const InspectionScreen = lazy(() => loadInspection().then((m) => ({ default: m.InspectionScreen })));
const PersonnelScreen = lazy(() => loadPersonnel().then((m) => ({ default: m.PersonnelScreen })));
const RestructuringScreen = lazy(() => loadRestructuring().then((m) => ({ default: m.RestructuringScreen })));
const OrganizerConsole = lazy(() => loadConsoles().then((m) => ({ default: m.OrganizerConsole })));
const SiteOperatorConsole = lazy(() => loadConsoles().then((m) => ({ default: m.SiteOperatorConsole })));
const PRELOAD: Partial<Record<Tab, () => Promise<unknown>>> = { kpi: loadKpi, inspection: loadInspection, personnel: loadPersonnel, restructuring: loadRestructuring, organizer: loadConsoles, siteOperator: loadConsoles, audit: loadAudit };
const preload = (tab: Tab) => void PRELOAD[tab]?.().catch(() => undefined); // a failure shows when the tab opens

/** Screens an official may open; consoles only for the roles that run them; the audit trail for auditors. */
export function visibleTabs(o: Official): Tab[] {
  return TABS.filter(
    (tab) =>
      (tab === "conference" && canSeeConference(o)) ||
      (tab === "kpi" && canSeeKpi(o)) ||
      (tab === "inspection" && canSeeInspection(o)) ||
      (tab === "personnel" && canSeePersonnel(o)) ||
      (tab === "restructuring" && canSeeRestructuring(o)) ||
      (tab === "organizer" && canUseOrganizerConsole(o)) ||
      (tab === "siteOperator" && canUseSiteConsole(o)) ||
      (tab === "audit" && canSeeAudit(o)),
  );
}

function initialTab(allowed: Tab[]): Tab {
  const v = new URLSearchParams(window.location.search).get("tab");
  return allowed.find((t) => t === v) ?? allowed[0] ?? "conference";
}

function SessionNotices() {
  const { t } = useTranslation();
  const { session, drafts } = useApp();
  const leaving = useSyncExternalStore((l) => session.subscribe(l), () => session.isLeaving);
  const [showRestored, setShowRestored] = useState(() => session.returnedFromReauth && drafts.keys().length > 0);
  return (
    <>
      {leaving && <Alert color="orange" mb="md" data-testid="session-lost">{t("auth.sessionLost")}</Alert>}
      {showRestored && (
        <Alert color="blue" mb="md" withCloseButton onClose={() => setShowRestored(false)} data-testid="draft-restored">
          {t("auth.draftRestored")}
        </Alert>
      )}
    </>
  );
}

export function App() {
  const { t } = useTranslation();
  const official = useOfficial();
  const allowed = visibleTabs(official);
  const [tab, setTab] = useState<Tab>(() => initialTab(allowed));
  const select = (v: string | null) => {
    const next = allowed.find((x) => x === v);
    if (!next) return;
    setTab(next);
    const url = new URL(window.location.href);
    url.searchParams.set("tab", next);
    window.history.replaceState(null, "", url);
  };
  return (
    <AppShell header={{ height: 64 }} padding="md">
      <AppShell.Header>
        <Header />
      </AppShell.Header>
      <AppShell.Main bg="gray.0">
        <Container fluid>
          <SessionNotices />
          <Tabs value={tab} onChange={select} keepMounted={false} variant="outline" mb="md">
            <Tabs.List mb="md">
              {allowed.map((x) => (
                <Tabs.Tab key={x} value={x} data-testid={`tab-${x}`} onPointerEnter={() => preload(x)} onFocus={() => preload(x)}>
                  {t(`nav.${x}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            <Tabs.Panel value="conference"><ConferenceScreen /></Tabs.Panel>
            <Tabs.Panel value="kpi"><LazyScreen><KpiScreen /></LazyScreen></Tabs.Panel>
            <Tabs.Panel value="inspection"><LazyScreen><InspectionScreen /></LazyScreen></Tabs.Panel>
            <Tabs.Panel value="personnel"><LazyScreen><PersonnelScreen /></LazyScreen></Tabs.Panel>
            <Tabs.Panel value="restructuring"><LazyScreen><RestructuringScreen /></LazyScreen></Tabs.Panel>
            <Tabs.Panel value="organizer"><LazyScreen><OrganizerConsole /></LazyScreen></Tabs.Panel>
            <Tabs.Panel value="siteOperator"><LazyScreen><SiteOperatorConsole /></LazyScreen></Tabs.Panel>
            <Tabs.Panel value="audit"><LazyScreen><AuditScreen /></LazyScreen></Tabs.Panel>
          </Tabs>
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
