#!/usr/bin/env bash
# Idempotent RabbitMQ setup for Tongban distributed mode. Run as root (or the
# rabbitmq user) on the broker host, with the broker running:
#
#   TONGBAN_RABBITMQ_PASSWORD='…' infra/rabbitmq/setup.sh
#
# Creates vhost "tongban", user "tongban" (password from the environment; an
# existing user gets its password reset to it), grants the user full rights on
# the vhost (MassTransit declares its own exchanges and queues), and imports
# definitions.json (vhost metadata and policies).
# Optional: TONGBAN_RABBITMQ_VHOST, TONGBAN_RABBITMQ_USER (defaults: tongban).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

: "${TONGBAN_RABBITMQ_PASSWORD:?set TONGBAN_RABBITMQ_PASSWORD to the password for the tongban RabbitMQ user}"
VHOST="${TONGBAN_RABBITMQ_VHOST:-tongban}"
USER_NAME="${TONGBAN_RABBITMQ_USER:-tongban}"

log() { printf '[rabbitmq/setup] %s\n' "$*"; }

log "waiting for the broker"
rabbitmqctl -q await_startup --timeout 60

if rabbitmqctl -q list_vhosts name | grep -qxF "$VHOST"; then
  log "vhost $VHOST exists"
else
  log "adding vhost $VHOST"
  rabbitmqctl -q add_vhost "$VHOST"
fi

# The password goes through stdin, not the command line (visible in ps).
if rabbitmqctl -q list_users | awk '{ print $1 }' | grep -qxF "$USER_NAME"; then
  log "user $USER_NAME exists; setting its password"
  printf '%s\n' "$TONGBAN_RABBITMQ_PASSWORD" | rabbitmqctl -q change_password "$USER_NAME"
else
  log "adding user $USER_NAME"
  printf '%s\n' "$TONGBAN_RABBITMQ_PASSWORD" | rabbitmqctl -q add_user "$USER_NAME"
fi

log "granting $USER_NAME configure/write/read on vhost $VHOST"
rabbitmqctl -q set_permissions -p "$VHOST" "$USER_NAME" '.*' '.*' '.*'

# On Debian rabbitmqctl runs as the rabbitmq user: give it a copy it can read.
defs="$(mktemp /tmp/tongban-rabbitmq-definitions.XXXXXX.json)"
trap 'rm -f "$defs"' EXIT
if [[ "$VHOST" == tongban ]]; then
  cp "$HERE/definitions.json" "$defs"
else
  sed "s/\"tongban\"/\"$VHOST\"/g" "$HERE/definitions.json" >"$defs"
fi
chmod 644 "$defs"
log "importing $(basename "$HERE")/definitions.json"
rabbitmqctl -q import_definitions "$defs"

log "policies on $VHOST:"
rabbitmqctl -q list_policies -p "$VHOST"
log "done"
