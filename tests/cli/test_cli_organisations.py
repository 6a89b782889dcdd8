"""Command line: organisations (list, set, reclassify) and partnership-cadence, contracts automation
relies on."""

from __future__ import annotations

import json

import pytest

from tests.conftest import LAKESHORE, THREE_RIVERS
from tests.conftest import run_cli as run


def test_organisations_json_contract(capsys: pytest.CaptureFixture[str], db: str) -> None:
    """Each organisation has exactly the contract's keys and values; the unclassified one comes first."""
    code, out, _ = run(capsys, "--db", db, "organisations", "--partnership", THREE_RIVERS, "--json")
    assert code == 0
    rows = json.loads(out)["organisations"]
    assert all(set(r) == {"name", "kind", "subtype", "source", "reason", "attendees"} for r in rows)
    assert all(r["kind"] in {"industry", "public_partner", "unclassified"} for r in rows)
    assert all(r["source"] in {"rule", "guess", "convener", "roster"} for r in rows)
    assert all(isinstance(r["attendees"], int) and isinstance(r["reason"], str) for r in rows)
    assert all((r["subtype"] is None) == (r["kind"] != "public_partner") for r in rows)
    assert rows[0]["name"] == "Lakeside Partners" and rows[0]["kind"] == "unclassified"
    assert {"association", "labour", "intermediary"} <= {r["subtype"] for r in rows}


def test_organisations_set_then_list(capsys: pytest.CaptureFixture[str], db: str) -> None:
    """Setting a kind by name (any case) is what the list then shows, as the convener's."""
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "organisations",
        "set",
        "--partnership",
        THREE_RIVERS,
        "--name",
        "lakeside partners",
        "--kind",
        "public_partner",
        "--subtype",
        "community",
    )
    assert code == 0 and "Set lakeside partners to Public partner (Community organisation)" in out
    _, out, _ = run(capsys, "--db", db, "organisations", "--partnership", THREE_RIVERS, "--json")
    row = next(r for r in json.loads(out)["organisations"] if r["name"] == "Lakeside Partners")
    assert (row["kind"], row["subtype"], row["source"]) == ("public_partner", "community", "convener")


def test_organisations_set_refuses_what_it_cannot_do(capsys: pytest.CaptureFixture[str], db: str) -> None:
    """An unknown organisation, a missing kind or a subtype on industry exit 2 with a message."""
    code, _, err = run(
        capsys,
        "--db",
        db,
        "organisations",
        "set",
        "--partnership",
        LAKESHORE,
        "--name",
        "Nobody At All",
        "--kind",
        "industry",
    )
    assert code == 2 and "No organisation called 'Nobody At All'" in err
    code, _, err = run(
        capsys, "--db", db, "organisations", "set", "--partnership", LAKESHORE, "--name", "Meridian Solutions"
    )
    assert code == 2 and "--kind" in err
    code, _, err = run(
        capsys,
        "--db",
        db,
        "organisations",
        "set",
        "--partnership",
        LAKESHORE,
        "--name",
        "Meridian Solutions",
        "--kind",
        "industry",
        "--subtype",
        "labour",
    )
    assert code == 2 and "Only a public partner has a subtype" in err


def test_organisations_reclassify_leaves_demo_kinds(capsys: pytest.CaptureFixture[str], db: str) -> None:
    """Re-running the rules on the demo changes nothing the demo set, and says how many changed."""
    code, out, _ = run(capsys, "--db", db, "organisations", "reclassify", "--partnership", LAKESHORE)
    assert code == 0 and out.startswith("Rules re-run: 0 organisations changed kind")


def test_partnership_cadence_show_and_set(capsys: pytest.CaptureFixture[str], db: str) -> None:
    """The cadence defaults to quarterly, can be set to monthly, and shows in `partnerships --json`."""
    _, out, _ = run(capsys, "--db", db, "partnership-cadence", "--partnership", LAKESHORE, "--json")
    assert json.loads(out) == {"partnership": LAKESHORE, "cadence": "quarterly"}
    code, out, _ = run(
        capsys, "--db", db, "partnership-cadence", "--partnership", LAKESHORE, "--cadence", "monthly"
    )
    assert code == 0 and out.strip() == f"{LAKESHORE} meets: monthly."
    _, out, _ = run(capsys, "--db", db, "partnerships", "--json")
    assert {p["name"]: p["cadence"] for p in json.loads(out)} == {
        LAKESHORE: "monthly",
        THREE_RIVERS: "quarterly",
    }


ASSIGN_KEYS = {"person_id", "person", "organisation_id", "organisation", "previous", "created", "kind"}
FIRST_PERSON = "okim@harborprecisionmac.com"  # Omar Kim, a Lakeshore demo regular


def test_organisations_assign_json_contract(capsys: pytest.CaptureFixture[str], db: str) -> None:
    """Assigning a demo person to a new company prints strict JSON with the contract's keys, and the
    organisations list then has that company; --none takes them off it again, in a sentence."""
    code, out, _ = run(capsys, "--db", db, "organisations", "assign", "--partnership", LAKESHORE,
                       "--person", FIRST_PERSON, "--name", "Stark Industries", "--json")
    assert code == 0
    done = json.loads(out)
    assert set(done) == ASSIGN_KEYS
    assert (done["person"], done["organisation"], done["created"]) == ("Omar Kim", "Stark Industries", True)
    assert done["previous"] and done["previous"] != "Stark Industries"
    listed = run(capsys, "--db", db, "organisations", "--partnership", LAKESHORE, "--json")[1]
    assert "Stark Industries" in {r["name"] for r in json.loads(listed)["organisations"]}
    code, out, _ = run(capsys, "--db", db, "organisations", "assign", "--partnership", LAKESHORE,
                       "--person", "omar kim", "--none")
    assert (code, out.strip()) == (0, "Omar Kim now has no organisation (was Stark Industries).")


def test_organisations_assign_needs_one_place(capsys: pytest.CaptureFixture[str], db: str) -> None:
    """Without --name or --none (or with both) the command exits 2 and says what to give."""
    for extra in ([], ["--name", "Stark Industries", "--none"]):
        code, _, err = run(capsys, "--db", db, "organisations", "assign", "--partnership", LAKESHORE,
                           "--person", FIRST_PERSON, *extra)
        assert code == 2 and "either the organisation or --none" in err
