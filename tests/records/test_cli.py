"""``minewatch records`` / ``record`` / ``stories`` / ``reconcile`` / ``review`` / ``history``
end to end in-process on the seed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from minewatch.claims import review_ops
from minewatch.errors import InputError
from minewatch.flows.ingest import ingest_paths
from minewatch.store.engine import make_engine as create_engine_for
from minewatch.store.session import transaction

from ..reconcile.support import cli


@pytest.fixture
def seeded(engine: Engine, corpus_dir: Path) -> str:
    ingest_paths([corpus_dir / "seed"], engine=engine)
    return engine.url.render_as_string(hide_password=False)


def records_json(capsys: pytest.CaptureFixture[str], url: str, *args: str) -> list[dict]:
    code, out, _ = cli(capsys, url, "records", "--json", *args)
    assert code == 0
    return json.loads(out)


def test_reconcile_review_and_list(seeded: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, seeded, "reconcile", "--json")
    assert json.loads(out)["stories_created"] == 1
    assert records_json(capsys, seeded) == [], "nothing approved yet"
    code, out, _ = cli(capsys, seeded, "stories", "--json")
    (story,) = json.loads(out)
    assert len(story["document_ids"]) == 5
    with transaction(create_engine_for(seeded)) as session:
        ids = [str(r.id) for r in review_ops.queue(session=session, limit=1000)]
    code, out, _ = cli(capsys, seeded, "review", "approve", *ids, "--user", "ana", "--json")
    assert code == 0 and len(json.loads(out)["records_created"]) == 6
    items = records_json(capsys, seeded)
    assert {i["kind"] for i in items} == {"device_find", "inspection", "casualties"}
    finds = records_json(capsys, seeded, "--kind", "device_find", "--place", "saribaba")
    assert [f["fields"]["quantity"] for f in finds] == [350]
    assert {c["publisher"] for c in finds[0]["claims"]} >= {"News.Az", "Caspian Newswire"}
    assert records_json(capsys, seeded, "--since", "2022-11-24", "--kind", "inspection")
    assert [
        i["fields"]["date"]
        for i in records_json(capsys, seeded, "--until", "2022-11-23", "--kind", "inspection")
    ] == ["2022-11-23"]
    code, out, _ = cli(capsys, seeded, "records")
    assert "Karabakh" in out and "1,609" in out
    code, out, _ = cli(capsys, seeded, "record", str(finds[0]["id"]))
    assert "Sarybaba" in out and "stated values" in out


def test_reject_correct_and_history(seeded: str, capsys: pytest.CaptureFixture[str]) -> None:
    cli(capsys, seeded, "review", "approve", "1", "--user", "ana")
    (record,) = records_json(capsys, seeded)
    code, out, _ = cli(
        capsys,
        seeded,
        "review",
        "correct",
        "1",
        "--set",
        "quantity=351",
        "--user",
        "ben",
        "--note",
        "recount",
        "--json",
    )
    new_claim = json.loads(out)["created_claim"]
    assert code == 0 and new_claim
    (after,) = records_json(capsys, seeded)
    assert after["id"] == record["id"] and after["fields"]["quantity"] == 351
    code, out, _ = cli(capsys, seeded, "history", str(record["id"]), "--json")
    actions = [(e["actor"], e["action"], e["entity"]) for e in json.loads(out)]
    assert ("ana", "create", "record") in actions
    assert ("ben", "unlink", "claim") in actions and ("ben", "update", "record") in actions
    code, out, _ = cli(capsys, seeded, "review", "reject", str(new_claim), "--user", "ben")
    assert records_json(capsys, seeded) == []
    withdrawn = records_json(capsys, seeded, "--status", "withdrawn")
    assert [w["id"] for w in withdrawn] == [record["id"]]


def test_bad_filters_are_input_errors(seeded: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(InputError, match="unknown record kind"):
        cli(capsys, seeded, "records", "--kind", "bogus")
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        cli(capsys, seeded, "records", "--since", "yesterday")
