import { Badge, Button, Group, Menu, SegmentedControl, Stack, Text, Title, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useApp } from "../context.js";
import { useHealthMap, useOfficial, useSocketState } from "../hooks/hooks.js";
import { rememberLanguage, type Language } from "../i18n/index.js";
import { unitLabel } from "../lib/provinces.js";

const socketColor = { connected: "green", connecting: "yellow", disconnected: "red" } as const;
const healthColor = { up: "green", down: "red", unknown: "gray" } as const;

export function ConnectionIndicator() {
  const { t } = useTranslation();
  const state = useSocketState();
  return (
    <Badge color={socketColor[state]} variant="dot" size="lg" data-testid="socket-state" data-state={state}>
      {t(`realtime.${state}`)}
    </Badge>
  );
}

export function ServiceStatus() {
  const { t } = useTranslation();
  const health = useHealthMap();
  return (
    <Group gap={6}>
      {Object.entries(health).map(([service, h]) => {
        const name = t(`service.name.${service}`, { defaultValue: service });
        return (
          <Tooltip key={service} label={t(`service.${h}`, { name })}>
            <Badge color={healthColor[h]} variant="light" data-testid={`service-${service}`} data-state={h}>
              {name}
            </Badge>
          </Tooltip>
        );
      })}
    </Group>
  );
}

export function UserMenu() {
  const { t } = useTranslation();
  const { session } = useApp();
  const official = useOfficial();
  return (
    <Menu position="bottom-end" width={320} withinPortal>
      <Menu.Target>
        <Button variant="subtle" data-testid="user-menu">
          <Stack gap={0} align="flex-end">
            <Text fw={600} size="sm" data-testid="official-name">
              {official.name}
            </Text>
            <Text size="xs" c="dimmed" data-testid="official-units">
              {official.orgPaths.map((p) => unitLabel(p, t("kpi.allProvinces"))).join(", ")}
            </Text>
          </Stack>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t("auth.roles")}</Menu.Label>
        <Group gap={4} px="sm" pb="xs" data-testid="official-roles">
          {official.roles.map((r) => (
            <Badge key={r} variant="light" data-role={r}>
              {t(`role.${r}`)}
            </Badge>
          ))}
        </Group>
        <Menu.Label>{t("auth.units")}</Menu.Label>
        {official.orgPaths.map((p) => (
          <Text key={p} size="sm" px="sm" data-org-path={p}>
            {unitLabel(p, t("kpi.allProvinces"))}
          </Text>
        ))}
        <Menu.Divider />
        <Menu.Item color="red" onClick={() => void session.logout()} data-testid="logout">
          {t("auth.logout")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

export function Header() {
  const { t, i18n } = useTranslation();
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="md" wrap="nowrap">
        <Title order={3} fz="lg" c="red.8">
          {t("app.title")}
        </Title>
        <ConnectionIndicator />
        <ServiceStatus />
      </Group>
      <Group gap="sm" wrap="nowrap">
        <SegmentedControl
          size="xs"
          value={i18n.language}
          data-testid="language"
          onChange={(v) => {
            rememberLanguage(v as Language);
            void i18n.changeLanguage(v);
          }}
          data={[
            { value: "vi", label: "VI" },
            { value: "en", label: "EN" },
          ]}
        />
        <UserMenu />
      </Group>
    </Group>
  );
}
