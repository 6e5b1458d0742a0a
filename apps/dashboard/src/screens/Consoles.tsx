import { Alert, Button, Group, List, NumberInput, Select, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { sitePresence } from "@orgboard/contract-conference";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage, type ServicesClient } from "../api/client.js";
import { ServicePanel } from "../components/ServicePanel.js";
import { useApp } from "../context.js";
import { useDraft, useOfficial } from "../hooks/hooks.js";
import { compareVi } from "../lib/collate.js";
import { AgendaList, CurrentAgenda } from "./conference/Panels.js";
import { ConferencePicker, useChosenConference } from "./conference/ConferenceScreen.js";

/** A conference mutation through the typed client: `pick` names the procedure, its input type follows from the contract. */
function useConferenceMutation<I, O>(pick: (client: ServicesClient) => (input: I) => Promise<O>) {
  const { api } = useApp();
  return useMutation({ mutationFn: (input: I) => api.mutate((client) => pick(client)(input)) });
}

function Outcome({ m, done }: { m: { isSuccess: boolean; error: unknown }; done: string }) {
  const { t } = useTranslation();
  if (m.error) return <Alert color="red" data-testid="mutation-error">{t("common.error", { message: errorMessage(m.error) })}</Alert>;
  return m.isSuccess ? <Text size="sm" c="green.8">{done}</Text> : null;
}

/** For conference operators: run the agenda, give the floor, record conclusions. */
export function OrganizerConsole() {
  const { t } = useTranslation();
  const { items, conferenceId, setChosen, live } = useChosenConference();
  const startNext = useConferenceMutation((c) => c.conference.agenda.next.mutate);
  const startConnecting = useConferenceMutation((c) => c.conference.startConnecting.mutate);
  const openSession = useConferenceMutation((c) => c.conference.openSession.mutate);
  const conclude = useConferenceMutation((c) => c.conference.conclude.mutate);
  const grant = useConferenceMutation((c) => c.conference.floor.give.mutate);
  const record = useConferenceMutation((c) => c.conference.conclusions.add.mutate);
  const [text, setText, clearText] = useDraft(`conclusion.${conferenceId ?? "none"}`, "");
  const state = live.state;

  return (
    <Stack gap="md">
      <ServicePanel service="conference" title={t("organizer.title")} testId="organizer-console"
        actions={items.length > 0 && <ConferencePicker items={items} value={conferenceId} onChange={setChosen} />}
      >
        {!state ? (
          <Text c="dimmed">{t("conference.none")}</Text>
        ) : (
          <Stack>
            <CurrentAgenda state={state} />
            <Group>
              {state.conference.status === "scheduled" && (
                <Button onClick={() => startConnecting.mutate({ conferenceId: state.conference.id })} loading={startConnecting.isPending}>{t("organizer.startConnecting")}</Button>
              )}
              {state.conference.status === "connecting_sites" && (
                <Button onClick={() => openSession.mutate({ conferenceId: state.conference.id })} loading={openSession.isPending}>{t("organizer.openSession")}</Button>
              )}
              {state.conference.status === "in_session" && (
                <>
                  <Button onClick={() => startNext.mutate({ conferenceId: state.conference.id })} loading={startNext.isPending} data-testid="start-next">
                    {t("organizer.startNext")}
                  </Button>
                  <Button variant="outline" onClick={() => conclude.mutate({ conferenceId: state.conference.id })} loading={conclude.isPending}>{t("organizer.conclude")}</Button>
                </>
              )}
            </Group>
            {[startConnecting, openSession, startNext, conclude].map((m, i) => <Outcome key={i} m={m} done={t("organizer.done")} />)}
            <AgendaList state={state} />
          </Stack>
        )}
      </ServicePanel>
      {state && (
        <ServicePanel service="conference" title={t("conference.queue")}>
          {state.queue.length === 0 ? (
            <Text size="sm" c="dimmed">{t("conference.queueEmpty")}</Text>
          ) : (
            <List spacing="xs">
              {state.queue.map((q) => (
                <List.Item key={q.id}>
                  <Group gap="sm">
                    <Text size="sm">{q.speakerName} — {q.siteName}</Text>
                    <Button size="compact-xs" onClick={() => grant.mutate({ conferenceId: state.conference.id, requestId: q.id })}>{t("organizer.grantFloor")}</Button>
                  </Group>
                </List.Item>
              ))}
            </List>
          )}
          <Outcome m={grant} done={t("organizer.done")} />
        </ServicePanel>
      )}
      {state && (
        <ServicePanel service="conference" title={t("organizer.conclusion")}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              record.mutate({ conferenceId: state.conference.id, text }, { onSuccess: clearText });
            }}
          >
            <Stack>
              <Textarea autosize minRows={3} value={text} onChange={(e) => setText(e.currentTarget.value)}
                placeholder={t("organizer.conclusionPlaceholder")} data-testid="conclusion-text" />
              <Group>
                <Button type="submit" disabled={!text.trim()} loading={record.isPending}>{t("organizer.record")}</Button>
              </Group>
              <Outcome m={record} done={t("organizer.done")} />
            </Stack>
          </form>
        </ServicePanel>
      )}
    </Stack>
  );
}

