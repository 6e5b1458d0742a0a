import { BarChart } from "@mantine/charts";
import { Alert, Badge, Button, Grid, Loader, Select, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client.js";
import { ServicePanel } from "../../components/ServicePanel.js";
import { useKpiTargets } from "../../hooks/kpi-targets.js";
import { compareVi } from "../../lib/collate.js";
import { formatNumber } from "../../lib/format.js";
import { NQ21, percentValue, TREND_YEARS, type TargetFigure, type TargetOutcome, type UnitTargets } from "../../state/kpi-targets.js";

const OUTCOME_COLOR: Record<TargetOutcome, string> = { met: "green", not_met: "red", no_data: "gray" };

function Outcome({ figure, testId }: { figure: TargetFigure; testId: string }) {
  const { t, i18n } = useTranslation();
  const pct = percentValue(figure);
  return (
    <Text span size="sm" data-testid={testId} data-outcome={figure.outcome} data-numerator={figure.numerator} data-denominator={figure.denominator} style={{ whiteSpace: "nowrap" }}>
      {pct === null ? "—" : `${formatNumber(pct, i18n.language)} %`}{" "}
      <Badge size="sm" variant="light" color={OUTCOME_COLOR[figure.outcome]}>{t(`kpi.targets.outcome.${figure.outcome}`)}</Badge>
    </Text>
  );
}

function TargetRow({ u, scope, onDrill }: { u: UnitTargets; scope?: boolean; onDrill?: () => void }) {
  const { t, i18n } = useTranslation();
  const n = (x: number) => formatNumber(x, i18n.language);
  return (
    <Table.Tr data-testid={scope ? "target-scope" : "target-row"} data-org-path={u.orgPath} fw={scope ? 700 : undefined}>
      {/* Names wrap instead of being cut: every unit stays readable at 768 px. */}
      <Table.Td style={{ whiteSpace: "normal", minWidth: 140 }}>{u.name}</Table.Td>
      <Table.Td ta="right">{n(u.admission.denominator)}</Table.Td>
      <Table.Td ta="right">{n(u.admission.numerator)}</Table.Td>
      <Table.Td ta="right"><Outcome figure={u.admission} testId="target-admission" /></Table.Td>
      <Table.Td ta="right">{n(u.rating.numerator)}/{n(u.rating.denominator)}</Table.Td>
      <Table.Td ta="right"><Outcome figure={u.rating} testId="target-rating" /></Table.Td>
      <Table.Td ta="right">
        {onDrill && <Button size="compact-xs" variant="subtle" onClick={onDrill}>{t("kpi.drillDown")}</Button>}
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * The two targets of Resolution 21-NQ/TW per unit with met / not met, and the shown unit's five-year
 * trend. Drilling into a unit shows the same panel for it (the targets stay).
 */
export function TargetsPanel({
  orgPath,
  childPaths,
  year,
  years,
  onYear,
  onDrill,
}: {
  orgPath: string;
  childPaths: readonly string[];
  year: number;
  years: readonly number[];
  onYear: (y: number) => void;
  onDrill: (u: { orgPath: string; name: string }) => void;
}) {
  const { t, i18n } = useTranslation();
  const k = useKpiTargets(orgPath, childPaths, year);
  const units = [...k.units].sort((a, b) => compareVi(a.name, b.name));
  const trendData = k.trend.map((u) => ({
    year: String(u.year),
    admission: percentValue(u.admission) ?? 0,
    rating: percentValue(u.rating) ?? 0,
  }));
  const pct = (v: number) => `${formatNumber(v, i18n.language)} %`;
  return (
    <ServicePanel service="membership" testId="kpi-targets" title={t("kpi.targets.title", { year })}
      actions={
        <Select size="xs" w={96} aria-label={t("kpi.year")} data-testid="kpi-targets-year" allowDeselect={false}
          value={String(year)} data={years.map(String)} onChange={(v) => { if (v) onYear(Number(v)); }} />
      }
    >
      <Stack gap="xs">
        <Text size="sm" data-testid="target-admission-rule">{t("kpi.targets.admissionRule", { min: NQ21.admissionRateMinPercent, date: `31/12/${year - 1}` })}</Text>
        <Text size="sm" data-testid="target-rating-rule">{t("kpi.targets.ratingRule", { min: NQ21.goodOrBetterAbovePercent })}</Text>
        {k.isLoading ? (
          <Loader size="sm" />
        ) : k.error ? (
          <Alert color="gray">{t("common.error", { message: errorMessage(k.error) })}</Alert>
        ) : !k.scope ? (
          <Text c="dimmed">{t("common.empty")}</Text>
        ) : (
          <>
            <Table.ScrollContainer minWidth={640}>
              <Table striped data-testid="kpi-targets-table" verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("kpi.unit")}</Table.Th>
                    <Table.Th ta="right">{t("kpi.targets.membersAtStart", { date: `31/12/${year - 1}` })}</Table.Th>
                    <Table.Th ta="right">{t("kpi.admitted")}</Table.Th>
                    <Table.Th ta="right">{t("kpi.targets.admissionRate")}</Table.Th>
                    <Table.Th ta="right">{t("kpi.targets.goodOrBetter")}</Table.Th>
                    <Table.Th ta="right">{t("kpi.targets.goodOrBetterShare")}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  <TargetRow u={k.scope} scope />
                  {units.map((u) => (
                    <TargetRow key={u.orgPath} u={u} onDrill={() => onDrill({ orgPath: u.orgPath, name: u.name })} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Title order={5} mt="sm">{t("kpi.targets.trend", { count: TREND_YEARS, name: k.scope.name })}</Title>
            <Grid>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Text size="xs" c="dimmed">{t("kpi.targets.admissionRate")}</Text>
                <BarChart h={180} data={trendData} dataKey="year" data-testid="trend-admission-chart"
                  series={[{ name: "admission", label: t("kpi.targets.admissionRate"), color: "red.6" }]}
                  referenceLines={[{ y: NQ21.admissionRateMinPercent, color: "gray.7", label: `${NQ21.admissionRateMinPercent} %` }]}
                  valueFormatter={pct} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Text size="xs" c="dimmed">{t("kpi.targets.goodOrBetterShare")}</Text>
                <BarChart h={180} data={trendData} dataKey="year" data-testid="trend-rating-chart" yAxisProps={{ domain: [0, 100] }}
                  series={[{ name: "rating", label: t("kpi.targets.goodOrBetterShare"), color: "blue.6" }]}
                  referenceLines={[{ y: NQ21.goodOrBetterAbovePercent, color: "gray.7", label: `${NQ21.goodOrBetterAbovePercent} %` }]}
                  valueFormatter={pct} />
              </Grid.Col>
            </Grid>
            <Table data-testid="kpi-trend-table" verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("kpi.year")}</Table.Th>
                  <Table.Th ta="right">{t("kpi.targets.admissionRate")}</Table.Th>
                  <Table.Th ta="right">{t("kpi.targets.goodOrBetterShare")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {k.trend.map((u) => (
                  <Table.Tr key={u.year} data-testid="trend-row" data-year={u.year}>
                    <Table.Td>{u.year}</Table.Td>
                    <Table.Td ta="right"><Outcome figure={u.admission} testId="target-admission" /></Table.Td>
                    <Table.Td ta="right"><Outcome figure={u.rating} testId="target-rating" /></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
      </Stack>
    </ServicePanel>
  );
}
