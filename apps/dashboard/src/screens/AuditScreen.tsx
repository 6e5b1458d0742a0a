import { Alert, Button, Code, Grid, Group, Select, Table, Text, TextInput } from "@mantine/core";
import type { AuditRecordView } from "@orgboard/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../api/client.js";
import { useApp } from "../context.js";
import { formatDateTime } from "../lib/format.js";
import { AUDIT_SERVICES, auditSearchInput, EMPTY_FILTERS, type AuditFilters, type AuditService } from "../state/audit-search.js";

/** What the table shows of a record (before/after stay with the API: personal data, not shown in a list). */
export type AuditRow = Pick<AuditRecordView, "id" | "at" | "kind" | "actor" | "action" | "entity" | "entityId" | "orgPath" | "hash">;

/**
 * The audit trail of the auditor's scope (docs/security.md "Audit trail"): a service's records, newest
 * first, filtered by actor, action, entity, kind and days; "older" pages on. The services decide the scope.
 */
export function AuditScreen() {
  const { t } = useTranslation();
  const { api } = useApp();
  const [service, setService] = useState<AuditService>("membership");
  const [filters, setFilters] = useState<AuditFilters>(EMPTY_FILTERS);
  const [rows, setRows] = useState<AuditRow[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [searched, setSearched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof AuditFilters) => (e: { currentTarget: { value: string } }) => setFilters({ ...filters, [k]: e.currentTarget.value });

  async function load(from: string | null) {
    const built = auditSearchInput(filters, from);
    if ("invalid" in built) {
      setError(t("audit.badDate", { field: t(`audit.${built.invalid}`) }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const page =
        service === "membership"
          ? await api.query("membership.audit.search", (c) => c.membership.audit.search.query(built.input))
          : service === "inspection"
            ? await api.query("inspection.audit.search", (c) => c.inspection.audit.search.query(built.input))
            : await api.query("conference.audit.search", (c) => c.conference.audit.search.query(built.input));
      setRows(from ? [...rows, ...page.items] : page.items);
      setCursor(page.nextCursor);
      setSearched(true);
    } catch (err) {
      setError(t("common.error", { message: errorMessage(err) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Grid gap="md">
      <Grid.Col span={12}>
        <Group align="end" wrap="wrap">
          <Select
            label={t("audit.service")}
            data={AUDIT_SERVICES.map((s) => ({ value: s, label: t(`audit.services.${s}`) }))}
            value={service}
            onChange={(v) => v && setService(v)}
            allowDeselect={false}
            data-testid="audit-service"
          />
          <TextInput label={t("audit.actor")} value={filters.actor} onChange={set("actor")} />
          <TextInput label={t("audit.action")} value={filters.action} onChange={set("action")} />
          <TextInput label={t("audit.entity")} value={filters.entity} onChange={set("entity")} />
          <TextInput label={t("audit.entityId")} value={filters.entityId} onChange={set("entityId")} w={110} />
          <Select
            label={t("audit.kind")}
            data={[{ value: "", label: t("common.all") }, { value: "change", label: t("audit.kinds.change") }, { value: "read", label: t("audit.kinds.read") }]}
            value={filters.kind}
            onChange={(v) => setFilters({ ...filters, kind: (v ?? "") })}
            w={130}
          />
          <TextInput label={t("audit.from")} placeholder="dd/mm/yyyy" value={filters.from} onChange={set("from")} w={130} />
          <TextInput label={t("audit.to")} placeholder="dd/mm/yyyy" value={filters.to} onChange={set("to")} w={130} />
          <Button onClick={() => void load(null)} loading={busy} data-testid="audit-search">{t("common.search")}</Button>
        </Group>
      </Grid.Col>
      {error && (
        <Grid.Col span={12}>
          <Alert color="gray" data-testid="audit-error">{error}</Alert>
        </Grid.Col>
      )}
      <Grid.Col span={12}>
        {searched && rows.length === 0 ? (
          <Text c="dimmed">{t("common.empty")}</Text>
        ) : rows.length > 0 ? (
          <AuditTable rows={rows} />
        ) : null}
        {cursor && (
          <Button mt="sm" variant="default" onClick={() => void load(cursor)} loading={busy} data-testid="audit-older">{t("audit.older")}</Button>
        )}
      </Grid.Col>
    </Grid>
  );
}

export function AuditTable({ rows }: { rows: readonly AuditRow[] }) {
  const { t } = useTranslation();
  return (
    <Table striped highlightOnHover data-testid="audit-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("audit.at")}</Table.Th>
          <Table.Th>{t("audit.kind")}</Table.Th>
          <Table.Th>{t("audit.actor")}</Table.Th>
          <Table.Th>{t("audit.action")}</Table.Th>
          <Table.Th>{t("audit.entity")}</Table.Th>
          <Table.Th>{t("audit.orgPath")}</Table.Th>
          <Table.Th>{t("audit.hash")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.id} data-testid="audit-row" data-kind={r.kind}>
            <Table.Td>{formatDateTime(r.at)}</Table.Td>
            <Table.Td>{t(`audit.kinds.${r.kind}`)}</Table.Td>
            <Table.Td>{r.actor}</Table.Td>
            <Table.Td>{r.action}</Table.Td>
            <Table.Td>{`${r.entity} #${r.entityId}`}</Table.Td>
            <Table.Td>{r.orgPath}</Table.Td>
            <Table.Td title={r.hash}><Code>{r.hash.slice(0, 12)}</Code></Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
