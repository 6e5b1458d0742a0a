import { Anchor, Badge, Group, List, Progress, ScrollArea, Stack, Text, Timeline } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ConclusionDto, DocumentDto, SpeakerDto } from "../../api/conference-schemas.js";
import { useNow } from "../../hooks/hooks.js";
import { formatDate, formatDuration, formatTime } from "../../lib/format.js";
import { agendaProgress, type ConferenceState, type TimelineEntry } from "../../state/conference-state.js";

export function CurrentAgenda({ state }: { state: ConferenceState }) {
  const { t } = useTranslation();
  const now = useNow(1000);
  const p = agendaProgress(state.agenda, state.currentItemId, now);
  if (!p) return <Text c="dimmed">{t("conference.noCurrentItem")}</Text>;
  return (
    <Stack gap={6} data-testid="agenda-current" data-item-id={p.item.id}>
      <Text fw={700} size="lg" data-testid="agenda-current-title">
        {p.index + 1}. {p.item.title}
      </Text>
      <Group gap="lg">
        <Text size="sm">
          {t("conference.elapsed")}:{" "}
          <Text span fw={700} c={p.overtime ? "red.7" : undefined} data-testid="agenda-elapsed" ff="monospace">
            {formatDuration(p.elapsedMs)}
          </Text>
        </Text>
        <Text size="sm">
          {t("conference.planned")}: <Text span ff="monospace">{formatDuration(p.plannedMs)}</Text>
        </Text>
        {p.overtime && <Badge color="red">{t("conference.overtime")}</Badge>}
      </Group>
      <Progress value={Math.min(100, (p.elapsedMs / Math.max(1, p.plannedMs)) * 100)} color={p.overtime ? "red" : "blue"} />
    </Stack>
  );
}

export function AgendaList({ state }: { state: ConferenceState }) {
  return (
    <List spacing={4} size="sm" type="ordered" data-testid="agenda-list">
      {state.agenda.map((i) => {
        const current = i.id === state.currentItemId;
        const done = Boolean(i.endedAt);
        return (
          <List.Item key={i.id} data-state={current ? "current" : done ? "done" : "upcoming"}>
            <Text size="sm" fw={current ? 700 : 400} c={done ? "dimmed" : current ? "blue.8" : undefined} td={done ? "line-through" : undefined}>
              {i.title} <Text span c="dimmed" size="xs">({i.plannedMinutes}′)</Text>
            </Text>
          </List.Item>
        );
      })}
    </List>
  );
}

export function SpeakerPanel({ state }: { state: ConferenceState }) {
  const { t } = useTranslation();
  const now = useNow(1000);
  const siteName = (s: SpeakerDto) => (s.siteId ? state.sites[s.siteId]?.name : undefined);
  const sp = state.speaker;
  return (
    <Stack gap="xs">
      {sp ? (
        <div data-testid="speaker-current">
          <Text fw={700}>{sp.name}</Text>
          <Text size="sm" c="dimmed">
            {[siteName(sp), sp.topic].filter(Boolean).join(" · ")}
            {sp.startedAt && <> · <Text span ff="monospace">{formatDuration(now - Date.parse(sp.startedAt))}</Text></>}
          </Text>
        </div>
      ) : (
        <Text c="dimmed">{t("conference.noSpeaker")}</Text>
      )}
      <Text size="sm" fw={600} mt="xs">
        {t("conference.queue")}
      </Text>
      {state.queue.length === 0 ? (
        <Text size="sm" c="dimmed">{t("conference.queueEmpty")}</Text>
      ) : (
        <List size="sm" type="ordered" data-testid="speaker-queue">
          {state.queue.map((q) => (
            <List.Item key={q.id}>
              {q.name}
              {siteName(q) && <Text span c="dimmed"> — {siteName(q)}</Text>}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

export function DocumentsPanel({ documents }: { documents: readonly DocumentDto[] }) {
  const { t } = useTranslation();
  if (!documents.length) return <Text size="sm" c="dimmed">{t("common.empty")}</Text>;
  return (
    <List size="sm" spacing={4} data-testid="documents">
      {documents.map((d) => (
        <List.Item key={d.id}>
          {d.url ? <Anchor href={d.url} target="_blank" rel="noreferrer">{d.title}</Anchor> : d.title}{" "}
          <Text span size="xs" c="dimmed">{formatDate(d.publishedAt)}</Text>
        </List.Item>
      ))}
    </List>
  );
}

export function ConclusionsPanel({ conclusions }: { conclusions: readonly ConclusionDto[] }) {
  const { t } = useTranslation();
  if (!conclusions.length) return <Text size="sm" c="dimmed">{t("common.empty")}</Text>;
  return (
    <List size="sm" spacing={6} type="ordered" data-testid="conclusions">
      {conclusions.map((c) => (
        <List.Item key={c.id}>
          {c.text} <Text span size="xs" c="dimmed">{formatTime(c.recordedAt)}</Text>
        </List.Item>
      ))}
    </List>
  );
}

export function TimelinePanel({ entries }: { entries: readonly TimelineEntry[] }) {
  const { t } = useTranslation();
  if (!entries.length) return <Text size="sm" c="dimmed">{t("common.empty")}</Text>;
  return (
    <ScrollArea h={260} data-testid="timeline">
      <Timeline bulletSize={12} lineWidth={2}>
        {entries.map((e) => {
          const params = { ...e.params };
          if (typeof params.state === "string") params.state = t(`conference.link.${params.state}`);
          if (typeof params.status === "string") params.status = t(`conference.status.${params.status}`);
          return (
            <Timeline.Item key={e.eventId} title={<Text size="xs" c="dimmed" ff="monospace">{formatTime(e.occurredAt)}</Text>}>
              <Text size="sm">{t(`event.${e.type.replaceAll(".", "_")}`, params)}</Text>
            </Timeline.Item>
          );
        })}
      </Timeline>
    </ScrollArea>
  );
}
