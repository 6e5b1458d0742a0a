import { Box, Group, Text } from "@mantine/core";
import { SITE_PRESENCE_STATES, type SitePresenceCounts } from "@orgboard/contract-conference";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../lib/format.js";
import { PRESENCE_COLOR } from "./colors.js";

/** The legend and the counts at once: a swatch, the state's name and how many sites are in it. */
export function PresenceLegend({ counts }: { counts: SitePresenceCounts }) {
  const { t, i18n } = useTranslation();
  return (
    <Group gap="md" wrap="wrap" data-testid="presence-legend" role="list" aria-label={t("conference.legend")}>
      {SITE_PRESENCE_STATES.map((p) => (
        <Group key={p} gap={6} wrap="nowrap" role="listitem" data-testid="presence-count" data-presence={p} data-count={counts[p]}>
          <Box
            data-testid="presence-swatch"
            w={14}
            h={14}
            style={{ borderRadius: 3, background: `var(--mantine-color-${PRESENCE_COLOR[p]}-6)` }}
            aria-hidden
          />
          <Text size="sm">{t(`conference.presence.${p}`)}</Text>
          <Text size="sm" fw={700} ff="monospace" data-testid="presence-value">
            {formatNumber(counts[p], i18n.language)}
          </Text>
        </Group>
      ))}
    </Group>
  );
}
