import { Alert, Badge, Grid, Group, Loader, Paper, Select, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { presenceCounts, type ConferenceSummary } from "@orgboard/contract-conference";
import { lazy, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client.js";
import { LazyScreen } from "../../components/LazyScreen.js";
import { ServicePanel } from "../../components/ServicePanel.js";
import { RestructuringBadge } from "../../components/RestructuringBadge.js";
import { useConferenceList, useLiveConference, useProvinceSites } from "../../hooks/live.js";
import { useProvinceMarks } from "../../hooks/restructuring-marks.js";
import type { LiveStore } from "../../state/live-store.js";
import { formatDateTime, formatNumber } from "../../lib/format.js";
import { pickDefaultConference } from "../../state/default-conference.js";
import { provinceByPath } from "../../lib/provinces.js";
import type { ConferenceState } from "../../state/conference-state.js";
import { AgendaList, ConclusionsPanel, CurrentAgenda, DocumentsPanel, SpeakerPanel, TimelinePanel } from "./Panels.js";
import { PresenceLegend } from "./PresenceLegend.js";
import { ProvinceGrid } from "./ProvinceGrid.js";
import { SiteTiles } from "./SiteTiles.js";

// The sortable, virtualized list (TanStack Table + Virtual) is needed only after drilling into a
// province of a national conference, so it is fetched then, not with the first screen.
const SiteTable = lazy(() => import("./SiteTable.js").then((m) => ({ default: m.SiteTable })));

/** Shared by the consoles: the conference list, the chosen conference and its live state. */
export function useChosenConference() {
  const list = useConferenceList();
  const [chosen, setChosen] = useState<string | null>(null);
  const items = list.data?.items ?? [];
  const conferenceId = chosen ?? pickDefaultConference(items)?.id ?? null;
  const live = useLiveConference(conferenceId);
  return { list, items, conferenceId, setChosen, live };
}

/** "Đã bế mạc · 01/04/2024 14:00 — Hội nghị …": what the selector lists and shows. */
export function conferenceLabel(c: ConferenceSummary, t: (key: string) => string): string {
  return `${t(`conference.status.${c.status}`)} · ${formatDateTime(c.scheduledStart)} — ${c.title}`;
}

export function ConferencePicker({ items, value, onChange }: { items: readonly ConferenceSummary[]; value: string | null; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <Select
      w={{ base: "100%", sm: 520 }}
      aria-label={t("conference.select")}
      data-testid="conference-picker"
      placeholder={t("conference.select")}
      value={value}
      onChange={(v) => v && onChange(v)}
      // Status and date in every option: two conferences may share a title (one per quarter).
      data={items.map((c) => ({ value: c.id, label: conferenceLabel(c, t) }))}
      allowDeselect={false}
    />
  );
}

export function ConferenceScreen() {
  const { t } = useTranslation();
  const { list, items, conferenceId, setChosen, live } = useChosenConference();
  return (
    <Stack gap="md">
      <ServicePanel service="conference" title={t("nav.conference")} testId="conference-header"
        actions={items.length > 0 && <ConferencePicker items={items} value={conferenceId} onChange={setChosen} />}
      >
        {list.isLoading || live.isLoading ? (
          <Loader size="sm" />
        ) : list.error ? (
          <Alert color="gray">{t("common.error", { message: errorMessage(list.error) })}</Alert>
        ) : live.error ? (
          <Alert color="gray">{t("common.error", { message: errorMessage(live.error) })}</Alert>
        ) : !live.state ? (
          <Text c="dimmed" data-testid="no-conference">{t("conference.none")}</Text>
        ) : (
          <Counters state={live.state} />
        )}
      </ServicePanel>
      {live.state && <LiveBody state={live.state} store={live.store} />}
    </Stack>
  );
}

function Counter({ label, value, testId, color }: { label: string; value: string; testId: string; color?: string }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      <Text fz={28} fw={700} c={color} data-testid={testId} ff="monospace">{value}</Text>
    </Paper>
  );
}

function Counters({ state }: { state: ConferenceState }) {
  const { t, i18n } = useTranslation();
  const c = state.counters;
  const presence = presenceCounts(state.conference.status, c.phases);
  const n = (x: number) => formatNumber(x, i18n.language);
  return (
    <Stack gap="sm">
      <Group gap="sm">
        <Title order={3} data-testid="conference-title">{state.conference.title}</Title>
        <Badge color={state.conference.status === "in_session" ? "red" : "gray"} data-testid="conference-status" data-status={state.conference.status}>
          {t(`conference.status.${state.conference.status}`)}
        </Badge>
      </Group>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Counter label={t("conference.sitesConnected")} value={`${n(presence.connected)}/${n(c.sites)}`} testId="counter-connected" color={presence.connected < c.sites ? "orange.8" : "green.8"} />
        <Counter label={t("conference.presence.lost")} value={n(presence.lost)} testId="counter-lost" color={presence.lost ? "red.8" : undefined} />
        <Counter label={t("conference.checkedInSites")} value={`${n(c.checkedIn)}/${n(c.sites)}`} testId="counter-checked-in" />
        <Counter label={t("conference.attendance")} value={`${n(c.presentCount)}/${n(c.expectedAttendance)}`} testId="counter-attendance" />
      </SimpleGrid>
      <PresenceLegend counts={presence} />
    </Stack>
  );
}

function SitesOverview({ state, store }: { state: ConferenceState; store: LiveStore<ConferenceState> }) {
  const { t } = useTranslation();
  const [province, setProvince] = useState<string | null>(null);
  const national = state.provinces !== null;
  const loading = useProvinceSites(store, state.conference.id, national ? province : null);
  // "Đang sắp xếp" per province (membership's notices): on the province tiles, the drilled province, the sites.
  const marks = useProvinceMarks();
  const provinceSites = useMemo(
    () => (province ? state.siteIds.map((id) => state.sites[id]!).filter((s) => s.provincePath === province) : []),
    [province, state.siteIds, state.sites],
  );
  return (
    <ServicePanel service="conference" testId="sites-panel"
      title={national ? `${t("conference.sites")} — ${t("conference.byProvince")}` : t("conference.sites")}
      actions={<Text size="sm" c="dimmed">{t("conference.siteCount", { count: state.counters.sites })}</Text>}
    >
      {!national ? (
        state.siteIds.length ? <SiteTiles sites={state.sites} ids={state.siteIds} status={state.conference.status} marks={marks} /> : <Text c="dimmed">{t("common.empty")}</Text>
      ) : (
        <Stack>
          <ProvinceGrid provinces={state.provinces!} status={state.conference.status} selected={province} onSelect={setProvince} marks={marks} />
          {province && (
            <>
              <Group gap="xs">
                <Title order={5}>{provinceByPath(province)?.name ?? state.provinces![province]?.name ?? province}</Title>
                <RestructuringBadge notice={marks[province]} testId="province-title-moving" />
              </Group>
              {loading.isLoading ? <Loader size="sm" /> : <LazyScreen><SiteTable sites={provinceSites} status={state.conference.status} /></LazyScreen>}
            </>
          )}
        </Stack>
      )}
    </ServicePanel>
  );
}

function LiveBody({ state, store }: { state: ConferenceState; store: LiveStore<ConferenceState> }) {
  const { t } = useTranslation();
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, lg: 8 }}>
        <Stack gap="md">
          <SitesOverview state={state} store={store} />
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <ServicePanel service="conference" title={t("conference.documents")}>
              <DocumentsPanel documents={state.documents} />
            </ServicePanel>
            <ServicePanel service="conference" title={t("conference.conclusions")}>
              <ConclusionsPanel conclusions={state.conclusions} />
            </ServicePanel>
          </SimpleGrid>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }}>
        <Stack gap="md">
          <ServicePanel service="conference" title={t("conference.currentItem")} testId="agenda-panel">
            <CurrentAgenda state={state} />
          </ServicePanel>
          <ServicePanel service="conference" title={t("conference.speaker")}>
            <SpeakerPanel state={state} />
          </ServicePanel>
          <ServicePanel service="conference" title={t("conference.agenda")}>
            <AgendaList state={state} />
          </ServicePanel>
          <ServicePanel service="conference" title={t("conference.timeline")}>
            <TimelinePanel entries={state.timeline} />
          </ServicePanel>
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
