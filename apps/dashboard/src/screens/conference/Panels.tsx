import { Badge, Group, List, Progress, ScrollArea, Stack, Text, Timeline } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useNow } from "../../hooks/hooks.js";
import { formatDate, formatDuration, formatTime } from "../../lib/format.js";
import { agendaProgress, type ConclusionRef, type ConferenceState, type DocumentRef, type TimelineEntry } from "../../state/conference-state.js";

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
        const done = i.status === "done" || i.status === "skipped";
        return (
          <List.Item key={i.id} data-state={current ? "current" : done ? "done" : "upcoming"}>
            <Text size="sm" fw={current ? 700 : 400} c={done ? "dimmed" : current ? "blue.8" : undefined} td={done ? "line-through" : undefined}>
              {i.title} <Text span c="dimmed" size="xs">({formatDuration(i.plannedMinutes * 60_000)})</Text>
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
  const sp = state.speaker;
  return (
    <Stack gap="xs">
      {sp ? (
        <div data-testid="speaker-current">
          <Text fw={700}>{sp.speakerName}</Text>
          <Text size="sm" c="dimmed">
            {[sp.speakerTitle, sp.siteName, sp.topic].filter(Boolean).join(" · ")}
            {sp.startedAt && <> · <Text span ff="monospace">{formatDuration(now - Date.parse(sp.startedAt))}</Text></>}
          </Text>
        </div>
      ) : (
        <Text c="dimmed">{t("conference.noSpeaker")}</Text>
      )}
      <Text size="sm" fw={600} mt="xs">
        {t("conference.queue")} ({state.queueLength})
      </Text>
      {state.queue.length === 0 ? (
        <Text size="sm" c="dimmed">{t("conference.queueEmpty")}</Text>
      ) : (
        <List size="sm" type="ordered" data-testid="speaker-queue">
          {state.queue.slice(0, 10).map((q) => (
            <List.Item key={q.id}>
              {q.speakerName} <Text span c="dimmed">— {q.siteName}</Text>
            </List.Item>
          ))}
        </List>
      )}
      {state.queueLength > Math.min(10, state.queue.length) && state.queue.length > 0 && (
        <Text size="xs" c="dimmed">{t("conference.queueMore", { count: state.queueLength - Math.min(10, state.queue.length) })}</Text>
      )}
    </Stack>
  );
}

export function DocumentsPanel({ documents }: { documents: readonly DocumentRef[] }) {
  const { t } = useTranslation();
  if (!documents.length) return <Text size="sm" c="dimmed">{t("common.empty")}</Text>;
  return (
    <List size="sm" spacing={4} data-testid="documents">
      {documents.map((d) => (
        <List.Item key={d.id}>
          <Text span fw={600}>{d.number}</Text> {d.title}{" "}
          <Text span size="xs" c="dimmed">{formatDate(d.disseminatedAt)}</Text>
        </List.Item>
      ))}
    </List>
  );
}

export function ConclusionsPanel({ conclusions }: { conclusions: readonly ConclusionRef[] }) {
  const { t } = useTranslation();
  if (!conclusions.length) return <Text size="sm" c="dimmed">{t("common.empty")}</Text>;
  return (
    <List size="sm" spacing={6} type="ordered" data-testid="conclusions">
      {conclusions.map((c) => (
        <List.Item key={c.id}>
          {c.text} <Text span size="xs" c="dimmed">{formatTime(c.createdAt)}</Text>
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
          if (typeof params.state === "string") params.state = t(`conference.presence.${params.state}`);
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
