import { Alert, Button, Group, Loader, Text } from "@mantine/core";
import { Component, Suspense, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

function ScreenLoading() {
  const { t } = useTranslation();
  return (
    <Group gap="xs" py="md" data-testid="screen-loading">
      <Loader size="sm" />
      <Text size="sm" c="dimmed">{t("common.loading")}</Text>
    </Group>
  );
}

function ScreenFailed({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" title={t("app.screenError")} data-testid="screen-error">
      <Text size="sm" mb="sm">{error instanceof Error ? error.message : String(error)}</Text>
      {/* React.lazy keeps a failed import's rejection, so only a reload fetches the chunk again (and picks up a new deployment's file names). */}
      <Button size="xs" onClick={() => window.location.reload()}>{t("app.retry")}</Button>
    </Alert>
  );
}

class ScreenBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    return this.state.error ? <ScreenFailed error={this.state.error} /> : this.props.children;
  }
}

/**
 * Frame for a screen loaded on demand: a loading line while its chunk downloads (slow provincial
 * links), and a reload offer instead of a blank page when the download fails.
 */
export function LazyScreen({ children }: { children: ReactNode }) {
  return (
    <ScreenBoundary>
      <Suspense fallback={<ScreenLoading />}>{children}</Suspense>
    </ScreenBoundary>
  );
}
