"""The OpenAPI schema (/api/v1/schema/) and the Swagger UI page (/api/v1/docs/): a valid document that declares
every filter with its allowed values, the error responses and the token scheme; docs served without a CDN."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
from openapi_spec_validator import validate
from rest_framework.test import APIClient

from jobs.choices import Currency, JobRole

pytestmark = pytest.mark.django_db

VENDOR_PARAMETERS = {
    "q",
    "service",
    "category",
    "shore_model",
    "call_center_type",
    "channel",
    "language",
    "country",
    "industry",
    "compliance",
    "max_hourly_rate",
    "min_seats",
    "hours",
    "verified",
    "ordering",
    "page",
    "page_size",
}
JOB_PARAMETERS = {
    "q",
    "country",
    "city",
    "work_arrangement",
    "employment_type",
    "shift",
    "account_type",
    "role",
    "skill",
    "language",
    "min_salary",
    "currency",
    "max_experience",
    "education",
    "employer",
    "employer_kind",
    "posted_within",
    "ordering",
    "mine",
    "page",
    "page_size",
}
# Parameters with a fixed set of values, and the values the schema must list.
VENDOR_ENUMS = {
    "category": {"front_office", "back_office"},
    "hours": {"business", "extended", "24x7"},
    "verified": {"true", "false"},
    "ordering": {
        "name",
        "-name",
        "rating",
        "-rating",
        "hourly_rate",
        "-hourly_rate",
        "seats",
        "-seats",
        "founded_year",
        "-founded_year",
    },
}
JOB_ENUMS = {
    "work_arrangement": {"onsite", "remote", "hybrid"},
    "employment_type": {"full_time", "part_time", "contract", "temporary", "internship"},
    "shift": {"day", "mid", "night", "rotating", "flexible"},
    "account_type": {"voice", "non_voice", "blended"},
    "role": set(JobRole.values),
    "education": {"none", "high_school", "senior_high", "vocational", "some_college", "bachelor", "postgraduate"},
    "employer_kind": {"bpo", "in_house"},
    "currency": set(Currency.values),
    "mine": {"true", "false"},
}
WRITES = [
    ("/api/v1/vendors/{slug}/", "patch"),
    ("/api/v1/jobs/", "post"),
    ("/api/v1/jobs/{slug}/", "patch"),
    ("/api/v1/jobs/{slug}/close/", "post"),
]
LISTS = [("/api/v1/vendors/", "get"), ("/api/v1/jobs/", "get")]


@pytest.fixture(scope="module")
def schema(django_db_setup, django_db_blocker):
    """The schema, generated once for the module (the vocabulary filters read their tables)."""
    with django_db_blocker.unblock():
        response = APIClient().get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    return json.loads(response.content)


def deref(schema, node):
    """Follow $ref pointers (#/components/...) to the schema they name."""
    while isinstance(node, dict) and "$ref" in node:
        target = schema
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def parameters(schema, path, method="get"):
    return {parameter["name"]: parameter for parameter in schema["paths"][path][method]["parameters"]}


def enum_of(schema, parameter) -> set | None:
    """The values a query parameter is declared to take (of its items, for an array), or None."""
    declared = deref(schema, parameter["schema"])
    if declared.get("type") == "array":
        declared = deref(schema, declared["items"])
    return set(declared["enum"]) if "enum" in declared else None


def test_schema_is_a_valid_openapi_document(api):
    for response in [
        api.get("/api/v1/schema/?format=json"),
        api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json"),
    ]:
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
        document = json.loads(response.content)
        validate(document)
        assert document["openapi"].startswith("3.")


def test_every_array_in_the_schema_declares_its_items(schema):
    """OpenAPI 3.0 requires `items` beside `type: array`; without it generated clients dropped every 400's body."""
    found = []

    def walk(node, where):
        if isinstance(node, dict):
            if node.get("type") == "array" and "items" not in node:
                found.append(where)
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}/{index}")

    walk(schema, "#")
    assert found == []


