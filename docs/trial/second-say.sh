#!/bin/bash
# usage: HTX_BOT=$PWD/.venv/bin/htx-bot docs/trial/second-say.sh USER 'YYYY-MM-DD HH:MM:SS' < lines
# (time in UTC, local = +7; the database and exports/ are in /tmp/t2)
export DATABASE_URL=sqlite:////tmp/t2/htx.db
cd /tmp/t2
U="$1"; T="$2"
input=$(cat)
echo "### $U @ $T UTC" >> /tmp/t2/log.txt
printf 'input:\n%s\n' "$input" >> /tmp/t2/log.txt
printf '%s\n' "$input" | faketime "$T" "$HTX_BOT" chat --user "$U" 2>&1 | tee -a /tmp/t2/log.txt
