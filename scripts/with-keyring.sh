#!/usr/bin/env bash
# Usage: scripts/with-keyring.sh CMD [ARGS...]
#
# Runs CMD against a real, throwaway freedesktop Secret Service: a private
# D-Bus session bus (dbus-run-session) with gnome-keyring-daemon unlocked by
# a random password, a temporary HOME and XDG_* directories and no DISPLAY
# (a display lets the keyring show unlock prompts, which can hang tests).
# Sets MCP_TOOLKIT_TEST_KEYRING=1 so the real-keychain tests run.
# Exits with CMD's exit code; the bus, the daemon and the temp dirs go away.
set -euo pipefail

readonly WAIT_SECONDS=10
readonly SECRETS_BUS_NAME=org.freedesktop.secrets

log() { printf '[with-keyring] %s\n' "$*" >&2; }

# --- inside the private bus: start the keyring, wait for it, run CMD --------
if [[ "${1:-}" == "--inside-session" ]]; then
  shift
  pid_file="$1"
  shift

  # True when the Secret Service name has an owner on our session bus.
  secrets_has_owner() {
    if command -v dbus-send >/dev/null; then
      dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner "string:$SECRETS_BUS_NAME" 2>/dev/null | grep -q 'boolean true'
    elif command -v gdbus >/dev/null; then
      gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
        --method org.freedesktop.DBus.NameHasOwner "$SECRETS_BUS_NAME" 2>/dev/null | grep -q true
    else
      busctl --user status "$SECRETS_BUS_NAME" >/dev/null 2>&1
    fi
  }

  # PID of the name's owner (the daemon forks away, so ask the bus).
  secrets_owner_pid() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.GetConnectionUnixProcessID "string:$SECRETS_BUS_NAME" 2>/dev/null |
      awk '/uint32/ { print $2 }'
  }

  password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  # --unlock reads the password from stdin; it creates the login keyring on first run.
  printf %s "$password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  unset password

  # --unlock returns before the daemon owns its bus name: wait, bounded.
  deadline=$((SECONDS + WAIT_SECONDS))
  until secrets_has_owner; do
    if ((SECONDS >= deadline)); then
      log "gnome-keyring-daemon did not take $SECRETS_BUS_NAME within ${WAIT_SECONDS}s"
      exit 1
    fi
    sleep 0.1
  done
  if command -v dbus-send >/dev/null; then secrets_owner_pid >"$pid_file" || true; fi

  export MCP_TOOLKIT_TEST_KEYRING=1
  exec "$@"
fi

# --- outside: check tools, make temp dirs, start the private bus ------------
if (($# == 0)); then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

missing=()
command -v dbus-run-session >/dev/null || missing+=(dbus-daemon)
command -v gnome-keyring-daemon >/dev/null || missing+=(gnome-keyring)
command -v secret-tool >/dev/null || missing+=(libsecret-tools)
if command -v dbus-send >/dev/null || command -v gdbus >/dev/null || command -v busctl >/dev/null; then :; else
  missing+=(dbus-bin)
fi
if ((${#missing[@]} > 0)); then
  log "missing: ${missing[*]}. Install with:"
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 127
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/mcp-toolkit-keyring.XXXXXX")"
daemon_pid_file="$tmp/keyring-daemon.pid"

cleanup() {
  # The daemon exits when its bus closes; make sure it is gone before removing its files.
  local pid
  pid="$(cat "$daemon_pid_file" 2>/dev/null || true)"
  if [[ -n "$pid" ]]; then
    for _ in $(seq 20); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then kill "$pid" || true; fi
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

mkdir -p "$tmp/home" "$tmp/config" "$tmp/data" "$tmp/cache" "$tmp/state" "$tmp/runtime"
chmod 700 "$tmp/runtime"

# npm keeps reading the caller's config and cache (registry, offline settings), not the temp HOME's.
export NPM_CONFIG_USERCONFIG="${NPM_CONFIG_USERCONFIG:-$HOME/.npmrc}"
export NPM_CONFIG_CACHE="${NPM_CONFIG_CACHE:-$HOME/.npm}"

set +e
env -u DISPLAY -u WAYLAND_DISPLAY -u DBUS_SESSION_BUS_ADDRESS -u GNOME_KEYRING_CONTROL -u SSH_AUTH_SOCK \
  HOME="$tmp/home" \
  XDG_CONFIG_HOME="$tmp/config" \
  XDG_DATA_HOME="$tmp/data" \
  XDG_CACHE_HOME="$tmp/cache" \
  XDG_STATE_HOME="$tmp/state" \
  XDG_RUNTIME_DIR="$tmp/runtime" \
  dbus-run-session -- bash "${BASH_SOURCE[0]}" --inside-session "$daemon_pid_file" "$@"
status=$?
set -e
exit "$status"
