import { Alert, Badge, Group, Loader, Progress, Select, Stack, Table, Text } from "@mantine/core";
import type { RunProvinceView, RunView } from "@orgboard/contract-restructuring";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../api/client.js";
import { ServicePanel } from "../components/ServicePanel.js";
import { useOfficial } from "../hooks/hooks.js";
import { useRestructuringRun, useRestructuringRuns, useSurplusPlaced } from "../hooks/restructuring.js";
import { formatDate, formatNumber, formatTime } from "../lib/format.js";
import { conservationOf, defaultRun, failureOf, officialsAwaitingOf, provincePaths, structureRows, surplusPlacedOf } from "../state/restructuring-state.js";

const STATUS_COLOR: Record<string, string> = { pending: "gray", running: "blue", done: "green", failed: "red", rolled_back: "violet" };

/**
 * The live progress of a restructuring run (issue #14): per new province its steps done / total, organizations
 * created / closed, members before → after, surplus cadres placed (personnel's figures), the failed step with its
 * message, and the conservation check after it. Reloaded when restructuring's events (step done, province done,
 * run started, rolled back) arrive through the realtime gateway. Plans are the boards'; which ones an official
 * sees is restructuring's decision (`runs.list`, by the plan's scope).
 */
export function RestructuringScreen() {
  const { t } = useTranslation();
  const official = useOfficial();
  const live = useRestructuringRuns(official.orgPaths[0] ?? "/");
  const [picked, setPicked] = useState<string | null>(null);
  const planId = picked ?? (live.runs ? defaultRun(live.runs) : null);
  const run = useRestructuringRun(planId);

  return (
    <ServicePanel service="restructuring" testId="restr-panel" unavailable={!live.configured} title={t("restructuring.title")}
      actions={run.updatedAt ? <Text size="xs" c="dimmed" data-testid="restr-updated">{t("restructuring.updated", { time: formatTime(run.updatedAt) })}</Text> : undefined}
    >
      {!live.configured ? (
        <Text c="dimmed" data-testid="restr-not-configured">{t("restructuring.notConfigured")}</Text>
      ) : live.isLoading ? (
        <Loader size="sm" />
      ) : live.error ? (
        <Alert color="gray">{t("common.error", { message: errorMessage(live.error) })}</Alert>
      ) : !live.runs || live.runs.length === 0 || !planId ? (
        <Text c="dimmed" data-testid="restr-none">{t("restructuring.none")}</Text>
      ) : (
        <Stack gap="md">
          <Group gap="sm" wrap="wrap">
            <Select size="xs" w={{ base: "100%", sm: 420 }} label={t("restructuring.plan")} data-testid="restr-plan" allowDeselect={false} value={planId}
              onChange={(v) => { if (v) setPicked(v); }}
              data={live.runs.map((r) => ({ value: r.planId, label: `${t(`restructuring.planStatus.${r.status}`)} · ${formatDate(r.createdAt)} — ${r.title}` }))} />
          </Group>
          {run.isLoading ? <Loader size="sm" /> : run.error ? <Alert color="gray">{t("common.error", { message: errorMessage(run.error) })}</Alert> : run.run ? <RunProgress run={run.run} /> : null}
        </Stack>
      )}
    </ServicePanel>
  );
}

