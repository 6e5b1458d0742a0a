import { Progress, SimpleGrid, Stack, Text, Tooltip, UnstyledButton } from "@mantine/core";
import { presenceCounts, SITE_PRESENCE_STATES, type ConferenceStatus, type SitePresence } from "@orgboard/contract-conference";
import { useTranslation } from "react-i18next";
import { compareVi } from "../../lib/collate.js";
import { formatNumber } from "../../lib/format.js";
import { RestructuringBadge } from "../../components/RestructuringBadge.js";
import { PROVINCES, provinceByPath } from "../../lib/provinces.js";
import type { Counters } from "../../state/conference-state.js";
import type { ProvinceMarks } from "../../state/restructuring-marks.js";
import { PRESENCE_COLOR } from "./colors.js";

const order = new Map(PROVINCES.map((p, i) => [`/${p.code}/`, i]));

/** The state a province tile is outlined in: the most urgent one any of its sites is in. */
const URGENCY: readonly SitePresence[] = ["lost", "degraded", "connecting", "not_connected", "left", "connected"];

/**
 * The national view: one tile per province (a schematic grid in official code order, roughly north to
 * south; no map tiles are reachable offline) with its sites per presence state, the same states, colours
 * and words as the tiles of a smaller conference. A click drills down into that province's sites. A province
 * restructuring's saga is moving (membership's notice, `marks`) says "Đang sắp xếp": its sites are being rekeyed.
 */
export function ProvinceGrid({
  provinces,
  status,
  selected,
  onSelect,
  marks,
}: {
  provinces: Readonly<Record<string, Counters & { name: string | null }>>;
  status: ConferenceStatus;
  selected: string | null;
  onSelect: (orgPath: string | null) => void;
  /** Required, so a screen cannot forget membership's notices (`{}` when there are none). */
  marks: ProvinceMarks;
}) {
  const { t, i18n } = useTranslation();
  const n = (x: number) => formatNumber(x, i18n.language);
  const paths = Object.keys(provinces).sort((a, b) => (order.get(a) ?? 999) - (order.get(b) ?? 999) || compareVi(a, b));
  return (
    <SimpleGrid cols={{ base: 3, sm: 5, md: 7 }} spacing={6} data-testid="province-grid">
      {paths.map((path) => {
        const c = provinces[path]!;
        const counts = presenceCounts(status, c.phases);
        const worst = URGENCY.find((p) => counts[p] > 0) ?? "not_connected";
        const color = PRESENCE_COLOR[worst];
        const pct = (x: number) => (c.sites ? (x / c.sites) * 100 : 0);
        const others = SITE_PRESENCE_STATES.filter((p) => p !== "connected" && counts[p] > 0);
        return (
          <UnstyledButton
            key={path}
            onClick={() => onSelect(selected === path ? null : path)}
            data-testid="province-tile"
            data-org-path={path}
            data-presence={worst}
            data-counts={JSON.stringify(counts)}
            data-moving={marks[path] ? "true" : "false"}
            p={8}
            style={{
              borderRadius: 6,
              border: `2px solid var(--mantine-color-${selected === path ? "blue-9" : `${color}-5`})`,
              background: `var(--mantine-color-${color}-0)`,
            }}
          >
            <Stack gap={4}>
              <Text size="xs" fw={700} lineClamp={1}>
                {provinceByPath(path)?.shortName ?? c.name ?? path}
              </Text>
              <RestructuringBadge notice={marks[path]} testId="province-moving" size="xs" />
              <Text size="xs">
                {n(counts.connected)}/{n(c.sites)}
              </Text>
              {others.map((p) => (
                <Text key={p} size="xs" c={`${PRESENCE_COLOR[p]}.8`} data-testid="province-state" data-presence={p}>
                  {n(counts[p])} {t(`conference.presence.${p}`).toLowerCase()}
                </Text>
              ))}
              <Progress.Root size="sm">
                {SITE_PRESENCE_STATES.map((p) => (
                  <Tooltip key={p} label={`${t(`conference.presence.${p}`)}: ${n(counts[p])}`}>
                    <Progress.Section value={pct(counts[p])} color={PRESENCE_COLOR[p]} />
                  </Tooltip>
                ))}
              </Progress.Root>
            </Stack>
          </UnstyledButton>
        );
      })}
    </SimpleGrid>
  );
}
