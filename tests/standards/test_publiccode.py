"""publiccode.yml (Standard for Public Code, version 0.4) validates: the schema's required
keys with their types and allowed values, nothing unknown at the top, a Dutch and an English
description within the standard's lengths; and it tells the same as the project: version,
repository address and licence as in pyproject.toml, the licence text in LICENSE.

No validator for publiccode.yml is published on PyPI (the official one is a Go program), so
the schema's rules are written out here."""

import hashlib
import re
import tomllib
from datetime import date
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]

TOP_LEVEL = {
    # required by the 0.4 schema
    "publiccodeYmlVersion",
    "name",
    "url",
    "platforms",
    "developmentStatus",
    "softwareType",
    "description",
    "legal",
    "maintenance",
    "localisation",
    # optional
    "applicationSuite",
    "landingURL",
    "isBasedOn",
    "softwareVersion",
    "releaseDate",
    "logo",
    "monochromeLogo",
    "inputTypes",
    "outputTypes",
    "categories",
    "usedBy",
    "roadmap",
    "fundedBy",
    "intendedAudience",
    "dependsOn",
    "it",
}
REQUIRED = {
    "publiccodeYmlVersion",
    "name",
    "url",
    "platforms",
    "developmentStatus",
    "softwareType",
    "description",
    "legal",
    "maintenance",
    "localisation",
}
DEVELOPMENT_STATUS = {"concept", "development", "beta", "stable", "obsolete"}
SOFTWARE_TYPE = {
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
}
MAINTENANCE_TYPE = {"internal", "contract", "community", "none"}
# SHA-256 of the EUPL v1.2 in English as the SPDX licence list carries it (the European
# Commission's text): LICENSE must be that text, unchanged.
EUPL_1_2_SHA256 = "57fb42fbcd0b037ce528ed8f72f1ec095d67bc6825ecf1448ff39be1fe68a4b4"


def publiccode() -> dict:
    return yaml.safe_load((REPO / "publiccode.yml").read_text(encoding="utf-8"))


def pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_publiccode_yml_has_the_required_keys_of_version_0_4():
    data = publiccode()
    assert data["publiccodeYmlVersion"] == "0.4"
    assert REQUIRED <= set(data), REQUIRED - set(data)
    assert set(data) <= TOP_LEVEL, set(data) - TOP_LEVEL
    assert isinstance(data["name"], str) and data["name"]
    assert re.fullmatch(r"https://\S+", data["url"])
    assert data["platforms"] and all(isinstance(p, str) for p in data["platforms"])
    assert data["developmentStatus"] in DEVELOPMENT_STATUS
    assert data["softwareType"] in SOFTWARE_TYPE
    assert data["maintenance"]["type"] in MAINTENANCE_TYPE
    if data["maintenance"]["type"] in {"internal", "contract"}:
        assert data["maintenance"]["contacts"], "contacts are required for this type"
    assert isinstance(data["localisation"]["localisationReady"], bool)
    assert data["localisation"]["availableLanguages"]
    released = date.fromisoformat(data["releaseDate"])
    assert released <= date.today()


def test_descriptions_in_dutch_and_english_within_the_standards_lengths():
    descriptions = publiccode()["description"]
    assert {"nl", "en"} <= set(descriptions)
    for language, text in descriptions.items():
        assert re.fullmatch(r"[a-z]{2,3}", language)
        assert 0 < len(text["shortDescription"]) <= 150, language
        assert 150 <= len(text["longDescription"]) <= 10000, language
        assert text["features"] and all(0 < len(f) <= 100 for f in text["features"]), language


def test_publiccode_tells_the_same_as_the_project():
    data, project = publiccode(), pyproject()
    assert data["softwareVersion"] == project["version"]
    assert data["url"] == project["urls"]["Repository"]
    assert data["legal"]["license"] == project["license"] == "EUPL-1.2"
    for text in data["description"].values():
        assert text["documentation"] == project["urls"]["Documentation"]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert data["url"] in readme
    assert "EUPL-1.2" in readme


def test_license_is_the_eupl_1_2_text_unchanged():
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2\n")
    # The fifteen articles and the appendix of compatible licences, in order.
    headings = re.findall(r"^(\d+)\.\s?\S", text, re.M)
    assert [int(h) for h in headings] == list(range(1, 16))
    assert re.search(r"^\s*Appendix$", text, re.M)
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == EUPL_1_2_SHA256
