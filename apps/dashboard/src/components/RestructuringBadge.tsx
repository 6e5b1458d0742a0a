import { Badge, type BadgeProps } from "@mantine/core";
import type { RestructuringNotice } from "@orgboard/contract-membership";
import { useTranslation } from "react-i18next";

/**
 * "Đang sắp xếp" / "Restructuring in progress": what is shown beside it lies in a subtree restructuring's saga
 * has marked (membership's notice, contract-membership 2.7/2.8), so its figures are not final. The tooltip is
 * membership's bilingual message with its date. Nothing when there is no notice (or a membership before 2.7).
 * One component for every panel (inspection's units, personnel's unit, conference's provinces and sites).
 */
export function RestructuringBadge({ notice, testId, size = "sm" }: { notice: RestructuringNotice | null | undefined; testId: string; size?: BadgeProps["size"] }) {
  const { t } = useTranslation();
  if (!notice) return null;
  return (
    // Wraps rather than cutting its words in a narrow tile ("RESTRU…" at 768 px); one line wherever it fits.
    <Badge size={size} color="orange" variant="light" data-testid={testId} data-since={notice.since} title={notice.message}
      styles={{ root: { height: "auto", maxWidth: "100%", flexShrink: 0 }, label: { whiteSpace: "normal", overflowWrap: "anywhere", overflow: "visible", lineHeight: 1.3, paddingBlock: 1 } }}
    >
      {t("common.moving")}
    </Badge>
  );
}
