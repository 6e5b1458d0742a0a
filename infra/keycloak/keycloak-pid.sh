# Sourced by run-keycloak.sh and stop-keycloak.sh: the pid file is trusted only while its pid is a Keycloak.
# After a reboot or a crash the recorded pid may belong to any other process by now; refusing to start
# ("already running") or killing it on stop would then act on a stranger.

# keycloak_pid FILE: prints the recorded pid and succeeds when that process is alive and is Keycloak (its
# command line names keycloak or quarkus: kc.sh under keycloak-<version>/, then the java it execs); otherwise
# removes the stale file and fails.
keycloak_pid() {
  local file=$1 pid cmd
  [ -f "$file" ] || return 1
  pid=$(tr -dc '0-9' <"$file")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    if [ -r "/proc/$pid/cmdline" ]; then
      cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline")
    else
      cmd=$(ps -o command= -p "$pid" 2>/dev/null || true)
    fi
    case "$cmd" in
      *keycloak* | *quarkus*)
        echo "$pid"
        return 0
        ;;
    esac
    echo "Stale Keycloak pid file $file: pid $pid is another process now; removing the file" >&2
  fi
  rm -f "$file"
  return 1
}
