#!/usr/bin/env bash
# The README's two commands land here: `npm start` (install + start the platform) and `npm test`
# (install + run every test). Only Node and npm are assumed; pnpm is bootstrapped at the pinned version.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

fail() {
  echo "petakom: $*" >&2
  exit 1
}

# Node ≥ 20.19: the workspace runs TypeScript under tsx and uses APIs of that release.
node -e '
  const [maj, min] = process.versions.node.split(".").map(Number);
  process.exit(maj > 20 || (maj === 20 && min >= 19) ? 0 : 1);
' || fail "Node.js 20.19 or newer is needed (found $(node --version)); install a current Node.js LTS"

pnpm_version=$(node -p "require('./package.json').packageManager.split('@')[1]")
ensure_pnpm() {
  if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$pnpm_version" ]; then return; fi
  if [ ! -x "$root/.tools/bin/pnpm" ] || [ "$("$root/.tools/bin/pnpm" --version)" != "$pnpm_version" ]; then
    echo "petakom: installing pnpm $pnpm_version into .tools/" >&2
    npm install --silent --no-audit --no-fund --prefix "$root/.tools" -g "pnpm@$pnpm_version" >&2 ||
      fail "could not install pnpm $pnpm_version with npm (is the npm registry reachable?)"
  fi
  export PATH="$root/.tools/bin:$PATH"
}

install_deps() {
  # --frozen-lockfile: a fresh clone gets exactly the versions that were tested.
  local log
  log=$(mktemp)
  echo "petakom: installing dependencies (pnpm install --frozen-lockfile)…" >&2
  if ! pnpm install --frozen-lockfile --prefer-offline --reporter=append-only >"$log" 2>&1; then
    cat "$log" >&2
    if grep -q ERR_PNPM_OUTDATED_LOCKFILE "$log"; then
      rm -f "$log"
      fail "pnpm-lock.yaml does not match a package.json (see above): run \`pnpm install\` and commit the lockfile"
    fi
    rm -f "$log"
    fail "installing dependencies failed (see above)"
  fi
  rm -f "$log"
}

cmd=${1:-}
shift || true
case "$cmd" in
  start)
    ensure_pnpm
    install_deps
    exec pnpm exec tsx scripts/start.ts "$@"
    ;;
  test)
    ensure_pnpm
    install_deps
    exec pnpm exec tsx scripts/test.ts "$@"
    ;;
  *)
    echo "usage: scripts/petakom.sh start|test" >&2
    exit 2
    ;;
esac
