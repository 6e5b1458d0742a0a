// The conference service's tRPC surface: one root key, `conference` (0001). It implements
// @orgboard/contract-conference exactly (checked below, when this module loads): same paths, kinds and
// schema objects, nothing more.
import { assertImplements } from "@orgboard/contracts";
import { conferenceContract } from "@orgboard/contract-conference";
import { router } from "../trpc.js";
import { addConclusionRoute } from "./add-conclusion.js";
import { addSitesRoute } from "./add-sites.js";
import { checkInSiteRoute } from "./check-in-site.js";
import { concludeConferenceRoute } from "./conclude-conference.js";
import { createConferenceRoute } from "./create-conference.js";
import { disseminateDocumentsRoute } from "./disseminate-documents.js";
import { endSpeechRoute } from "./end-speech.js";
import { eventsStreamRoute } from "./events-stream.js";
import { getConferenceRoute } from "./get-conference.js";
import { giveFloorRoute } from "./give-floor.js";
import { listConferencesRoute } from "./list-conferences.js";
import { listSitesRoute } from "./list-sites.js";
import { nextAgendaItemRoute } from "./next-agenda-item.js";
import { openSessionRoute } from "./open-session.js";
import { registerToSpeakRoute } from "./register-to-speak.js";
import { reportAttendanceRoute } from "./report-attendance.js";
import { searchAuditRoute } from "./search-audit.js";
import { sitesByProvinceRoute } from "./sites-by-province.js";
import { startConnectingRoute } from "./start-connecting.js";
import { withdrawSpeakRequestRoute } from "./withdraw-speak-request.js";
import { conservationRoute } from "./restructuring/conservation.js";
import { rekeyRoute } from "./restructuring/rekey.js";
import "../policy.js";

export const conferenceRouter = router({
  // organizer console
  create: createConferenceRoute,
  startConnecting: startConnectingRoute,
  openSession: openSessionRoute,
  conclude: concludeConferenceRoute,
  // queries
  get: getConferenceRoute,
  list: listConferencesRoute,
  sites: router({
    add: addSitesRoute,
    list: listSitesRoute,
    byProvince: sitesByProvinceRoute,
    // site-operator console
    checkIn: checkInSiteRoute,
    reportAttendance: reportAttendanceRoute,
  }),
  agenda: router({ next: nextAgendaItemRoute }),
  documents: router({ disseminate: disseminateDocumentsRoute }),
  speakers: router({ register: registerToSpeakRoute, withdraw: withdrawSpeakRequestRoute }),
  floor: router({ give: giveFloorRoute, end: endSpeechRoute }),
  conclusions: router({ add: addConclusionRoute }),
  events: router({ stream: eventsStreamRoute }),
  audit: router({ search: searchAuditRoute }),
  restructuring: router({ rekey: rekeyRoute, conservation: conservationRoute }),
});

export const appRouter = router({ conference: conferenceRouter });
export type AppRouter = typeof appRouter;

assertImplements(appRouter, conferenceContract);
