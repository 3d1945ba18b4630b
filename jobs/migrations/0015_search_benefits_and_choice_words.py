# The job board's search vector gains the benefits, the client's industry and the words people search a posting's
# choices by ("graveyard" for a night shift, "work from home" for a remote job, "entry level" for no experience
# asked): jobs/search.py. The stored vectors of the postings already there are recomputed here, on PostgreSQL,
# with a copy of that expression as SQL made when this migration was written (a migration imports no live code;
# tests/project/test_migrations_frozen.py checks the copy against the live one).

from django.db import migrations

from core.search import PostgresOnly

VECTOR_SQL = """
UPDATE "jobs_jobposting" SET "search_vector" = ((((
  setweight(to_tsvector('english'::regconfig, COALESCE("jobs_jobposting"."title", '')), 'A')
  || setweight(to_tsvector('english'::regconfig, COALESCE(COALESCE((
       SELECT STRING_AGG("U2"."name", ' ') AS "names" FROM "jobs_jobskillrequirement" "U0"
       INNER JOIN "jobs_skill" "U2" ON ("U0"."skill_id" = "U2"."id")
       WHERE "U0"."job_posting_id" = ("jobs_jobposting"."id") GROUP BY "U0"."job_posting_id"), ''), '')), 'B'))
  || setweight(to_tsvector('english'::regconfig, COALESCE(COALESCE((
       SELECT "U0"."name" AS "name" FROM "directory_employer" "U0"
       WHERE "U0"."id" = ("jobs_jobposting"."employer_id") ORDER BY 1 ASC), ''), '')
       || ' ' || COALESCE("jobs_jobposting"."city", '')), 'B'))
  || setweight(to_tsvector('english'::regconfig,
       COALESCE(CASE WHEN ("jobs_jobposting"."work_arrangement" = 'remote') THEN 'remote work from home'
                     WHEN ("jobs_jobposting"."work_arrangement" = 'hybrid') THEN 'hybrid'
                     WHEN ("jobs_jobposting"."work_arrangement" = 'onsite') THEN 'on-site' ELSE '' END, '')
       || ' ' || COALESCE(CASE WHEN ("jobs_jobposting"."shift" = 'day') THEN 'day shift'
                     WHEN ("jobs_jobposting"."shift" = 'mid') THEN 'mid shift'
                     WHEN ("jobs_jobposting"."shift" = 'night') THEN 'night shift graveyard'
                     WHEN ("jobs_jobposting"."shift" = 'rotating') THEN 'rotating shifts'
                     WHEN ("jobs_jobposting"."shift" = 'flexible') THEN 'flexible hours' ELSE '' END, '')
       || ' ' || COALESCE(CASE WHEN ("jobs_jobposting"."account_type" = 'voice') THEN 'voice account'
                     WHEN ("jobs_jobposting"."account_type" = 'non_voice') THEN 'non-voice account'
                     WHEN ("jobs_jobposting"."account_type" = 'blended') THEN 'blended account' ELSE '' END, '')
       || ' ' || COALESCE(CASE WHEN ("jobs_jobposting"."employment_type" = 'full_time') THEN 'full-time'
                     WHEN ("jobs_jobposting"."employment_type" = 'part_time') THEN 'part-time'
                     WHEN ("jobs_jobposting"."employment_type" = 'contract') THEN 'contract'
                     WHEN ("jobs_jobposting"."employment_type" = 'temporary') THEN 'temporary'
                     WHEN ("jobs_jobposting"."employment_type" = 'internship') THEN 'internship intern'
                     ELSE '' END, '')
       || ' ' || COALESCE(CASE WHEN ("jobs_jobposting"."role" = 'agent') THEN 'agent'
                     WHEN ("jobs_jobposting"."role" = 'senior_agent') THEN 'senior agent subject-matter expert'
                     WHEN ("jobs_jobposting"."role" = 'team_leader') THEN 'team leader supervisor'
                     WHEN ("jobs_jobposting"."role" = 'quality_analyst') THEN 'quality analyst assurance'
                     WHEN ("jobs_jobposting"."role" = 'workforce_analyst') THEN 'workforce analyst'
                     WHEN ("jobs_jobposting"."role" = 'trainer') THEN 'trainer'
                     WHEN ("jobs_jobposting"."role" = 'operations_manager') THEN 'operations manager'
                     ELSE '' END, '')
       || ' ' || COALESCE(CASE WHEN ("jobs_jobposting"."min_experience_years" = 0) THEN 'entry level'
                     ELSE '' END, '')), 'B'))
  || setweight(to_tsvector('english'::regconfig, COALESCE("jobs_jobposting"."description", '')
       || ' ' || COALESCE("jobs_jobposting"."benefits", '')
       || ' ' || COALESCE(COALESCE((
            SELECT "U0"."name" AS "name" FROM "directory_industry" "U0"
            WHERE "U0"."id" = ("jobs_jobposting"."client_industry_id")
            ORDER BY "U0"."position" ASC, 1 ASC), ''), '')), 'C'))
"""


class Migration(migrations.Migration):
    dependencies = [("jobs", "0014_role_and_senior_high")]

    operations = [PostgresOnly(sql=VECTOR_SQL, reverse_sql=migrations.RunSQL.noop, elidable=False)]
