#!/usr/bin/env bash
# Installs the real directory servers the LDAP / Active Directory integration tests start on
# loopback (test/servers/*.ts): OpenLDAP slapd + ldap-utils, and a Samba AD DC.
#
# Idempotent: does nothing when every package is already installed. The tests start their own
# slapd / samba processes from temporary directories, so the system services that Debian's
# maintainer scripts would start (on 389/636/88/445...) are kept from starting and disabled.
set -euo pipefail

# slapd + ldap-utils: OpenLDAP server, slapadd and the ldap* CLIs.
# samba (the `samba` daemon), samba-ad-dc (Debian's AD DC role; pulls samba-dsdb-modules and
# winbind), samba-ad-provision (the AD schema files `samba-tool domain provision` reads).
# openssl: the tests' throwaway CA and server certificates.
# faketime: runs a test's slapd on a clock that is not ours (a watermark must come from the directory's clock).
# iproute2 (`ip`): a second and third Samba DC listen on loopback addresses of their own (127.0.0.2, .3).
packages=(slapd ldap-utils samba samba-ad-dc samba-ad-provision samba-dsdb-modules winbind openssl faketime iproute2)

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

  # invoke-rc.d consults policy-rc.d: exit 101 means "do not start services". Install one for the
  # duration of the install unless the machine already has its own (containers usually do).
  temp_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    temp_policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$temp_policy" >/dev/null
    $SUDO chmod 755 "$temp_policy"
  fi
  cleanup() { if [ -n "$temp_policy" ]; then $SUDO rm -f "$temp_policy"; fi; }
  trap cleanup EXIT

  echo "install-directory-servers: installing ${missing[*]}"
  $SUDO apt-get update -qq
  # slapd's debconf questions get their defaults (a throwaway dc=nodomain database we never use).
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}"
fi

# Whatever started them (systemd on a full machine, an older install), make sure no system slapd /
# samba holds the directory ports our tests need. Errors are ignored: on a container without an
# init system these services simply are not running.
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
services=(slapd samba-ad-dc smbd nmbd winbind)
if [ -d /run/systemd/system ]; then
  for svc in "${services[@]}"; do
    $SUDO systemctl disable --now "$svc" >/dev/null 2>&1 || true
  done
else
  for svc in "${services[@]}"; do
    $SUDO service "$svc" stop >/dev/null 2>&1 || true
  done
fi
# Processes started by an init script from a pid file (never by name: other slapd/samba processes
# on this machine belong to running tests).
for pidfile in /run/slapd/slapd.pid /run/samba/samba.pid /run/samba/smbd.pid /run/samba/nmbd.pid \
  /run/samba/winbindd.pid; do
  if [ -f "$pidfile" ]; then
    pid="$(cat "$pidfile")"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then $SUDO kill "$pid" || true; fi
  fi
done

echo "install-directory-servers: $(/usr/sbin/slapd -VV 2>&1 | head -n 1 | tr -d '@()$#' | xargs)"
echo "install-directory-servers: Samba $(/usr/sbin/samba --version 2>/dev/null || echo missing)"
