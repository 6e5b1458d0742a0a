import { Alert, AppShell, Container, Tabs } from "@mantine/core";
import { useState, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { canSeeKpi, canUseOrganizerConsole, canUseSiteConsole, type Official } from "./auth/official.js";
import { Header } from "./components/Header.js";
import { useApp } from "./context.js";
import { useOfficial } from "./hooks/hooks.js";
import { ConferenceScreen } from "./screens/conference/ConferenceScreen.js";
import { OrganizerConsole, SiteOperatorConsole } from "./screens/Consoles.js";
import { KpiScreen } from "./screens/KpiScreen.js";

const TABS = ["conference", "kpi", "organizer", "siteOperator"] as const;
type Tab = (typeof TABS)[number];

/** Screens an official may open; consoles only for the roles that run them. */
export function visibleTabs(o: Official): Tab[] {
  return TABS.filter(
    (tab) =>
      tab === "conference" ||
      (tab === "kpi" && canSeeKpi(o)) ||
      (tab === "organizer" && canUseOrganizerConsole(o)) ||
      (tab === "siteOperator" && canUseSiteConsole(o)),
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
                <Tabs.Tab key={x} value={x} data-testid={`tab-${x}`}>
                  {t(`nav.${x}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            <Tabs.Panel value="conference"><ConferenceScreen /></Tabs.Panel>
            <Tabs.Panel value="kpi"><KpiScreen /></Tabs.Panel>
            <Tabs.Panel value="organizer"><OrganizerConsole /></Tabs.Panel>
            <Tabs.Panel value="siteOperator"><SiteOperatorConsole /></Tabs.Panel>
          </Tabs>
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
