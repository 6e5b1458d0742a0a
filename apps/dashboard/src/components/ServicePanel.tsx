import { Badge, Group, Paper, Title, type PaperProps } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useServiceHealth } from "../hooks/hooks.js";

/**
 * A panel fed by one service. When that service is down only this panel greys out (and says so);
 * the other panels keep their live data.
 */
export function ServicePanel({
  service,
  title,
  actions,
  children,
  testId,
  unavailable = false,
  ...paper
}: {
  service: string;
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
  /** Shown as unavailable whatever its health (e.g. an optional service absent from the configuration). */
  unavailable?: boolean;
} & PaperProps) {
  const { t } = useTranslation();
  const polled = useServiceHealth(service);
  const health = unavailable ? "down" : polled;
  const down = health === "down";
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId} data-service={service} data-service-state={health} {...paper}>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={4} fz="md">
          {title}
        </Title>
        {down ? (
          <Badge color="gray" variant="filled" data-testid="service-unavailable">
            {t("service.unavailable", { name: t(`service.name.${service}`, { defaultValue: service }) })}
          </Badge>
        ) : (
          actions
        )}
      </Group>
      <div style={down ? { opacity: 0.4, filter: "grayscale(1)", pointerEvents: "none" } : undefined} aria-disabled={down}>
        {children}
      </div>
    </Paper>
  );
}
