import "./mantine-styles.js";
import { Alert, Button, Center, Loader, MantineProvider, Stack, Text, createTheme } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { createApi } from "./api/client.js";
import { HealthMonitor } from "./api/health.js";
import { App } from "./App.js";
import { AuthSession } from "./auth/session.js";
import { loadRuntimeConfig } from "./config/runtime-config.js";
import { AppContext } from "./context.js";
import { Drafts } from "./drafts/drafts.js";
import { initI18n, storedLanguage } from "./i18n/index.js";
import { vi } from "./i18n/vi.js";
import { RealtimeConnection } from "./realtime/realtime.js";

const theme = createTheme({ primaryColor: "red", fontFamily: "'Noto Sans', 'Segoe UI', Roboto, Arial, sans-serif" });
const root = createRoot(document.getElementById("root")!);

function renderPlain(node: React.ReactNode) {
  root.render(
    <MantineProvider theme={theme}>
      <Center h="100vh">{node}</Center>
    </MantineProvider>,
  );
}

async function boot(): Promise<void> {
  renderPlain(<Loader />);
  const config = await loadRuntimeConfig();
  const i18n = await initI18n(storedLanguage(config.defaultLanguage));
  renderPlain(<Stack align="center"><Loader /><Text>{i18n.t("auth.signingIn")}</Text></Stack>);

  const session = await AuthSession.start(config);
  const drafts = new Drafts(sessionStorage, session.official.subject);
  drafts.dropOthers();
  const api = createApi(config, session);
  const health = new HealthMonitor(config.services);
  health.start();
  const realtime = new RealtimeConnection(config.realtimeUrl, () => session.token(), () => session.handleUnauthorized());
  // Each refreshed token goes to the gateway too, so the socket outlives the first token.
  session.subscribe(() => void realtime.sendToken());
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

  root.render(
    <StrictMode>
      <MantineProvider theme={theme}>
        <I18nextProvider i18n={i18n}>
          <QueryClientProvider client={queryClient}>
            <AppContext.Provider value={{ config, session, api, health, realtime, drafts }}>
              <App />
            </AppContext.Provider>
          </QueryClientProvider>
        </I18nextProvider>
      </MantineProvider>
    </StrictMode>,
  );
}

boot().catch((err: unknown) => {
  // Before i18n is up, speak Vietnamese first: the officials are the audience of this screen too.
  const message = err instanceof Error ? err.message : String(err);
  renderPlain(
    <Alert color="red" title={vi.app.configError} maw={640} data-testid="boot-error">
      <Text size="sm" mb="sm">{message}</Text>
      <Button size="xs" onClick={() => window.location.reload()}>{vi.app.retry}</Button>
    </Alert>,
  );
});
