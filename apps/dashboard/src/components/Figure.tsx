import { Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../lib/format.js";

/** One count of a figures panel: label above, the number (coloured when above zero) with its value for tests. */
export function Figure({ label, value, testId, color }: { label: ReactNode; value: number; testId: string; color?: string }) {
  const { i18n } = useTranslation();
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text fw={700} fz="xl" c={value > 0 ? color : undefined} data-testid={testId} data-value={value}>{formatNumber(value, i18n.language)}</Text>
    </Stack>
  );
}
