import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { ServiceHealth } from "../api/health.js";
import type { Official } from "../auth/official.js";
import { useApp } from "../context.js";
import type { SocketState } from "../realtime/realtime.js";

/** The current time, ticking every `ms` (for elapsed/planned clocks). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

export function useOfficial(): Official {
  const { session } = useApp();
  return useSyncExternalStore(
    (l) => session.subscribe(l),
    () => session.official,
  );
}

export function useSocketState(): SocketState {
  const { realtime } = useApp();
  return useSyncExternalStore(realtime.subscribeState, realtime.getState);
}

export function useServiceHealth(service: string): ServiceHealth {
  const { health } = useApp();
  return useSyncExternalStore(health.subscribe, () => health.getState()[service] ?? "unknown");
}

export function useHealthMap() {
  const { health } = useApp();
  return useSyncExternalStore(health.subscribe, health.getState);
}

/**
 * Form state saved to sessionStorage on every change (see drafts.ts): if the session is lost while an
 * official types, the text is there again after login. `clear` after a successful submit.
 */
export function useDraft<T>(key: string, initial: T): [T, (v: T) => void, () => void] {
  const { drafts } = useApp();
  const initialRef = useRef(initial);
  // The key can change after mount (e.g. the conference id arrives after a sign-in redirect): the draft of
  // the new key is loaded then, or a restored draft would be hidden behind the first key's empty value.
  const [state, setState] = useState<{ key: string; value: T }>(() => ({ key, value: drafts.load<T>(key) ?? initial }));
  let value = state.value;
  if (state.key !== key) {
    value = drafts.load<T>(key) ?? initial;
    setState({ key, value });
  }
  const set = useCallback(
    (v: T) => {
      setState({ key, value: v });
      drafts.save(key, v);
    },
    [drafts, key],
  );
  const clear = useCallback(() => {
    drafts.clear(key);
    setState({ key, value: initialRef.current });
  }, [drafts, key]);
  return [value, set, clear];
}
