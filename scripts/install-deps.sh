#!/usr/bin/env bash
# Installs arsenal's build and test dependencies from Debian's archive.
# Idempotent: packages already present are skipped; needs root or sudo.
set -euo pipefail
pkgs=(build-essential cmake pkg-config libglpk-dev libcjson-dev libuv1-dev libhttp-parser-dev
      zlib1g-dev glpk-utils coinor-clp coinor-libclp-dev coinor-libcbc-dev time clang clang-format
      libclang-rt-14-dev valgrind python3 python3-jsonschema curl wrk chromium python3-websocket)
# A one-node Slurm for tests/cluster/slurm.sh (docs/cluster.md's job scripts).
pkgs+=(slurmctld slurmd slurm-client munge)
# OpenSSL for arsenal serve --tls-cert/--tls-key; the openssl CLI makes test certificates.
pkgs+=(libssl-dev openssl)
# The TLS proxy of docs/server-tls.md, run by tests/cli/server_tls.sh.
pkgs+=(nginx)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