/** For site operators: check in attendance at their own site and register speakers from it. */
export function SiteOperatorConsole() {
  const { t } = useTranslation();
  const official = useOfficial();
  const { items, conferenceId, setChosen, live } = useChosenConference();
  const state = live.state;
  const mySites = state
    ? state.siteIds
        .map((id) => state.sites[id]!)
        .filter((s) => official.orgPaths.some((p) => s.orgPath.startsWith(p)))
        .sort((a, b) => compareVi(a.name, b.name))
    : [];
  const [picked, setPicked] = useState<string | null>(null);
  const site = mySites.find((s) => s.id === picked) ?? (mySites.length === 1 ? mySites[0] : undefined);
  // The first report checks the site in; later ones correct the count.
  const checkIn = useConferenceMutation((c) => (site?.checkedIn ? c.conference.sites.reportAttendance.mutate : c.conference.sites.checkIn.mutate));
  const request = useConferenceMutation((c) => c.conference.speakers.register.mutate);
  const [present, setPresent] = useDraft<number | "">(`checkin.${conferenceId ?? "none"}`, "");
  const [speaker, setSpeaker, clearSpeaker] = useDraft(`speak.${conferenceId ?? "none"}`, { name: "", topic: "" });

  return (
    <Stack gap="md">
      <ServicePanel service="conference" title={t("siteOperator.title")} testId="site-console"
        actions={items.length > 0 && <ConferencePicker items={items} value={conferenceId} onChange={setChosen} />}
      >
        {!state ? (
          <Text c="dimmed">{t("conference.none")}</Text>
        ) : mySites.length === 0 ? (
          <Text c="dimmed">{t("siteOperator.noSite")}</Text>
        ) : (
          <Stack>
            {mySites.length > 1 && (
              <Select label={t("siteOperator.site")} value={site?.id ?? null} onChange={setPicked} searchable
                data={mySites.map((s) => ({ value: s.id, label: s.name }))} />
            )}
            {site && (
              <Text fw={700} data-testid="my-site">
                {site.name} — {t(`conference.presence.${sitePresence(state.conference.status, site.phase)}`)} — {site.presentCount}/{site.expectedAttendance}
              </Text>
            )}
          </Stack>
        )}
      </ServicePanel>
      {site && (
        <ServicePanel service="conference" title={t("siteOperator.checkIn")}>
          <form onSubmit={(e) => { e.preventDefault(); if (present !== "") checkIn.mutate({ siteId: site.id, present }); }}>
            <Group align="flex-end">
              <NumberInput label={t("siteOperator.present")} min={0} max={site.expectedAttendance || undefined} value={present}
                onChange={(v) => setPresent(typeof v === "number" ? v : "")} w={200} />
              <Button type="submit" disabled={present === ""} loading={checkIn.isPending}>{t("siteOperator.checkIn")}</Button>
            </Group>
            <Outcome m={checkIn} done={t("siteOperator.done")} />
          </form>
        </ServicePanel>
      )}
      {site && (
        <ServicePanel service="conference" title={t("siteOperator.requestToSpeak")}>
          <form onSubmit={(e) => { e.preventDefault(); request.mutate({ siteId: site.id, speakerName: speaker.name, ...(speaker.topic.trim() ? { topic: speaker.topic } : {}) }, { onSuccess: clearSpeaker }); }}>
            <Stack>
              <TextInput label={t("siteOperator.speakerName")} value={speaker.name} data-testid="speaker-name"
                onChange={(e) => setSpeaker({ ...speaker, name: e.currentTarget.value })} />
              <Textarea label={t("siteOperator.topic")} value={speaker.topic} autosize minRows={2} data-testid="speaker-topic"
                onChange={(e) => setSpeaker({ ...speaker, topic: e.currentTarget.value })} />
              <Group><Button type="submit" disabled={!speaker.name.trim()} loading={request.isPending}>{t("siteOperator.send")}</Button></Group>
              <Outcome m={request} done={t("siteOperator.done")} />
            </Stack>
          </form>
        </ServicePanel>
      )}
    </Stack>
  );
}