function RunProgress({ run }: { run: RunView }) {
  const { t } = useTranslation();
  const done = run.provinces.filter((p) => p.status === "done").length;
  return (
    <Stack gap="sm" data-testid="restr-run" data-plan-id={run.planId} data-status={run.status}>
      <Group gap="md" wrap="wrap">
        <Badge color={run.status === "done" ? "green" : run.status === "running" ? "blue" : "gray"} data-testid="restr-plan-status">{t(`restructuring.planStatus.${run.status}`)}</Badge>
        <Text size="sm" data-testid="restr-effective">{t("restructuring.effective", { date: formatDate(run.effectiveOn) })}</Text>
        <Text size="sm" data-testid="restr-provinces-done">{t("restructuring.provincesDone", { done, total: run.provinces.length })}</Text>
      </Group>
      {run.notWired.length > 0 && <Text size="xs" c="orange" data-testid="restr-not-wired">{t("restructuring.notWired", { steps: run.notWired.join(", ") })}</Text>}
      {run.provinces.length === 0 ? (
        <Text c="dimmed" data-testid="restr-not-started">{t("restructuring.notStarted")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={1040}>
          <Table striped data-testid="restr-provinces">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("restructuring.col.province")}</Table.Th>
                <Table.Th>{t("restructuring.col.status")}</Table.Th>
                <Table.Th>{t("restructuring.col.check")}</Table.Th>
                <Table.Th>{t("restructuring.col.steps")}</Table.Th>
                <Table.Th ta="right">{t("restructuring.col.orgs")}</Table.Th>
                <Table.Th ta="right">{t("restructuring.col.members")}</Table.Th>
                <Table.Th>{t("restructuring.col.surplus")}</Table.Th>
                <Table.Th>{t("restructuring.col.error")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {run.provinces.map((p) => <ProvinceRow key={p.provinceCode} p={p} withheld={run.subtree !== null} />)}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Text size="xs" c="dimmed" data-testid="restr-surplus-note">{t("restructuring.surplusNote")}</Text>
      <StructureCompare provinces={run.provinces} />
    </Stack>
  );
}

/**
 * Organizations by kind before and after (contract-restructuring 1.13), side by side: the whole run or one of
 * its provinces. Nothing when no province carries the figures (withheld from a board below its province).
 */
export function StructureCompare({ provinces }: { provinces: readonly RunProvinceView[] }) {
  const { t, i18n } = useTranslation();
  const n = (x: number) => formatNumber(x, i18n.language);
  const withFigures = provinces.filter((p) => p.structure);
  const [picked, setPicked] = useState<string>("all");
  const rows = structureRows(provinces, picked === "all" ? null : picked);
  if (withFigures.length === 0 || rows === null) return null;
  return (
    <Stack gap="xs" data-testid="restr-structure" data-scope={picked}>
      <Group gap="sm" wrap="wrap" align="flex-end">
        <Text fw={600} size="sm">{t("restructuring.structure.title")}</Text>
        {withFigures.length > 1 && (
          <Select size="xs" w={{ base: "100%", sm: 280 }} label={t("restructuring.structure.scope")} data-testid="restr-structure-scope" allowDeselect={false} value={picked}
            onChange={(v) => { if (v) setPicked(v); }}
            data={[{ value: "all", label: t("restructuring.structure.whole", { n: n(withFigures.length) }) }, ...withFigures.map((p) => ({ value: p.provinceCode, label: `${p.provinceCode} · ${p.name}` }))]} />
        )}
      </Group>
      <Table.ScrollContainer minWidth={480}>
        <Table striped withTableBorder data-testid="restr-structure-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("restructuring.structure.kind")}</Table.Th>
              <Table.Th ta="right">{t("restructuring.structure.before")}</Table.Th>
              <Table.Th ta="right">{t("restructuring.structure.after")}</Table.Th>
              <Table.Th ta="right">{t("restructuring.structure.diff")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.kind} data-testid={`restr-structure-${r.kind}`} data-before={r.before} data-after={r.after}>
                <Table.Td>{t(`kpi.structure.kind.${r.kind}`, { defaultValue: r.kind })}</Table.Td>
                <Table.Td ta="right">{n(r.before)}</Table.Td>
                <Table.Td ta="right">{n(r.after)}</Table.Td>
                <Table.Td ta="right" c={r.diff < 0 ? "red" : r.diff > 0 ? "green" : undefined}>{r.diff > 0 ? `+${n(r.diff)}` : r.diff < 0 ? `−${n(-r.diff)}` : "0"}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed">{t("restructuring.structure.note")}</Text>
    </Stack>
  );
}

/** Surplus cadres placed / total in the province (personnel's cases, over its new and old paths). */
function SurplusPlaced({ p }: { p: RunProvinceView }) {
  const { t, i18n } = useTranslation();
  const { configured, figures, error } = useSurplusPlaced(provincePaths(p));
  const placed = surplusPlacedOf(figures);
  if (!configured) return <Text size="sm" c="dimmed" data-testid="restr-row-surplus">{t("restructuring.surplusNone")}</Text>;
  if (error) return <Text size="sm" c="dimmed" data-testid="restr-row-surplus" title={errorMessage(error)}>—</Text>;
  if (!placed) return <Loader size="xs" data-testid="restr-row-surplus" />;
  return (
    <Text size="sm" data-testid="restr-row-surplus" data-placed={placed.placed} data-total={placed.total}>
      {t("restructuring.surplusPlaced", { placed: formatNumber(placed.placed, i18n.language), total: formatNumber(placed.total, i18n.language) })}
    </Text>
  );
}

/** The conservation check after a province, and the officials its census left awaiting reassignment (1.11). */
export function CheckCell({ p, withheld }: { p: RunProvinceView; withheld: boolean }) {
  const { t, i18n } = useTranslation();
  const n = (x: number) => formatNumber(x, i18n.language);
  const check = conservationOf(p);
  const awaiting = officialsAwaitingOf(p);
  if (withheld) return <Text size="sm" c="dimmed" title={t("restructuring.withheld")}>—</Text>;
  if (check.state === "pending") return <Text size="sm" c="dimmed">{t("restructuring.checkPending")}</Text>;
  if (check.state === "not_ok") {
    return <Badge color="red" style={{ whiteSpace: "normal", height: "auto" }}>{t("restructuring.checkBad", { before: n(check.before), after: n(check.after), diff: n(check.diff) })}</Badge>;
  }
  return (
    <Stack gap={2} align="flex-start">
      <Badge color="green" style={{ minWidth: "max-content" }}>{t("restructuring.checkOk")}</Badge>
      {awaiting !== null && awaiting > 0 && (
        <Text size="xs" c="orange" data-testid="restr-row-awaiting" data-count={awaiting} title={t("restructuring.awaitingHint")}>
          {t("restructuring.awaiting", { n: n(awaiting) })}
        </Text>
      )}
    </Stack>
  );
}

/** `withheld`: a board below its province committee reads its part (contract-restructuring 1.10), the province's member figures and check withheld. */
function ProvinceRow({ p, withheld }: { p: RunProvinceView; withheld: boolean }) {
  const { t, i18n } = useTranslation();
  const n = (x: number) => formatNumber(x, i18n.language);
  const check = conservationOf(p);
  const failure = failureOf(p);
  return (
    <Table.Tr data-testid={`restr-row-${p.provinceCode}`} data-status={p.status} data-check={check.state}>
      <Table.Td>{p.provinceCode} · {p.name}</Table.Td>
      <Table.Td><Badge color={STATUS_COLOR[p.status] ?? "gray"} variant="light" style={{ minWidth: "max-content" }} data-testid="restr-row-status">{t(`restructuring.status.${p.status}`)}</Badge></Table.Td>
      <Table.Td data-testid="restr-row-check"><CheckCell p={p} withheld={withheld} /></Table.Td>
      <Table.Td miw={120}>
        <Text size="sm" data-testid="restr-row-steps">{p.stepsDone}/{p.stepsTotal}</Text>
        <Progress size="sm" value={p.stepsTotal ? (100 * p.stepsDone) / p.stepsTotal : 0} color={STATUS_COLOR[p.status] ?? "gray"} aria-label={t("restructuring.col.steps")} />
      </Table.Td>
      <Table.Td ta="right" data-testid="restr-row-orgs">{n(p.changes.create)} / {n(p.changes.close)}</Table.Td>
      <Table.Td ta="right" data-testid="restr-row-members" title={withheld ? t("restructuring.withheld") : undefined}>
        {withheld ? "—" : `${n(p.membersBefore)} → ${p.membersAfter === null ? "…" : n(p.membersAfter)}`}
      </Table.Td>
      <Table.Td><SurplusPlaced p={p} /></Table.Td>
      <Table.Td data-testid="restr-row-error">
        {failure ? <Text size="sm" c="red">{failure.step ? t("restructuring.stepFailed", { step: failure.step, attempt: failure.attempt, message: failure.message }) : failure.message}</Text> : "—"}
      </Table.Td>
    </Table.Tr>
  );
}
