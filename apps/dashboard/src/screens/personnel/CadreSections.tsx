import { Alert, Loader, Progress, SimpleGrid, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client.js";
import { Figure } from "../../components/Figure.js";
import { ServicePanel } from "../../components/ServicePanel.js";
import { usePersonnelSurplus, usePersonnelVoteOutcomes } from "../../hooks/personnel.js";
import { formatNumber } from "../../lib/format.js";

// The personnel panel's sections for confidence-vote outcomes and surplus cadres (pers-cadres, #13): counts
// only, live on `personnel.figures.changed`. Kept apart from PersonnelScreen so other sections merge cleanly.

function Body({ loading, error, children }: { loading: boolean; error: unknown; children: ReactNode }) {
  const { t } = useTranslation();
  if (loading) return <Loader size="sm" />;
  if (error) return <Alert color="gray">{t("common.error", { message: errorMessage(error) })}</Alert>;
  return <>{children}</>;
}

/** Confidence votes of the unit's subtree in the year: holders voted on, kept, resignation or dismissal proposed (Quy định 96-QĐ/TW). */
export function VoteOutcomesSection({ orgPath, year }: { orgPath: string; year: number }) {
  const { t, i18n } = useTranslation();
  const v = usePersonnelVoteOutcomes(orgPath, year);
  return (
    <ServicePanel service="personnel" testId="pers-votes" unavailable={!v.configured} title={t("personnel.votesOf", { year })}>
      <Body loading={v.isLoading} error={v.error}>
        {v.outcomes && (
          <Stack gap="xs" data-testid="pers-votes-figures" data-org-path={orgPath} data-year={year}>
            <SimpleGrid cols={2}>
              <Figure label={t("personnel.votesHolders")} value={v.outcomes.holders} testId="pers-votes-holders" />
              <Figure label={t("personnel.votesKept")} value={v.outcomes.kept} testId="pers-votes-kept" />
              <Figure label={t("personnel.votesResignation")} value={v.outcomes.resignationProposed} testId="pers-votes-resignation" color="orange" />
              <Figure label={t("personnel.votesDismissal")} value={v.outcomes.dismissalProposed} testId="pers-votes-dismissal" color="red" />
            </SimpleGrid>
            <Text size="xs" c="dimmed" data-testid="pers-votes-previous">
              {t("personnel.votesPrevious", { year: year - 1, holders: formatNumber(v.outcomes.previous.holders, i18n.language), sessions: formatNumber(v.outcomes.previous.sessions, i18n.language) })}
            </Text>
          </Stack>
        )}
      </Body>
    </ServicePanel>
  );
}

/** Cadres left surplus by mergers of units: resolved / total, and the policies applied (Nghị định 178/2024). */
export function SurplusSection({ orgPath }: { orgPath: string }) {
  const { t, i18n } = useTranslation();
  const s = usePersonnelSurplus(orgPath);
  const f = s.surplus;
  return (
    <ServicePanel service="personnel" testId="pers-surplus" unavailable={!s.configured} title={t("personnel.surplus")}>
      <Body loading={s.isLoading} error={s.error}>
        {f && (
          <Stack gap="xs" data-testid="pers-surplus-figures" data-org-path={orgPath} data-resolved={f.resolved} data-total={f.total}>
            <Text fw={700} fz="xl" data-testid="pers-surplus-ratio">
              {formatNumber(f.resolved, i18n.language)} / {formatNumber(f.total, i18n.language)}
            </Text>
            <Progress value={f.total === 0 ? 0 : (100 * f.resolved) / f.total} color="green" aria-label={t("personnel.surplus")} />
            <SimpleGrid cols={3}>
              <Figure label={t("personnel.surplusEarlyRetirement")} value={f.perPolicy.early_retirement} testId="pers-surplus-early" />
              <Figure label={t("personnel.surplusAllowance")} value={f.perPolicy.leave_with_allowance} testId="pers-surplus-allowance" />
              <Figure label={t("personnel.surplusTransfer")} value={f.perPolicy.transfer} testId="pers-surplus-transfer" />
            </SimpleGrid>
            {f.open > 0 && <Text size="xs" c="red" data-testid="pers-surplus-open">{t("personnel.surplusOpen", { count: f.open })}</Text>}
          </Stack>
        )}
      </Body>
    </ServicePanel>
  );
}
