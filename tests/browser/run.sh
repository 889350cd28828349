#!/usr/bin/env bash
# Browser test suite (issue 6): installs what it needs, then runs
# tests/browser/suite.py against a vios binary.
#
# Usage: tests/browser/run.sh [--vios PATH] [suite options…]   (see suite.py --help)
#
# Installs, once, when missing: Debian chromium + chromium-driver (and a
# Java runtime for the Nu HTML Checker, python3-venv when the system Python
# lacks it); a virtualenv in .venv-browser/ with tests/browser/requirements.txt;
# axe-core 4.x (axe.min.js) taken from a PyPI wheel (tests/browser/axe-source.txt).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
VENV=$ROOT/.venv-browser
HERE=$ROOT/tests/browser

PYTHON=${PYTHON:-python3}
extra=(chromium chromium-driver)
if ! java -version >/dev/null 2>&1; then extra+=(default-jre-headless); fi
if ! "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1; then extra+=(python3-venv); fi
scripts/ensure-deps.sh "${extra[@]}"

# The virtualenv, rebuilt when requirements.txt changes.
stamp=$VENV/.requirements.txt
if [ ! -x "$VENV/bin/python" ] || ! cmp -s "$HERE/requirements.txt" "$stamp"; then
  echo "browser-tests: virtualenv $VENV bijwerken" >&2
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  echo '*' > "$VENV/.gitignore"  # the folder ignores itself (as venvs of Python >= 3.13 do)
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$HERE/requirements.txt"
  cp "$HERE/requirements.txt" "$stamp"
fi

# axe-core: extract axe.min.js from a wheel (downloaded, never installed).
axe=$VENV/axe/axe.min.js
axestamp=$VENV/axe/.source
if [ ! -s "$axe" ] || ! cmp -s "$HERE/axe-source.txt" "$axestamp"; then
  rm -rf "$VENV/axe" && mkdir -p "$VENV/axe/wheel"
  found=""
  while read -r req member; do
    case "$req" in ''|'#'*) continue ;; esac
    if "$VENV/bin/pip" download -q --disable-pip-version-check --no-deps --python-version 3.12 \
         --only-binary=:all: -d "$VENV/axe/wheel" "$req" >/dev/null 2>&1; then
      if "$VENV/bin/python" - "$VENV/axe/wheel" "$member" "$axe" <<'EOF'
import glob, sys, zipfile
folder, member, target = sys.argv[1:]
for wheel in sorted(glob.glob(folder + "/*.whl")):
    with zipfile.ZipFile(wheel) as z:
        if member in z.namelist():
            data = z.read(member)
            if b"axe v4." not in data[:200]:
                sys.exit(f"{wheel}: {member} is not axe-core 4.x")
            open(target, "wb").write(data)
            sys.exit(0)
sys.exit(f"{member} not found in {folder}")
EOF
      then found=$req; break; fi
    fi
    rm -rf "$VENV/axe/wheel"/*
  done < "$HERE/axe-source.txt"
  rm -rf "$VENV/axe/wheel"
  if [ -z "$found" ]; then echo "browser-tests: kon axe-core niet ophalen (zie $HERE/axe-source.txt)" >&2; exit 2; fi
  cp "$HERE/axe-source.txt" "$axestamp"
  echo "browser-tests: axe-core uit $found" >&2
fi

export SE_OFFLINE=true
exec "$VENV/bin/python" "$HERE/suite.py" --axe "$axe" "$@"
