import { Alert, Group, Loader, Table, Text } from "@mantine/core";
import { ORG_KINDS, type OrgStructureOutput } from "@orgboard/contract-membership";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client.js";
import { RestructuringBadge } from "../../components/RestructuringBadge.js";
import { ServicePanel } from "../../components/ServicePanel.js";
import { useOrgStructure } from "../../hooks/structure.js";
import { formatDate, formatNumber } from "../../lib/format.js";

/**
 * "Cơ cấu tổ chức": the unit's subtree as the boards report it (membership's orgs.structure, contract 2.8): the
 * grassroots party organizations, the organizations open by kind (kinds with none left out), the cells under
 * grassroots and partial committees, and the members, official and probationary; "đang sắp xếp" while a
 * restructuring run moves part of it (the counts are not final then).
 */
export function StructurePanel({ orgPath }: { orgPath: string }) {
  const { t } = useTranslation();
  const q = useOrgStructure(orgPath, true);
  return (
    <ServicePanel service="membership" testId="kpi-structure"
      title={q.data ? t("kpi.structure.title", { date: formatDate(`${q.data.on}T00:00:00`) }) : t("kpi.structure.titleToday")}
      actions={<RestructuringBadge notice={q.data?.restructuring} testId="kpi-structure-moving" />}
    >
      {q.isLoading ? (
        <Loader size="sm" />
      ) : q.error ? (
        <Alert color="gray">{t("common.error", { message: errorMessage(q.error) })}</Alert>
      ) : q.data ? (
        <StructureTable s={q.data} />
      ) : null}
    </ServicePanel>
  );
}

export function StructureTable({ s }: { s: OrgStructureOutput }) {
  const { t, i18n } = useTranslation();
  const n = (x: number) => formatNumber(x, i18n.language);
  const row = (id: string, label: string, value: number, strong = false) => (
    <Table.Tr key={id} data-testid="structure-row" data-key={id}>
      <Table.Td>{strong ? <b>{label}</b> : label}</Table.Td>
      <Table.Td ta="right" data-testid="structure-value">{strong ? <b>{n(value)}</b> : n(value)}</Table.Td>
    </Table.Tr>
  );
  return (
    <>
      <Group gap="xl" mb="xs">
        <Text size="sm">{t("kpi.structure.members")}: <b data-testid="structure-members">{n(s.members.total)}</b></Text>
        <Text size="sm" c="dimmed">{t("kpi.structure.official")} {n(s.members.official)} · {t("kpi.structure.probationary")} {n(s.members.probationary)}</Text>
      </Group>
      <Table striped data-testid="structure-table">
        <Table.Tbody>
          {row("organizations", t("kpi.structure.organizations"), s.organizations.total, true)}
          {row("grassroots", t("kpi.structure.grassroots"), s.organizations.grassroots, true)}
          {ORG_KINDS.filter((k) => s.organizations.byKind[k] > 0).map((k) => row(k, t(`kpi.structure.kind.${k}`), s.organizations.byKind[k]))}
          {s.organizations.cellsUnderGrassrootsCommittees > 0 && row("cellsUnderGrassroots", t("kpi.structure.cellsUnderGrassroots"), s.organizations.cellsUnderGrassrootsCommittees)}
          {s.organizations.cellsUnderPartialCommittees > 0 && row("cellsUnderPartial", t("kpi.structure.cellsUnderPartial"), s.organizations.cellsUnderPartialCommittees)}
        </Table.Tbody>
      </Table>
    </>
  );
}
