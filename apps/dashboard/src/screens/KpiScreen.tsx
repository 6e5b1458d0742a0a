// With the charts, so their styles load only when the KPI screen is opened (after core's, as Mantine requires).
import "@mantine/charts/styles.css";
import { BarChart, DonutChart } from "@mantine/charts";
import { Alert, Anchor, Breadcrumbs, Button, Grid, Group, Loader, Select, Table, Text } from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../api/client.js";
import { RATING_LEVELS } from "@orgboard/contract-membership";
import { ServicePanel } from "../components/ServicePanel.js";
import { useOfficial } from "../hooks/hooks.js";
import { useLiveKpi } from "../hooks/live.js";
import { compareVi } from "../lib/collate.js";
import { formatDateTime, formatNumber, formatPercent, formatTime } from "../lib/format.js";
import { unitLabel } from "../lib/provinces.js";
import { nextRatingYear, RATING_LOOKBACK_YEARS, ratingTotal, type KpiState } from "../state/kpi-state.js";
import { StructurePanel } from "./kpi/StructurePanel.js";
import { TargetsPanel } from "./kpi/TargetsPanel.js";

/**
 * "Đang sắp xếp": the figures below are read while restructuring's saga moves this scope (or part of it), so
 * they are not final (membership's notice, contract-membership 2.7: since when, which committees, its message).
 */
export function RestructuringNotice({ notice }: { notice: KpiState["restructuring"] }) {
  const { t } = useTranslation();
  if (!notice) return null;
  return (
    <Alert color="orange" data-testid="kpi-moving" title={t("kpi.moving", { since: formatDateTime(notice.since) })}>
      {notice.message}
    </Alert>
  );
}

const RATING_COLORS = { excellent: "green.6", good: "blue.6", completed: "yellow.6", not_completed: "red.6" } as const;

/**
 * Live KPI panels from membership: admissions against plan per child unit (per province at national
 * level) and the distribution of member ratings. A row drills down into that unit; an official can
 * never go above the units in their token.
 */
