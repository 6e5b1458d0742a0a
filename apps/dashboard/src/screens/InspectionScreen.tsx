import { Alert, Anchor, Breadcrumbs, Button, Grid, Group, Loader, Progress, Select, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../api/client.js";
import { Figure } from "../components/Figure.js";
import { RestructuringBadge } from "../components/RestructuringBadge.js";
import { ServicePanel } from "../components/ServicePanel.js";
import { useOfficial } from "../hooks/hooks.js";
import { useChildOrgs, useInspectionReport } from "../hooks/inspection.js";
import { compareVi } from "../lib/collate.js";
import { formatDate, formatNumber, formatTime } from "../lib/format.js";
import { unitLabel } from "../lib/provinces.js";
import type { SubjectCounts } from "@orgboard/contract-inspection";
import type { OrgWithTotal } from "@orgboard/contract-membership";
import { inspectionRows, programPercent, reportYears, type InspectionReport, type SubjectRow } from "../state/inspection-state.js";

/**
 * The inspection panel: the year's figures of `inspection.report.annual` for a unit (counts only, never a
 * case), drill-down into the units under it (the tree from membership), a year selector, reloaded live
 * when an inspection event or an `inspection.figures.changed` notice for the unit arrives.
 */
export function InspectionScreen() {
  const { t } = useTranslation();
  const official = useOfficial();
  const roots = official.orgPaths;
  const [root, setRoot] = useState(roots[0] ?? "/");
  const [trail, setTrail] = useState<{ orgPath: string; name: string }[]>([]);
  const orgPath = trail.at(-1)?.orgPath ?? root;
  const currentYear = new Date().getFullYear();
  const [year, setYear] = useState(currentYear);
  const live = useInspectionReport(orgPath, year);
  const children = useChildOrgs(orgPath);
  const rootLabel = unitLabel(root, t("inspection.allProvinces"));

  const yearSelect = (
    <Select size="xs" w={96} aria-label={t("inspection.year")} data-testid="insp-year" allowDeselect={false}
      value={String(year)} data={reportYears(currentYear).map(String)} onChange={(v) => { if (v) setYear(Number(v)); }} />
  );

  return (
    <Grid gap="md">
      <Grid.Col span={12}>
        <Group justify="space-between">
          <Breadcrumbs data-testid="insp-breadcrumbs">
            <Anchor component="button" onClick={() => setTrail([])}>{rootLabel}</Anchor>
            {trail.map((s, i) => (
              <Anchor key={s.orgPath} component="button" onClick={() => setTrail(trail.slice(0, i + 1))}>{s.name}</Anchor>
            ))}
          </Breadcrumbs>
          <Group gap="xs">
            {roots.length > 1 && (
              <Select size="xs" value={root} onChange={(v) => { if (v) { setRoot(v); setTrail([]); } }}
                data={roots.map((p) => ({ value: p, label: unitLabel(p, t("inspection.allProvinces")) }))} />
            )}
            {yearSelect}
          </Group>
        </Group>
      </Grid.Col>
      <Grid.Col span={12}>
        <ServicePanel service="inspection" testId="insp-panel" unavailable={!live.configured} title={t("inspection.title", { year })}
          actions={live.updatedAt ? <Text size="xs" c="dimmed" data-testid="insp-updated">{t("inspection.updated", { time: formatTime(live.updatedAt) })}</Text> : undefined}
        >
          {!live.configured ? (
            <Text c="dimmed" data-testid="insp-not-configured">{t("inspection.notConfigured")}</Text>
          ) : live.isLoading ? (
            <Loader size="sm" />
          ) : live.error ? (
            <Alert color="gray">{t("common.error", { message: errorMessage(live.error) })}</Alert>
          ) : live.report ? (
            <InspectionFigures report={live.report} />
          ) : (
            <Text c="dimmed">{t("common.empty")}</Text>
          )}
        </ServicePanel>
      </Grid.Col>
      <Grid.Col span={12}>
        <ServicePanel service="membership" testId="insp-units" title={t("inspection.units")}>
          {children.isLoading ? (
            <Loader size="sm" />
          ) : children.error ? (
            <Alert color="gray">{t("common.error", { message: errorMessage(children.error) })}</Alert>
          ) : (children.data?.items.length ?? 0) === 0 ? (
            <Text c="dimmed">{t("inspection.noUnits")}</Text>
          ) : (
            <UnitTable units={children.data!.items} onDrillDown={(o) => setTrail([...trail, { orgPath: o.path, name: o.name }])} />
          )}
        </ServicePanel>
      </Grid.Col>
    </Grid>
  );
}

/**
 * The units directly under the one shown (membership's orgs.children), in Vietnamese order, each with a
 * "Đang sắp xếp" badge while restructuring's saga has it (or part of its subtree) marked (contract-membership
 * 2.8): its figures are not final (the shared RestructuringBadge).
 */
export function UnitTable({ units, onDrillDown }: { units: readonly Pick<OrgWithTotal, "path" | "name" | "restructuring">[]; onDrillDown: (o: { path: string; name: string }) => void }) {
  const { t } = useTranslation();
  return (
    <Table striped highlightOnHover>
      <Table.Tbody>
        {[...units].sort((a, b) => compareVi(a.name, b.name)).map((o) => (
          <Table.Tr key={o.path} data-testid="insp-unit-row" data-org-path={o.path} data-moving={o.restructuring ? "true" : "false"}>
            <Table.Td>
              <Group gap="xs">
                <span>{o.name}</span>
                <RestructuringBadge notice={o.restructuring} testId="insp-unit-moving" />
              </Group>
            </Table.Td>
            <Table.Td ta="right">
              <Button size="compact-xs" variant="subtle" onClick={() => onDrillDown(o)}>
                {t("inspection.drillDown")}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function SubjectTable({ rows, label, testId }: { rows: SubjectRow[]; label: (key: string) => string; testId: string }) {
  const { t, i18n } = useTranslation();
  const n = (x: number) => formatNumber(x, i18n.language);
  return (
    <Table data-testid={testId} striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th />
          <Table.Th ta="right">{t("inspection.organizations")}</Table.Th>
          <Table.Th ta="right">{t("inspection.members")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key} data-key={r.key}>
            <Table.Td>{label(r.key)}</Table.Td>
            <Table.Td ta="right">{n(r.organizations)}</Table.Td>
            <Table.Td ta="right">{n(r.members)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Inspections or supervisions: organizations and members concerned, more figures, by kind and by conducting body. */
function CaseSection({ kind, total, byKind, byConductor, children }: { kind: "inspections" | "supervisions"; total: SubjectCounts; byKind: SubjectRow[]; byConductor: SubjectRow[]; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid={`insp-${kind}`}>
      <Text fw={600}>{t(`inspection.${kind}`)}</Text>
      <Group gap="xl">
        <Figure label={t("inspection.organizations")} value={total.organizations} testId={`insp-${kind}-orgs`} />
        <Figure label={t("inspection.members")} value={total.members} testId={`insp-${kind}-members`} />
        {children}
      </Group>
      <Text size="sm" c="dimmed">{t("inspection.byKind")}</Text>
      <SubjectTable rows={byKind} label={(k) => t(`inspection.kind.${k}`)} testId={`insp-${kind}-by-kind`} />
      <Text size="sm" c="dimmed">{t("inspection.byConductor")}</Text>
      <SubjectTable rows={byConductor} label={(k) => t(`inspection.conductor.${k}`)} testId={`insp-${kind}-by-conductor`} />
    </Stack>
  );
}

/** Every figure of one report, as the year-end reports group them. Presentational: tested on its own. */
export function InspectionFigures({ report }: { report: InspectionReport }) {
  const { t, i18n } = useTranslation();
  const n = (x: number) => formatNumber(x, i18n.language);
  const rows = inspectionRows(report);
  const percent = programPercent(report.program);
  const form = (k: string) => t(`inspection.form.${k}`);
  const petition = (key: "complaints" | "denunciations") => {
    const p = report.petitions[key];
    return (
      <Table.Tr key={key} data-key={key}>
        <Table.Td>{t(`inspection.${key}`)}</Table.Td>
        <Table.Td ta="right">{n(p.received)}</Table.Td>
        <Table.Td ta="right">{n(p.notHandled)}</Table.Td>
        <Table.Td ta="right">{n(p.settled)}</Table.Td>
        <Table.Td ta="right">{n(p.late)}</Table.Td>
      </Table.Tr>
    );
  };

  return (
    <Stack gap="lg" data-testid="insp-figures" data-org-path={report.orgPath} data-year={report.year}>
      <Text size="xs" c="dimmed">{t("inspection.asOf", { date: formatDate(new Date()) })}</Text>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
        <Stack gap="xs" data-testid="insp-program">
          <Text fw={600}>{t("inspection.program")}</Text>
          {report.program.items === 0 ? (
            <Text c="dimmed" size="sm">{t("inspection.noProgram")}</Text>
          ) : (
            <>
              <Text size="sm" data-testid="insp-program-items" data-completed={report.program.completed} data-items={report.program.items}>
                {t("inspection.programItems", { completed: n(report.program.completed), items: n(report.program.items) })}
                {percent !== null && ` (${formatNumber(percent, i18n.language)}%)`}
              </Text>
              <Progress value={percent ?? 0} color="red" aria-label={t("inspection.program")} />
            </>
          )}
        </Stack>
        <Stack gap="xs" data-testid="insp-deadlines">
          <Text fw={600}>{t("inspection.deadlines")}</Text>
          <Group gap="xl">
            <Figure label={t("inspection.dueSoon")} value={report.deadlines.dueWithin5WorkingDays} testId="insp-due-soon" color="orange" />
            <Figure label={t("inspection.overdue")} value={report.deadlines.overdue} testId="insp-overdue" color="red" />
          </Group>
        </Stack>
        <Stack gap="xs" data-testid="insp-watch">
          <Text fw={600}>{t("inspection.watchList")}</Text>
          <Group gap="xl">
            <Figure label={t("inspection.watchAdded")} value={report.watchList.added} testId="insp-watch-added" />
            <Figure label={t("inspection.watchClosed")} value={report.watchList.closed} testId="insp-watch-closed" />
            <Figure label={t("inspection.watchStill")} value={report.watchList.stillWatched} testId="insp-watch-still" />
          </Group>
        </Stack>
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <CaseSection kind="inspections" total={report.inspections.total} byKind={rows.inspectionsByKind} byConductor={rows.inspectionsByConductor}>
          <Figure label={t("inspection.concluded")} value={report.inspections.concluded} testId="insp-inspections-concluded" />
          <Figure label={t("inspection.withViolation")} value={report.inspections.withViolation} testId="insp-inspections-violation" />
        </CaseSection>
        <CaseSection kind="supervisions" total={report.supervisions.total} byKind={rows.supervisionsByKind} byConductor={rows.supervisionsByConductor}>
          <Figure label={t("inspection.becameInspections")} value={report.supervisions.becameInspections} testId="insp-supervisions-became" />
        </CaseSection>
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Stack gap="xs" data-testid="insp-discipline">
          <Text fw={600}>{t("inspection.discipline")}</Text>
          <Group gap="xl">
            <Figure label={t("inspection.disciplineMembers")} value={report.discipline.members.total} testId="insp-discipline-members" />
            <Figure label={t("inspection.disciplineOrgs")} value={report.discipline.organizations.total} testId="insp-discipline-orgs" />
            <Figure label={t("inspection.effectsRefused")} value={report.discipline.effectsRefused} testId="insp-effects-refused" color="red" />
          </Group>
          <Table striped data-testid="insp-discipline-by-form">
            <Table.Thead>
              <Table.Tr>
                <Table.Th />
                <Table.Th ta="right">{t("inspection.members")}</Table.Th>
                <Table.Th ta="right">{t("inspection.organizations")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(["reprimand", "warning", "dismissal", "expulsion", "dissolution"] as const).map((f) => {
                const m = rows.memberDiscipline.find((r) => r.form === f);
                const o = rows.orgDiscipline.find((r) => r.form === f);
                return (
                  <Table.Tr key={f} data-key={f}>
                    <Table.Td>{form(f)}</Table.Td>
                    <Table.Td ta="right" data-testid={`insp-discipline-members-${f}`}>{m ? n(m.count) : "—"}</Table.Td>
                    <Table.Td ta="right" data-testid={`insp-discipline-orgs-${f}`}>{o ? n(o.count) : "—"}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Stack>
        <Stack gap="xs" data-testid="insp-petitions">
          <Text fw={600}>{t("inspection.petitions")}</Text>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th />
                <Table.Th ta="right">{t("inspection.received")}</Table.Th>
                <Table.Th ta="right">{t("inspection.notHandled")}</Table.Th>
                <Table.Th ta="right">{t("inspection.settled")}</Table.Th>
                <Table.Th ta="right">{t("inspection.late")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{petition("complaints")}{petition("denunciations")}</Table.Tbody>
          </Table>
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
