import { Progress, SimpleGrid, Stack, Text, UnstyledButton } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { compareVi } from "../../lib/collate.js";
import { formatNumber } from "../../lib/format.js";
import { PROVINCES, provinceByPath } from "../../lib/provinces.js";
import type { Counters } from "../../state/conference-state.js";

const order = new Map(PROVINCES.map((p, i) => [`/${p.code}/`, i]));

/**
 * The national view: one tile per province (a schematic grid in official code order, roughly north to
 * south; no map tiles are reachable offline), coloured by its share of connected sites. A click drills
 * down into that province's sites.
 */
export function ProvinceGrid({
  provinces,
  selected,
  onSelect,
}: {
  provinces: Readonly<Record<string, Counters & { name: string | null }>>;
  selected: string | null;
  onSelect: (orgPath: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const n = (x: number) => formatNumber(x, i18n.language);
  const paths = Object.keys(provinces).sort((a, b) => (order.get(a) ?? 999) - (order.get(b) ?? 999) || compareVi(a, b));
  return (
    <SimpleGrid cols={{ base: 3, sm: 5, md: 7 }} spacing={6} data-testid="province-grid">
      {paths.map((path) => {
        const c = provinces[path]!;
        const down = c.disconnected + c.degraded;
        const share = c.sites ? c.connected / c.sites : 0;
        const color = share >= 0.98 ? "green" : share >= 0.9 ? "yellow" : "red";
        const pct = (x: number) => (c.sites ? (x / c.sites) * 100 : 0);
        return (
          <UnstyledButton
            key={path}
            onClick={() => onSelect(selected === path ? null : path)}
            data-testid="province-tile"
            data-org-path={path}
            p={8}
            style={{
              borderRadius: 6,
              border: `2px solid var(--mantine-color-${selected === path ? "blue-6" : `${color}-4`})`,
              background: `var(--mantine-color-${color}-0)`,
            }}
          >
            <Stack gap={4}>
              <Text size="xs" fw={700} lineClamp={1}>
                {provinceByPath(path)?.shortName ?? c.name ?? path}
              </Text>
              <Text size="xs">
                {n(c.connected)}/{n(c.sites)}
                {down > 0 && (
                  <Text span c="red.7" size="xs">
                    {" "}· {n(down)} {t("conference.link.disconnected").toLowerCase()}
                  </Text>
                )}
              </Text>
              <Progress.Root size="sm">
                <Progress.Section value={pct(c.connected)} color="green" />
                <Progress.Section value={pct(c.degraded)} color="yellow" />
                <Progress.Section value={pct(c.disconnected)} color="red" />
              </Progress.Root>
            </Stack>
          </UnstyledButton>
        );
      })}
    </SimpleGrid>
  );
}
