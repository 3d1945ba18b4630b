#!/usr/bin/env bash
# make fuzz: schemathesis's command line, every check (schemathesis.toml), against the site
# served by gunicorn on 127.0.0.1:8109 from a scratch SQLite database with demo data, once anonymously and once
# with the token of each other role of tests/helpers.py (ROLES). The last lines are the figures: cases and
# failures per role.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${FUZZ_PORT:-8109}
EXAMPLES=${FUZZ_EXAMPLES:-20}
# The coverage phase (every boundary of every parameter: some 11,000 requests and about 10 minutes per role on
# a 2-core machine) is left to `make fuzz FUZZ_PHASES=examples,coverage,fuzzing,stateful`, so that the default
# run as all seven roles stays near 10 minutes.
PHASES=${FUZZ_PHASES:-examples,fuzzing,stateful}
work=$(mktemp -d)
export DJANGO_SETTINGS_MODULE=bpo_portal.settings.local DJANGO_DEBUG=false DATABASE_URL="sqlite:///$work/fuzz.sqlite3" \
    DJANGO_MEDIA_ROOT="$work/media" DJANGO_PRIVATE_MEDIA_ROOT="$work/private" EMAIL_URL="consolemail://" \
    API_THROTTLE_ANON=1000000/minute API_THROTTLE_USER=1000000/minute API_THROTTLE_LOGIN=1000000/minute \
    API_THROTTLE_LOGIN_ACCOUNT=1000000/minute DJANGO_LOG_LEVEL=ERROR
.venv/bin/python manage.py migrate --noinput -v 0
.venv/bin/python manage.py seed_demo --vendors 30 --jobs 200 --seed 1 >/dev/null
DJANGO_DEBUG=true .venv/bin/python manage.py ensure_demo_curator >/dev/null
# One token for each role of tests/helpers.py (ROLES): the demo seeker, business and curator, the demo
# employer as `member` (owner of a vendor), an owner of another vendor as `other_member`, and a superuser.
tokens=$(.venv/bin/python manage.py shell -v 0 -c "
from rest_framework.authtoken.models import Token
from accounts.models import User
from directory.models import Membership, Vendor
member = User.objects.get(username='employer')
other_vendor = Vendor.objects.published().exclude(memberships__user=member).filter(employer__isnull=False).first()
other, _ = User.objects.get_or_create(username='other_member', defaults={'email': 'other@localhost'})
Membership.objects.get_or_create(user=other, vendor=other_vendor, defaults={'role': Membership.Role.OWNER})
if not User.objects.filter(username='superuser').exists():
    User.objects.create_superuser('superuser', 'superuser@localhost', None)
users = {'seeker': 'seeker', 'business': 'business', 'member': 'employer', 'other_member': 'other_member',
         'curator': 'curator', 'superuser': 'superuser'}
for role, username in users.items():
    print(role, Token.objects.get_or_create(user=User.objects.get(username=username))[0].key)")
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
    # 30 s per request, not the default 10: a token request hashes a password (PBKDF2), and on a machine shared
    # with other work a burst of them queued behind two workers took longer than 10 s to be answered.
    if .venv/bin/schemathesis run "http://127.0.0.1:$PORT/api/v1/schema/" --max-examples "$EXAMPLES" -w 2 \
        --phases "$PHASES" --request-timeout 30 --no-color --seed 1 "$@" >"$work/$role.txt" 2>&1; then :
    else status=1; fi
    tail -n 25 "$work/$role.txt"
    summary+=("$role: $(grep -E '^  [0-9]+ generated' "$work/$role.txt" | sed 's/^ *//')")
}
run anonymous
while read -r role token; do run "$role" -H "Authorization: Token $token"; done <<<"$tokens"
echo
echo "== make fuzz: $EXAMPLES examples per operation and role, phases $PHASES, all checks (schemathesis.toml), $((SECONDS / 60)) min"
printf '%s\n' "${summary[@]}"
exit $status
