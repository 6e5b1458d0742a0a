import { Progress, SimpleGrid, Stack, Text, UnstyledButton } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { compareVi } from "../../lib/collate.js";
import { formatNumber } from "../../lib/format.js";
import { provinceByCode, PROVINCES } from "../../lib/provinces.js";
import type { LinkCounts } from "../../state/conference-state.js";

const order = new Map(PROVINCES.map((p, i) => [p.code, i]));

/**
 * The national view: one tile per province (a schematic grid in official code order, roughly north to
 * south — no map tiles are reachable offline), coloured by its share of connected sites. A click drills
 * down into that province's sites.
 */
export function ProvinceGrid({
  counts,
  selected,
  onSelect,
}: {
  counts: Map<string, LinkCounts>;
  selected: string | null;
  onSelect: (code: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const codes = [...counts.keys()].sort(
    (a, b) => (order.get(a) ?? 999) - (order.get(b) ?? 999) || compareVi(a, b),
  );
  return (
    <SimpleGrid cols={{ base: 3, sm: 5, md: 7 }} spacing={6} data-testid="province-grid">
      {codes.map((code) => {
        const c = counts.get(code)!;
        const down = c.disconnected + c.degraded;
        const share = c.total ? c.connected / c.total : 0;
        const color = share >= 0.98 ? "green" : share >= 0.9 ? "yellow" : "red";
        return (
          <UnstyledButton
            key={code}
            onClick={() => onSelect(selected === code ? null : code)}
            data-testid="province-tile"
            data-province={code}
            p={8}
            style={{
              borderRadius: 6,
              border: `2px solid var(--mantine-color-${selected === code ? "blue-6" : `${color}-4`})`,
              background: `var(--mantine-color-${color}-0)`,
            }}
          >
            <Stack gap={4}>
              <Text size="xs" fw={700} lineClamp={1}>
                {provinceByCode(code)?.shortName ?? code}
              </Text>
              <Text size="xs">
                {formatNumber(c.connected, i18n.language)}/{formatNumber(c.total, i18n.language)}
                {down > 0 && (
                  <Text span c="red.7" size="xs">
                    {" "}
                    · {formatNumber(down, i18n.language)} {t("conference.link.disconnected").toLowerCase()}
                  </Text>
                )}
              </Text>
              <Progress.Root size="sm">
                <Progress.Section value={(c.connected / c.total) * 100} color="green" />
                <Progress.Section value={(c.degraded / c.total) * 100} color="yellow" />
                <Progress.Section value={(c.disconnected / c.total) * 100} color="red" />
              </Progress.Root>
            </Stack>
          </UnstyledButton>
        );
      })}
    </SimpleGrid>
  );
}
