#!/usr/bin/env bash
# make fuzz: schemathesis's command line, every phase and every check (schemathesis.toml), against the site
# served by gunicorn on 127.0.0.1:8109 from a scratch SQLite database with demo data, once anonymously and once
# with the token of each demo role. The last lines are the figures: cases and failures per role.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${FUZZ_PORT:-8109}
EXAMPLES=${FUZZ_EXAMPLES:-50}
work=$(mktemp -d)
export DJANGO_SETTINGS_MODULE=bpo_portal.settings.local DJANGO_DEBUG=false DATABASE_URL="sqlite:///$work/fuzz.sqlite3" \
    DJANGO_MEDIA_ROOT="$work/media" DJANGO_PRIVATE_MEDIA_ROOT="$work/private" EMAIL_URL="consolemail://" \
    API_THROTTLE_ANON=1000000/minute API_THROTTLE_USER=1000000/minute API_THROTTLE_LOGIN=1000000/minute \
    API_THROTTLE_LOGIN_ACCOUNT=1000000/minute DJANGO_LOG_LEVEL=ERROR
.venv/bin/python manage.py migrate --noinput -v 0
.venv/bin/python manage.py seed_demo --vendors 30 --jobs 200 --seed 1 >/dev/null
DJANGO_DEBUG=true .venv/bin/python manage.py ensure_demo_curator >/dev/null
tokens=$(.venv/bin/python manage.py shell -v 0 -c "
from rest_framework.authtoken.models import Token
from accounts.models import User
for name in ['seeker', 'business', 'employer', 'curator']:
    print(name, Token.objects.get_or_create(user=User.objects.get(username=name))[0].key)")
# The fuzzer sends query strings longer than gunicorn's default request line (4094 bytes); that 414 would be
# gunicorn's answer, not the application's, so the limit is raised to gunicorn's maximum for this run.
.venv/bin/gunicorn -w 2 -b "127.0.0.1:$PORT" --limit-request-line 8190 --timeout 60 bpo_portal.wsgi:application \
    >"$work/gunicorn.log" 2>&1 &
web=$!
trap 'kill $web 2>/dev/null; wait $web 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
summary=()
status=0
run() {
    local role=$1; shift
    echo "== schemathesis as $role"
    if .venv/bin/schemathesis run "http://127.0.0.1:$PORT/api/v1/schema/" --max-examples "$EXAMPLES" -w 2 \
        --no-color --seed 1 "$@" >"$work/$role.txt" 2>&1; then :; else status=1; fi
    tail -n 25 "$work/$role.txt"
    summary+=("$role: $(grep -E '^  [0-9]+ generated' "$work/$role.txt" | sed 's/^ *//')")
}
run anonymous
while read -r role token; do run "$role" -H "Authorization: Token $token"; done <<<"$tokens"
echo
echo "== make fuzz: $EXAMPLES examples per operation, all phases, all checks (schemathesis.toml)"
printf '%s\n' "${summary[@]}"
exit $status