def test_request_bodies_list_only_what_the_server_reads(schema):
    """JSON everywhere (a form cannot carry a brief's hours or a posting's salary), multipart where a file goes."""
    bodies = {
        (path, method): set(operation["requestBody"]["content"])
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if isinstance(operation, dict) and "requestBody" in operation
    }
    uploads = {
        ("/api/v1/jobs/{slug}/apply/", "post"): {"multipart/form-data"},
        ("/api/v1/me/profile/", "patch"): {"application/json", "multipart/form-data"},
    }

    assert len(bodies) >= 14
    assert {key: content for key, content in bodies.items() if key in uploads} == uploads
    assert {key: content for key, content in bodies.items() if key not in uploads} == {
        key: {"application/json"} for key in bodies if key not in uploads
    }


def test_error_responses_are_components(schema):
    """Every 400 is the ValidationError component, the other errors the Error component, on every operation."""
    errors = {
        (path, method, code): response["content"]["application/json"]["schema"]
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if isinstance(operation, dict)
        for code, response in operation["responses"].items()
        if code in {"400", "401", "403", "404", "415", "429"}
    }

    assert {schema["$ref"] for (_, _, code), schema in errors.items() if code == "400"} == {
        "#/components/schemas/ValidationError"
    }
    assert {schema["$ref"] for (_, _, code), schema in errors.items() if code != "400"} == {
        "#/components/schemas/Error"
    }
    body = schema["components"]["schemas"]["ValidationError"]
    assert body["type"] == "object" and body["additionalProperties"]["anyOf"][0]["items"]


def test_schema_has_every_endpoint_and_no_other_verb_on_them(schema):
    operations = {
        (path, method)
        for path, item in schema["paths"].items()
        if path.startswith(("/api/v1/vendors/", "/api/v1/jobs/", "/api/v1/auth/"))
        for method in item
        if method in {"get", "put", "patch", "post", "delete"}
    }
    assert operations == {
        ("/api/v1/auth/token/", "post"),
        ("/api/v1/auth/token/", "delete"),
        ("/api/v1/vendors/", "get"),
        ("/api/v1/vendors/{slug}/", "get"),
        ("/api/v1/vendors/{slug}/", "patch"),
        ("/api/v1/jobs/", "get"),
        ("/api/v1/jobs/", "post"),
        ("/api/v1/jobs/{slug}/", "get"),
        ("/api/v1/jobs/{slug}/", "patch"),
        ("/api/v1/jobs/{slug}/close/", "post"),
        ("/api/v1/jobs/{slug}/apply/", "post"),
        ("/api/v1/jobs/{slug}/save/", "post"),
        ("/api/v1/jobs/{slug}/save/", "delete"),
        ("/api/v1/vendors/{slug}/inquiries/", "post"),
        ("/api/v1/vendors/{slug}/reviews/", "get"),
        ("/api/v1/vendors/{slug}/reviews/", "post"),
        ("/api/v1/vendors/{slug}/claim/", "post"),
        ("/api/v1/vendors/facets/", "get"),
        ("/api/v1/jobs/facets/", "get"),
        ("/api/v1/vendors/match/", "post"),
        ("/api/v1/jobs/{slug}/match/", "get"),
    }
    for name in ["services", "industries", "languages", "compliance-standards", "skills", "certifications"]:
        assert set(schema["paths"][f"/api/v1/{name}/"]) & {"get", "put", "patch", "post", "delete"} == {"get"}


@pytest.mark.parametrize(
    ("path", "expected"), [("/api/v1/vendors/", VENDOR_PARAMETERS), ("/api/v1/jobs/", JOB_PARAMETERS)]
)
def test_lists_declare_every_filter_parameter(schema, path, expected):
    declared = parameters(schema, path)

    assert set(declared) >= expected
    assert all(parameter["in"] == "query" for parameter in declared.values())


@pytest.mark.parametrize(
    ("path", "enums"), [("/api/v1/vendors/", VENDOR_ENUMS), ("/api/v1/jobs/", JOB_ENUMS)], ids=["vendors", "jobs"]
)
def test_parameters_with_choices_declare_their_values(schema, path, enums):
    declared = parameters(schema, path)
    found = {name: enum_of(schema, declared[name]) for name in enums}

    assert found == enums


