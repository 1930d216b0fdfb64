#!/bin/sh
# Build ritmo's wheel from SOURCE and install it, pinned by SOURCE/constraints.txt, into a new
# virtual environment at VENV. The Dockerfile and tests/packaging/test_clean_install.py both run
# this script, so the image installs exactly what the test proved installs and runs.
# Usage: deploy/install.sh SOURCE VENV   (PYTHON picks the interpreter; default python3)
set -eu
src=$1
venv=$2
wheels=$(mktemp -d)
"${PYTHON:-python3}" -m venv "$venv"
"$venv/bin/pip" wheel --quiet --no-deps --wheel-dir "$wheels" "$src"
"$venv/bin/pip" install --quiet --constraint "$src/constraints.txt" "$wheels"/ritmo-*.whl
rm -rf "$wheels"
