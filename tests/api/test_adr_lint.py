"""The NLGov API Design Rules lint (issue 21): the document the portal publishes at
/api/v1/openapi.json passes our own Spectral ruleset (api-rules/adr.spectral.yaml) with no
error, and every rule of that ruleset finds the fault it is written for, so a rule that
checks nothing cannot pass unnoticed.

Spectral comes from the project's package.json (`make install` runs `npm ci`)."""

import copy
import json
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SPECTRAL = ROOT / "node_modules" / ".bin" / "spectral"
RULESET = ROOT / "api-rules" / "adr.spectral.yaml"
ERROR = 0  # Spectral's severities: 0 error, 1 warning, 2 info, 3 hint
WARNING = 1

pytestmark = pytest.mark.django_db


def spectral(*documents: Path) -> list[dict]:
    if not SPECTRAL.exists():
        pytest.fail("Spectral is not installed: run `make install` (npm ci).")
    result = subprocess.run(
        [str(SPECTRAL), "lint", "--ruleset", str(RULESET), "--format", "json", "--quiet",
         *map(str, documents)],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode in (0, 1), result.stderr  # 1: it found errors; more: it failed
    return json.loads(result.stdout or "[]")


def _describe(results: list[dict]) -> str:
    return "\n".join(
        f"{r['code']} at {'.'.join(map(str, r['path']))}: {r['message']}" for r in results
    )


@pytest.fixture
def document(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_published_document_has_no_adr_error(document, tmp_path):
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    found = spectral(path)
    errors = [r for r in found if r["severity"] == ERROR]
    assert not errors, _describe(errors)
    # Warnings too: a resource registered without its tag in SPECTACULAR_SETTINGS["TAGS"].
    warnings = [r for r in found if r["severity"] == WARNING]
    assert not warnings, _describe(warnings)


# Per rule, a change to the real document that breaks it.
def _move_path(old: str, new: str):
    def mutate(doc):
        doc["paths"][new] = doc["paths"].pop(old)

    return mutate


def _programmes_list(doc) -> dict:
    return doc["paths"]["/programmes"]["get"]


def _add_query_parameter(name: str):
    def mutate(doc):
        _programmes_list(doc)["parameters"].append(
            {"in": "query", "name": name, "schema": {"type": "string"}}
        )

    return mutate


def _rename_page_size(doc):
    for parameter in _programmes_list(doc)["parameters"]:
        if parameter["name"] == "pageSize":
            parameter["name"] = "page_size"


def _add_options(doc):
    operation = copy.deepcopy(_programmes_list(doc))
    operation["operationId"] = "programmes_options"
    doc["paths"]["/programmes"]["options"] = operation


def _set(path: str, value):
    """Set (or with value None: delete) a dotted path in the document."""

    def mutate(doc):
        *parents, last = path.split(".")
        node = doc
        for key in parents:
            node = node[key]
        if value is None:
            del node[last]
        else:
            node[last] = copy.deepcopy(value)

    return mutate


def _error_404_as_json(doc):
    response = _programmes_list(doc)["responses"]["404"]
    response["content"] = {"application/json": response["content"]["application/problem+json"]}


def _problem_without_detail(doc):
    problem = doc["components"]["schemas"]["Probleem"]
    problem["required"] = [name for name in problem["required"] if name != "detail"]


def _time_with_zone(doc):
    doc["components"]["schemas"]["Action"]["properties"]["start_time"] = {
        "type": "string",
        "format": "time",
    }


BREAKS = {
    "ghnt-openapi-3": _set("openapi", "2.0.0"),
    "ghnt-semver": _set("info.version", "1.0"),
    "ghnt-servers-present": _set("servers", None),
    "ghnt-server-url-major-version": _set("servers", [{"url": "/api/v2"}]),
    "ghnt-no-version-in-paths": _move_path("/programmes", "/v1/programmes"),
    "ghnt-no-version-parameter": _add_query_parameter("api-version"),
    "ghnt-no-trailing-slash": _move_path("/programmes", "/programmes/"),
    "ghnt-path-segments-kebab-case": _move_path("/budget-totals", "/budget_totals"),
    "ghnt-query-keys-camel-case": _rename_page_size,
    "ghnt-no-credentials-in-query": _set("components.securitySchemes.tokenAuth.in", "query"),
    "ghnt-version-header": _set("paths./programmes.get.responses.404.headers", None),
    "ghnt-problem-details-media-type": _error_404_as_json,
    "ghnt-problem-details-members": _problem_without_detail,
    "ghnt-invalid-input-400": _set("paths./programmes.get.responses.400", None),
    "ghnt-http-methods": _add_options,
    "ghnt-date-fields-typed-date": _set(
        "components.schemas.Action.properties.explanation_date.format", "date-time"
    ),
    "ghnt-date-time-formats": _time_with_zone,
    "ghnt-contact": _set("info.contact.email", None),
    "ghnt-license-eupl": _set("info.license", {"name": "MIT"}),
    "ghnt-servers-https": _set("servers", [{"url": "http://ghnt.example.nl/api/v1"}]),
    "ghnt-schema-names-pascal-case": _set("components.schemas.bad_name", {"type": "object"}),
}


def test_every_rule_of_our_ruleset_finds_its_fault(document, tmp_path):
    rules = set(yaml.safe_load(RULESET.read_text(encoding="utf-8"))["rules"])
    assert rules == set(BREAKS), "each rule needs a document that breaks it"
    paths = {}
    for rule, mutate in BREAKS.items():
        broken = copy.deepcopy(document)
        mutate(broken)
        paths[rule] = tmp_path / f"{rule}.json"
        paths[rule].write_text(json.dumps(broken), encoding="utf-8")
    found: dict[str, set[str]] = {}
    for result in spectral(*paths.values()):
        found.setdefault(Path(result["source"]).stem, set()).add(result["code"])
    missed = sorted(rule for rule in BREAKS if rule not in found.get(rule, set()))
    assert not missed, f"rules that did not find their fault: {missed}"
