/**
 * A POSIX `sh` script that runs an upstream's command so that no process of
 * it outlives the toolkit, whatever way the toolkit ends:
 *
 * - the command starts in its OWN process group and session (`setsid`; where
 *   there is no `setsid` program, as on macOS, `set -m`, which bash — macOS's
 *   `sh` — honours without a terminal; dash does not, hence `setsid` first),
 *   reading the toolkit's pipe as stdin (saved as fd 3; the script itself keeps
 *   none of the pipes, so the command sees EOF when the toolkit closes stdin);
 * - SIGTERM, SIGINT or SIGHUP to the script sends SIGTERM to that whole group
 *   (the command and every child it forked), then SIGKILL after a grace period;
 * - a watcher polls once a second whether the toolkit (`parentPid`) and the
 *   script are still alive; when either is gone (the toolkit was killed with
 *   SIGKILL, or the script itself was), it ends the group the same way;
 * - when the command exits on its own, what is left of its group is ended,
 *   and the script exits with the command's status (re-raising the signal
 *   that killed it), so "exited with code 1" is reported truthfully.
 *
 * `wait` returns early when a trapped signal arrives, hence the loop: it waits
 * again until the command is really gone. Helper processes hold no pipe of
 * the toolkit, so the transport's `close` event is not held up by them.
 *
 * Arguments: `sh -c SCRIPT mcp-toolkit-upstream PARENT_PID GRACE_SECONDS COMMAND [ARGS…]`.
 */
export const WATCHDOG_SCRIPT = `parent=$1 grace=$2
shift 2
exec 3<&0 </dev/null
if command -v setsid >/dev/null 2>&1; then
  setsid "$@" <&3 3<&- &
else
  set -m 2>/dev/null
  "$@" <&3 3<&- &
fi
child=$!
exec 3<&- >/dev/null
trap '' PIPE
stopping= killer=
stop_group() {
  trap '' TERM INT HUP
  stopping=1
  kill -TERM -"$child" 2>/dev/null || kill -TERM "$child" 2>/dev/null
  ( sleep "$grace"; kill -KILL -"$child" 2>/dev/null || kill -KILL "$child" 2>/dev/null ) </dev/null >/dev/null 2>&1 &
  killer=$!
}
trap stop_group TERM INT HUP
( while kill -0 "$parent" 2>/dev/null && kill -0 "$$" 2>/dev/null; do sleep 1; done
  kill -TERM "$$" 2>/dev/null
  kill -TERM -"$child" 2>/dev/null
  sleep "$grace"
  kill -KILL -"$child" 2>/dev/null ) </dev/null >/dev/null 2>&1 &
watcher=$!
while :; do
  wait "$child"
  status=$?
  kill -0 "$child" 2>/dev/null || break
done
if kill -TERM -"$child" 2>/dev/null; then
  n=0
  while [ "$n" -lt 10 ] && kill -0 -"$child" 2>/dev/null; do sleep 0.1; n=$((n + 1)); done
  kill -KILL -"$child" 2>/dev/null
fi
kill "$watcher" $killer 2>/dev/null
if [ -z "$stopping" ] && [ "$status" -gt 128 ]; then
  trap - TERM INT HUP
  kill -"$((status - 128))" "$$" 2>/dev/null
fi
exit "$status"
`;

/** `$0` of the script, so the process table names what the shell is. */
export const WATCHDOG_NAME = 'mcp-toolkit-upstream';

/** The `sh` arguments that run `command args…` under the watchdog. */
export function watchdogArgs(parentPid: number, graceMs: number, command: string, args: readonly string[]): string[] {
  const graceSeconds = (Math.max(100, graceMs) / 1000).toFixed(1);
  return ['-c', WATCHDOG_SCRIPT, WATCHDOG_NAME, String(parentPid), graceSeconds, command, ...args];
}
