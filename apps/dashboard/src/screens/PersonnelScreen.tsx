import { Alert, Badge, Grid, Group, Loader, Select, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import type { RestructuringNotice } from "@orgboard/contract-membership";
import { plannedTermOf } from "@orgboard/contract-personnel";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../api/client.js";
import { Figure } from "../components/Figure.js";
import { RestructuringBadge } from "../components/RestructuringBadge.js";
import { ServicePanel } from "../components/ServicePanel.js";
import { useOfficial } from "../hooks/hooks.js";
import { useScopeMark } from "../hooks/restructuring-marks.js";
import { useCongressSeason, usePersonnelCoverage } from "../hooks/personnel.js";
import { formatDate, formatNumber, formatTime } from "../lib/format.js";
import { unitLabel } from "../lib/provinces.js";
import { reportYears } from "../state/inspection-state.js";
import { STRUCTURE_GROUPS, type CongressSeason, type Coverage } from "../state/personnel-state.js";
import { SurplusSection, VoteOutcomesSection } from "./personnel/CadreSections.js";

/**
 * The personnel panel: the planning figures of `personnel.planning.coverage` for a unit and the term its
 * year plans for (counts only, never a cadre), reloaded live when a personnel event or a
 * `personnel.figures.changed` notice for the unit arrives; the congress season of that term (held / to
 * hold per level, `personnel.congress.season`), live the same way; below, confidence-vote outcomes of the
 * year and surplus cadres resolved / total (screens/personnel/CadreSections.tsx). The unit's name carries
 * "Đang sắp xếp" while restructuring's saga moves it or part of it (membership's notice): every panel below
 * is that unit's, so the one badge covers them all.
 */
export function PersonnelScreen() {
  const { t } = useTranslation();
  const official = useOfficial();
  const roots = official.orgPaths;
  const [orgPath, setOrgPath] = useState(roots[0] ?? "/");
  const currentYear = new Date().getFullYear();
  const [year, setYear] = useState(currentYear);
  const term = plannedTermOf(year);
  const live = usePersonnelCoverage(orgPath, term.termStartYear);
  const label = (p: string) => unitLabel(p, t("personnel.allProvinces"));
  const moving = useScopeMark(orgPath);

  return (
    <Grid gap="md">
      <Grid.Col span={12}>
        <Group justify="space-between">
          <PersonnelUnit label={label(orgPath)} notice={moving} />
          <Group gap="xs">
            {roots.length > 1 && (
              <Select size="xs" value={orgPath} allowDeselect={false} onChange={(v) => { if (v) setOrgPath(v); }} data={roots.map((p) => ({ value: p, label: label(p) }))} />
            )}
            <Select size="xs" w={96} aria-label={t("personnel.year")} data-testid="pers-year" allowDeselect={false}
              value={String(year)} data={reportYears(currentYear).map(String)} onChange={(v) => { if (v) setYear(Number(v)); }} />
          </Group>
        </Group>
      </Grid.Col>
      <Grid.Col span={12}>
        <ServicePanel service="personnel" testId="pers-panel" unavailable={!live.configured} title={t("personnel.title", { start: term.termStartYear, end: term.termEndYear })}
          actions={live.updatedAt ? (
            <Text size="xs" c="dimmed" data-testid="pers-updated">
              {t("personnel.asOf", { date: formatDate(live.updatedAt) })} · {t("personnel.updated", { time: formatTime(live.updatedAt) })}
            </Text>
          ) : undefined}
        >
          {!live.configured ? (
            <Text c="dimmed" data-testid="pers-not-configured">{t("personnel.notConfigured")}</Text>
          ) : live.isLoading ? (
            <Loader size="sm" />
          ) : live.error ? (
            <Alert color="gray">{t("common.error", { message: errorMessage(live.error) })}</Alert>
          ) : live.coverage ? (
            <CoverageFigures coverage={live.coverage} orgPath={orgPath} termStartYear={term.termStartYear} />
          ) : (
            <Text c="dimmed">{t("common.empty")}</Text>
          )}
        </ServicePanel>
      </Grid.Col>
      {/* congress season (pers-congress) */}
      <Grid.Col span={12}>
        <CongressSeasonPanel orgPath={orgPath} termStartYear={term.termStartYear} termEndYear={term.termEndYear} />
      </Grid.Col>
      <Grid.Col span={12}>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <VoteOutcomesSection orgPath={orgPath} year={year} />
          <SurplusSection orgPath={orgPath} />
        </SimpleGrid>
      </Grid.Col>
    </Grid>
  );
}

/** The unit shown, with the "Đang sắp xếp" badge when membership says it (or part of it) is being restructured. */
export function PersonnelUnit({ label, notice }: { label: string; notice: RestructuringNotice | null }) {
  return (
    <Group gap="xs">
      <Text fw={600} data-testid="pers-unit">{label}</Text>
      <RestructuringBadge notice={notice} testId="pers-unit-moving" />
    </Group>
  );
}

function CoverageFigures({ coverage: c, orgPath, termStartYear }: { coverage: Coverage; orgPath: string; termStartYear: number }) {
  const { t, i18n } = useTranslation();
  const percent = (x: number | null) => (x === null ? "—" : `${formatNumber(x, i18n.language)} %`);
  return (
    <Stack gap="md" data-testid="pers-figures" data-org-path={orgPath} data-term={termStartYear}>
      <Text fw={600}>{t("personnel.coverage")}</Text>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Figure label={t("personnel.posts")} value={c.posts} testId="pers-posts" />
        <Figure label={t("personnel.underCovered")} value={c.underCovered} testId="pers-under" color="red" />
        <Figure label={t("personnel.overCovered")} value={c.overCovered} testId="pers-over" color="orange" />
        <Figure label={t("personnel.candidates")} value={c.candidates} testId="pers-candidates" />
      </SimpleGrid>
      <Text fw={600}>{t("personnel.structure")}</Text>
      <Table data-testid="pers-structure" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("personnel.group")}</Table.Th>
            <Table.Th ta="right">{t("personnel.count")}</Table.Th>
            <Table.Th ta="right">{t("personnel.share")}</Table.Th>
            <Table.Th ta="right">{t("personnel.target")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {STRUCTURE_GROUPS.map((g) => {
            const r = c.structure[g];
            return (
              <Table.Tr key={g} data-key={g} data-percent={r.percent ?? ""}>
                <Table.Td>{t(`personnel.${g}`)}</Table.Td>
                <Table.Td ta="right" data-testid={`pers-${g}-count`}>{formatNumber(r.count, i18n.language)}</Table.Td>
                <Table.Td ta="right">{percent(r.percent)}</Table.Td>
                <Table.Td ta="right">{r.targetPercent === null ? "—" : `≥ ${percent(r.targetPercent)}`}</Table.Td>
                <Table.Td>
                  {r.met === null ? <Text size="xs" c="dimmed">{t("personnel.noTarget")}</Text> : <Badge color={r.met ? "green" : "red"} variant="light">{r.met ? t("personnel.met") : t("personnel.notMet")}</Badge>}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

// ---- Congress season (issue #13, pers-congress) ----

/** Congresses held / to hold per level for the unit and term, live (counts only). */
function CongressSeasonPanel({ orgPath, termStartYear, termEndYear }: { orgPath: string; termStartYear: number; termEndYear: number }) {
  const { t } = useTranslation();
  const live = useCongressSeason(orgPath, termStartYear);
  return (
    <ServicePanel service="personnel" testId="pers-congress" unavailable={!live.configured} title={t("personnel.congressSeason", { start: termStartYear, end: termEndYear })}>
      {!live.configured ? (
        <Text c="dimmed" data-testid="pers-congress-not-configured">{t("personnel.notConfigured")}</Text>
      ) : live.isLoading ? (
        <Loader size="sm" />
      ) : live.error ? (
        <Alert color="gray">{t("common.error", { message: errorMessage(live.error) })}</Alert>
      ) : live.season ? (
        <CongressSeasonFigures season={live.season} orgPath={orgPath} />
      ) : (
        <Text c="dimmed">{t("common.empty")}</Text>
      )}
    </ServicePanel>
  );
}

function CongressSeasonFigures({ season: s, orgPath }: { season: CongressSeason; orgPath: string }) {
  const { t, i18n } = useTranslation();
  const n = (x: number) => formatNumber(x, i18n.language);
  return (
    <Stack gap="md" data-testid="pers-congress-figures" data-org-path={orgPath} data-term={s.termStartYear}>
      <SimpleGrid cols={{ base: 2, md: 3 }}>
        <Figure label={t("personnel.congressHeld")} value={s.held} testId="pers-congress-held" color="green" />
        <Figure label={t("personnel.congressToHold")} value={s.toHold} testId="pers-congress-to-hold" color="orange" />
        <Figure label={t("personnel.congressTotal")} value={s.held + s.toHold} testId="pers-congress-total" />
      </SimpleGrid>
      {s.held + s.toHold === 0 ? (
        <Text c="dimmed" size="sm" data-testid="pers-congress-none">{t("personnel.congressNone")}</Text>
      ) : (
        <Table data-testid="pers-congress-levels" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("personnel.congressLevel")}</Table.Th>
              <Table.Th ta="right">{t("personnel.congressHeld")}</Table.Th>
              <Table.Th ta="right">{t("personnel.congressToHold")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.levels.map((l) => (
              <Table.Tr key={l.level} data-key={l.level} data-held={l.held} data-to-hold={l.toHold}>
                <Table.Td>{t(`personnel.congressLevels.${l.level}`)}</Table.Td>
                <Table.Td ta="right">{n(l.held)}</Table.Td>
                <Table.Td ta="right">{n(l.toHold)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
