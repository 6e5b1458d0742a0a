import { Badge, Group, SegmentedControl, Text, TextInput } from "@mantine/core";
import { SITE_PRESENCE_STATES, sitePresence, type ConferenceStatus, type SitePresence } from "@orgboard/contract-conference";
import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { compareVi } from "../../lib/collate.js";
import { provinceByPath } from "../../lib/provinces.js";
import type { Site } from "../../state/conference-state.js";
import { PRESENCE_COLOR } from "./colors.js";

const ROW_HEIGHT = 34;
// Most urgent first: lost, then unstable, then those not there yet.
const stateRank: Record<SitePresence, number> = { lost: 0, degraded: 1, connecting: 2, not_connected: 3, left: 4, connected: 5 };
const gridTemplate = "minmax(200px, 3fr) minmax(120px, 2fr) 130px 90px";

/**
 * Sites as a sortable, filterable list that renders only the visible rows (TanStack Table + Virtual),
 * so 16,240 rows scroll smoothly.
 */
export function SiteTable({ sites, status }: { sites: readonly Site[]; status: ConferenceStatus }) {
  const { t } = useTranslation();
  const [sorting, setSorting] = useState<SortingState>([{ id: "presence", desc: false }]);
  const [filter, setFilter] = useState("");
  const [stateFilter, setStateFilter] = useState<string>("all");

  const data = useMemo(
    () => (stateFilter === "all" ? sites : sites.filter((s) => sitePresence(status, s.phase) === stateFilter)),
    [sites, stateFilter, status],
  );
  const columns = useMemo<ColumnDef<Site>[]>(
    () => [
      { id: "name", accessorKey: "name", header: t("conference.siteName"), sortingFn: (a, b) => compareVi(a.original.name, b.original.name) },
      {
        id: "province",
        accessorFn: (s) => provinceByPath(s.provincePath)?.shortName ?? s.provincePath,
        header: t("conference.province"),
        sortingFn: (a, b) => compareVi(a.getValue<string>("province"), b.getValue<string>("province")),
      },
      {
        id: "presence",
        accessorFn: (s) => sitePresence(status, s.phase),
        header: t("conference.linkState"),
        sortingFn: (a, b) =>
          stateRank[a.getValue<SitePresence>("presence")] - stateRank[b.getValue<SitePresence>("presence")] || compareVi(a.original.name, b.original.name),
        cell: (c) => (
          <Badge size="sm" color={PRESENCE_COLOR[c.getValue<SitePresence>()]} variant="light">
            {t(`conference.presence.${c.getValue<SitePresence>()}`)}
          </Badge>
        ),
      },
      { id: "checkedIn", accessorFn: (s) => `${s.presentCount}/${s.expectedAttendance}`, header: t("conference.checkedIn"), enableSorting: false },
    ],
    [t, status],
  );
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the table is re-read each render
  const table = useReactTable({
    data: data as Site[],
    columns,
    state: { sorting, globalFilter: filter },
    onSortingChange: setSorting,
    onGlobalFilterChange: setFilter,
    globalFilterFn: (row, _col, value: string) => `${row.original.code} ${row.original.name}`.toLocaleLowerCase("vi").includes(value.toLocaleLowerCase("vi")),
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getRowId: (s) => s.id,
  });
  const rows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  return (
    <div data-testid="site-table">
      <Group mb="xs" gap="sm">
        <TextInput size="xs" placeholder={t("conference.filter")} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} w={220} />
        <SegmentedControl
          size="xs"
          value={stateFilter}
          onChange={setStateFilter}
          data={[
            { value: "all", label: t("common.all") },
            ...SITE_PRESENCE_STATES.map((s) => ({ value: s, label: t(`conference.presence.${s}`) })),
          ]}
        />
        <Text size="xs" c="dimmed" data-testid="site-table-count">
          {t("conference.siteCount", { count: rows.length })}
        </Text>
      </Group>
      {table.getHeaderGroups().map((hg) => (
        <div key={hg.id} style={{ display: "grid", gridTemplateColumns: gridTemplate, fontWeight: 600, fontSize: 13, borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
          {hg.headers.map((h) => (
            <div
              key={h.id}
              style={{ padding: "4px 8px", cursor: h.column.getCanSort() ? "pointer" : undefined, userSelect: "none" }}
              onClick={h.column.getToggleSortingHandler()}
            >
              {flexRender(h.column.columnDef.header, h.getContext())}
              {{ asc: " ▲", desc: " ▼" }[h.column.getIsSorted() as string] ?? ""}
            </div>
          ))}
        </div>
      ))}
      <div ref={scrollRef} style={{ height: 360, overflow: "auto" }} data-testid="site-table-scroll">
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((v) => {
            const row = rows[v.index]!;
            return (
              <div
                key={row.id}
                data-testid="site-row"
                data-state={row.original.linkState}
                data-presence={sitePresence(status, row.original.phase)}
                style={{
                  position: "absolute",
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${v.start}px)`,
                  display: "grid",
                  gridTemplateColumns: gridTemplate,
                  alignItems: "center",
                  fontSize: 13,
                  borderBottom: "1px solid var(--mantine-color-gray-1)",
                }}
              >
                {row.getVisibleCells().map((c) => (
                  <div key={c.id} style={{ padding: "0 8px", overflow: "hidden", whiteSpace: "nowrap", textOverflow: "ellipsis" }}>
                    {flexRender(c.column.columnDef.cell, c.getContext())}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
