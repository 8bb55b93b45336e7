# Sourced by the bench scripts. listening_port OUT ERR SECONDS: waits up to SECONDS for
# `tongban serve --port 0` to print its address to the file OUT and prints the port; when it
# does not, shows the server's stderr (the file ERR) and fails.
listening_port() {
  local port="" tries
  tries=$(($3 * 20))
  for _ in $(seq 1 "$tries"); do
    port=$(sed -n 's/^tongban listening on http:\/\/[^:]*:\([0-9]*\)$/\1/p' "$1")
    [ -n "$port" ] && { echo "$port"; return 0; }
    sleep 0.05
  done
  echo "the server did not start" >&2
  cat "$2" >&2
  return 1
}