export function KpiScreen() {
  const { t, i18n } = useTranslation();
  const official = useOfficial();
  const roots = official.orgPaths;
  const [root, setRoot] = useState(roots[0] ?? "/");
  const [trail, setTrail] = useState<{ orgPath: string; name: string }[]>([]);
  const orgPath = trail.at(-1)?.orgPath ?? root;
  const [year] = useState(() => new Date().getFullYear());
  const { state, error, isLoading } = useLiveKpi(orgPath, year);
  const n = (x: number) => formatNumber(x, i18n.language);

  const rows = useMemo(() => [...(state?.rows ?? [])].sort((a, b) => compareVi(a.name, b.name)), [state?.rows]);
  const totals = rows.reduce((acc, r) => ({ admitted: acc.admitted + r.admitted, plan: acc.plan + r.plan }), { admitted: 0, plan: 0 });
  const ratings = useRatingYear(orgPath, year);
  const ratingData = RATING_LEVELS.map((l) => ({ name: t(`kpi.rating.${l}`), value: ratings.state?.ratings[l] ?? 0, color: RATING_COLORS[l] }));
  const ratingYears = Array.from({ length: RATING_LOOKBACK_YEARS + 1 }, (_, i) => String(year - i));
  const ratingsBody = ratings.settling || ratings.isLoading ? (
    <Loader size="sm" />
  ) : ratings.error ? (
    <Alert color="gray">{t("common.error", { message: errorMessage(ratings.error) })}</Alert>
  ) : !ratings.state ? (
    <Text c="dimmed">{t("common.empty")}</Text>
  ) : null;
  const rootLabel = unitLabel(root, t("kpi.allProvinces"));
  const [targetsYear, setTargetsYear] = useState(year);
  const drill = (u: { orgPath: string; name: string }) => setTrail([...trail, u]);

  const body = isLoading ? (
    <Loader size="sm" />
  ) : error ? (
    <Alert color="gray">{t("common.error", { message: errorMessage(error) })}</Alert>
  ) : !state || rows.length === 0 ? (
    <Text c="dimmed">{t("common.empty")}</Text>
  ) : null;

  return (
    <Grid gap="md">
      <Grid.Col span={12}>
        <Group justify="space-between">
          <Breadcrumbs data-testid="kpi-breadcrumbs">
            <Anchor component="button" onClick={() => setTrail([])}>{rootLabel}</Anchor>
            {trail.map((s, i) => (
              <Anchor key={s.orgPath} component="button" onClick={() => setTrail(trail.slice(0, i + 1))}>{s.name}</Anchor>
            ))}
          </Breadcrumbs>
          {roots.length > 1 && (
            <Select size="xs" value={root} onChange={(v) => { if (v) { setRoot(v); setTrail([]); } }}
              data={roots.map((p) => ({ value: p, label: unitLabel(p, t("kpi.allProvinces")) }))} />
          )}
        </Group>
      </Grid.Col>
      {state?.restructuring && (
        <Grid.Col span={12}>
          <RestructuringNotice notice={state.restructuring} />
        </Grid.Col>
      )}
      <Grid.Col span={12}>
        <StructurePanel orgPath={orgPath} />
      </Grid.Col>
      <Grid.Col span={12}>
        <TargetsPanel orgPath={orgPath} childPaths={rows.map((r) => r.orgPath)} year={targetsYear} years={ratingYears.map(Number)} onYear={setTargetsYear} onDrill={drill} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 8 }}>
        <ServicePanel service="membership" testId="kpi-admissions" title={t("kpi.title", { year })}
          actions={state?.updatedAt ? <Text size="xs" c="dimmed">{t("kpi.updated", { time: formatTime(state.updatedAt) })}</Text> : undefined}
        >
          {body ?? (
            <>
              <Text size="sm" mb="xs">
                {t("kpi.admitted")}: <b data-testid="kpi-total-admitted">{n(totals.admitted)}</b> / {t("kpi.plan")}: <b>{n(totals.plan)}</b> ({formatPercent(totals.admitted, totals.plan)})
              </Text>
              <BarChart
                h={Math.max(220, rows.length * 30)}
                data={rows.map((r) => ({ name: r.name, admitted: r.admitted, plan: r.plan }))}
                dataKey="name"
                orientation="vertical"
                // Every unit's label (interval 0: Recharts otherwise drops labels that would crowd), wide
                // enough for a committee's name; the table below has them all too.
                yAxisProps={{ width: 220, interval: 0, tick: { fontSize: 12 } }}
                series={[
                  { name: "admitted", label: t("kpi.admitted"), color: "red.6" },
                  { name: "plan", label: t("kpi.plan"), color: "gray.4" },
                ]}
                withLegend
                valueFormatter={(v) => n(v)}
              />
              <Table mt="md" striped highlightOnHover data-testid="kpi-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("kpi.unit")}</Table.Th>
                    <Table.Th ta="right">{t("kpi.admitted")}</Table.Th>
                    <Table.Th ta="right">{t("kpi.plan")}</Table.Th>
                    <Table.Th ta="right">{t("kpi.rate")}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={r.orgPath} data-testid="kpi-row" data-org-path={r.orgPath}>
                      <Table.Td>{r.name}</Table.Td>
                      <Table.Td ta="right">{n(r.admitted)}</Table.Td>
                      <Table.Td ta="right">{n(r.plan)}</Table.Td>
                      <Table.Td ta="right">{formatPercent(r.admitted, r.plan)}</Table.Td>
                      <Table.Td ta="right">
                        <Button size="compact-xs" variant="subtle" onClick={() => drill({ orgPath: r.orgPath, name: r.name })}>
                          {t("kpi.drillDown")}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          )}
        </ServicePanel>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }}>
        <ServicePanel service="membership" title={t("kpi.ratingsOfYear", { year: ratings.year })} testId="kpi-ratings"
          actions={
            <Select size="xs" w={96} aria-label={t("kpi.year")} data-testid="kpi-ratings-year" allowDeselect={false}
              value={String(ratings.year)} data={ratingYears} onChange={(v) => { if (v) ratings.pick(Number(v)); }} />
          }
        >
          {!ratings.picked && !ratings.settling && ratings.year < year && (
            <Text size="xs" c="dimmed" mb="xs" data-testid="kpi-ratings-fallback">{t("kpi.ratingsNotYet", { year })}</Text>
          )}
          {ratingsBody ?? (
            <>
              <DonutChart data={ratingData} withLabelsLine withLabels size={200} thickness={30} mx="auto" valueFormatter={(v) => n(v)} />
              <Table mt="sm" data-testid="kpi-ratings-table">
                <Table.Tbody>
                  {ratingData.map((d) => (
                    <Table.Tr key={d.name}><Table.Td>{d.name}</Table.Td><Table.Td ta="right">{n(d.value)}</Table.Td></Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          )}
        </ServicePanel>
      </Grid.Col>
    </Grid>
  );
}

/**
 * The year of the ratings panel: the official's pick, else the latest year with approved ratings (see
 * nextRatingYear), searched again for each unit drilled into.
 */
function useRatingYear(orgPath: string, currentYear: number) {
  const [picked, setPicked] = useState<number | null>(null);
  const [probe, setProbe] = useState({ orgPath, year: currentYear, settled: false });
  const current = probe.orgPath === orgPath ? probe : { orgPath, year: currentYear, settled: false };
  const year = picked ?? current.year;
  const live = useLiveKpi(orgPath, year);
  const total = live.state && live.state.year === year ? ratingTotal(live.state) : null;
  // Each answer moves the search one step, during render (React's "adjusting state on a prop change"):
  // the guard changes with the step, so it settles in at most RATING_LOOKBACK_YEARS + 1 loads.
  if (picked === null && !current.settled && total !== null) setProbe({ orgPath, ...nextRatingYear(currentYear, current.year, total) });
  return {
    year,
    picked: picked !== null,
    // A failed load ends the search where it stands: the error shows for that year.
    settling: picked === null && !current.settled && !live.error,
    state: live.state,
    error: live.error,
    isLoading: live.isLoading,
    pick: (y: number) => setPicked(y),
  };
}
