#!/bin/bash
# usage: say.sh USER 'YYYY-MM-DD HH:MM:SS' < lines   (time is UTC; local = +7)
export DATABASE_URL=sqlite:////tmp/trial/htx.db
cd /tmp/trial
U="$1"; T="$2"
echo "### $U @ $T UTC" >> /tmp/trial/log.txt
input=$(cat)
printf '%s\n' "$input" | faketime "$T" /work/wt-trial/.venv/bin/htx-bot chat --user "$U" 2>&1 | tee /tmp/trial/last.txt | sed 's/^/    /' >/dev/null
# interleave: print the transcript
python3 - "$input" <<'PY' >> /tmp/trial/log.txt
import sys
print("input:"); print(sys.argv[1])
PY
cat /tmp/trial/last.txt >> /tmp/trial/log.txt
cat /tmp/trial/last.txt
