import { Box, SimpleGrid, Text, Tooltip } from "@mantine/core";
import { sitePresence, type ConferenceStatus } from "@orgboard/contract-conference";
import { useTranslation } from "react-i18next";
import { RestructuringBadge } from "../../components/RestructuringBadge.js";
import { siteShortName } from "../../lib/site-name.js";
import type { Site } from "../../state/conference-state.js";
import type { ProvinceMarks } from "../../state/restructuring-marks.js";
import { PRESENCE_COLOR } from "./colors.js";

/**
 * Every site as a tile coloured by its presence state: the "all sites at a glance" view up to a few hundred.
 * A site whose province restructuring's saga is moving (`marks`: the saga marks province committees, so the
 * site's organization lies under the mark) says "Đang sắp xếp".
 */
export function SiteTiles({ sites, ids, status, marks }: { sites: Readonly<Record<string, Site>>; ids: readonly string[]; status: ConferenceStatus; marks: ProvinceMarks }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 2, xs: 3, sm: 4, md: 6, lg: 8, xl: 10 }} spacing={6} verticalSpacing={6} data-testid="site-tiles">
      {ids.map((id) => {
        const s = sites[id];
        if (!s) return null;
        const presence = sitePresence(status, s.phase);
        const color = PRESENCE_COLOR[presence];
        return (
          <Tooltip key={id} label={`${s.name} — ${t(`conference.presence.${presence}`)} — ${s.presentCount}/${s.expectedAttendance}`}>
            <Box
              data-testid="site-tile"
              data-site-id={s.id}
              data-state={s.linkState}
              data-presence={presence}
              data-org-path={s.orgPath}
              data-moving={marks[s.provincePath] ? "true" : "false"}
              data-changed-at={s.linkChangedAt ?? undefined}
              p={6}
              style={{
                borderRadius: 6,
                background: `var(--mantine-color-${color}-${presence === "connected" ? 1 : 2})`,
                borderLeft: `4px solid var(--mantine-color-${color}-7)`,
                minHeight: 48,
              }}
            >
              {/* The short name, cut with an ellipsis if still too long; the full name in title and tooltip. */}
              <Text size="xs" fw={600} truncate="end" title={s.name} data-testid="site-tile-name">
                {siteShortName(s.name)}
              </Text>
              <Text size="xs" c="dimmed">
                {s.presentCount}/{s.expectedAttendance}
              </Text>
              <RestructuringBadge notice={marks[s.provincePath]} testId="site-tile-moving" size="xs" />
            </Box>
          </Tooltip>
        );
      })}
    </SimpleGrid>
  );
}