def test_job_ordering_declares_its_values(schema):
    declared = parameters(schema, "/api/v1/jobs/")

    assert enum_of(schema, declared["ordering"]) >= {"posted_at", "-posted_at", "salary_max", "-salary_max"}


@pytest.mark.parametrize("path", ["/api/v1/vendors/", "/api/v1/jobs/"])
def test_country_parameters_list_iso_codes(schema, path):
    codes = enum_of(schema, parameters(schema, path)["country"])

    assert {"PH", "IN", "US", "MX"} <= codes
    assert "ZZ" not in codes


@pytest.mark.parametrize("path", ["/api/v1/vendors/", "/api/v1/jobs/"])
def test_declared_values_match_the_declared_type(schema, path):
    """An enum whose values are not of the parameter's type admits no value at all."""
    python_types = {"string": str, "integer": int, "number": (int, float), "boolean": bool}
    wrong = {}
    for name, parameter in parameters(schema, path).items():
        declared = deref(schema, parameter["schema"])
        if declared.get("type") == "array":
            declared = deref(schema, declared["items"])
        expected_type = python_types.get(declared.get("type"))
        if "enum" in declared and expected_type:
            bad = [value for value in declared["enum"] if not isinstance(value, expected_type)]
            if bad:
                wrong[name] = {"type": declared["type"], "values": bad}
    assert wrong == {}


@pytest.mark.parametrize(("path", "method"), WRITES)
def test_writes_declare_their_error_responses_and_the_token(schema, path, method):
    operation = schema["paths"][path][method]

    assert {"400", "401", "404", "429"} <= set(operation["responses"])
    assert {"tokenAuth": []} in operation["security"]
    for code in ["400", "401", "404", "429"]:
        assert "application/json" in operation["responses"][code]["content"]


def test_job_creation_declares_403_for_users_of_no_organization(schema):
    assert "403" in schema["paths"]["/api/v1/jobs/"]["post"]["responses"]
    assert "201" in schema["paths"]["/api/v1/jobs/"]["post"]["responses"]


@pytest.mark.parametrize(("path", "method"), LISTS)
def test_lists_declare_400_and_429(schema, path, method):
    responses = schema["paths"][path][method]["responses"]

    assert {"200", "400", "429"} <= set(responses)
    # Reads are open to everyone: a 401 only answers a wrong or revoked token.
    assert "Token" in responses["401"]["description"]
    assert {} in schema["paths"][path][method]["security"]


def test_the_token_security_scheme(schema):
    token = schema["components"]["securitySchemes"]["tokenAuth"]

    assert token["type"] == "apiKey"
    assert token["in"] == "header"
    assert token["name"] == "Authorization"


def test_the_token_endpoint_is_documented(schema):
    operation = schema["paths"]["/api/v1/auth/token/"]["post"]

    assert "200" in operation["responses"]
    body = deref(schema, operation["responses"]["200"]["content"]["application/json"]["schema"])
    assert "token" in body["properties"]


def test_private_fields_are_not_in_the_schema(schema):
    text = json.dumps(schema["components"]["schemas"])

    for name in ["contact_name", "contact_email", "contact_phone", "rejection_reason", "status_changed_by"]:
        assert name not in text


def test_docs_load_swagger_ui_from_the_projects_own_static_files(api):
    response = api.get("/api/v1/docs/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    scripts = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", html)
    stylesheets = re.findall(r"<link[^>]*\bhref=\"([^\"]+)\"", html)
    assert any("swagger-ui-bundle" in src for src in scripts)
    # Swagger UI's start-up script is served by the docs view itself (no inline script, for the CSP).
    startup = [url for url in scripts if url.startswith("/api/v1/docs/")]
    assert len(startup) == 1
    for url in [*(set(scripts) - set(startup)), *stylesheets]:
        assert url.startswith("/static/"), url
        assert finders.find(url.removeprefix("/static/")), url
    assert not re.search(r"(src|href)=\"(https?:)?//", html)
    assert "/api/v1/schema/" in api.get(startup[0]).content.decode()
