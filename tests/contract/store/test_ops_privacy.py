"""A contact's personal data found, exported and erased, and the copies ritmo remembers, in
depth through the interface: matching by e-mail or name in any case or accent, what an export
holds, who is near her, what `forget` rewrites (rows keyed by id or by name, rows written after
the survey) and what it leaves (a homonym)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from storage.audit import CLI
from storage.backups import Backup
from storage.erasure import Scrub
from storage.interface import Store, Tx
from storage.seeding import BODIES, SyntheticSpec
from tests.contract.store.conftest import NOW, World


async def test_contacts_are_found_by_email_or_name_in_any_case_or_accent(
    store: Store, world: World
) -> None:
    def more(tx: Tx) -> tuple[int, int]:
        homonym = tx.accounts.create_contact(
            account_id=world.nortex, name="JOAO DIAS", actor=CLI, now=NOW
        )
        other = tx.accounts.create_contact(
            account_id=None, name="Maria", actor=CLI, now=NOW, email="Joao.Dias@Mail.test"
        )
        return homonym.id, other.id

    homonym, other = await store.write(more)
    by_name = await store.read(lambda tx: tx.privacy.find_contacts("  joão   dias "))
    assert [c["id"] for c in by_name] == [world.contact, homonym]
    assert set(by_name[0]) == {"id", "account_id", "name", "email", "phone", "role",
                               "created_at", "updated_at"}  # fmt: skip
    by_email = await store.read(lambda tx: tx.privacy.find_contacts("JOAO.DIAS@mail.TEST"))
    assert [c["id"] for c in by_email] == [other]
    assert await store.read(lambda tx: tx.privacy.find_contacts("ninguem@x.test")) == []


async def test_an_export_holds_her_record_consents_enrolments_mentions_and_audit(
    store: Store, world: World
) -> None:
    def setup(tx: Tx) -> None:
        tx.seeding.seed_synthetic(
            SyntheticSpec(reps=1, accounts=2, deals=0, interactions=12, enrolments=0), NOW
        )
        tx.consents.opt_out(CLI, world.contact, "email", NOW, "pediu")
        tx.seeding.insert_enrolment(
            cadence_key=tx.seeding.cadence_keys()[0], account_id=world.acme,
            contact_id=world.contact, deal_id=None, owner_id=world.ana.id, step_index=1,
            due_at=NOW + timedelta(days=1), actor=CLI, now=NOW,
        )  # fmt: skip

    await store.write(setup)
    mention = BODIES[4]  # a seeded body stands in for a note that names her
    data = await store.read(
        lambda tx: tx.privacy.personal_data(world.contact, lambda text: text == mention)
    )
    assert data["contact"]["name"] == "João Dias" and data["contact"]["account"] == "Acme Ltda"
    assert data["consents"] == [
        {"channel": "email", "opted_out_at": "2026-11-23T12:00:00+00:00", "reason": "pediu"}
    ]
    assert [(e["cadence_key"], e["state"], e["step_index"]) for e in data["enrolments"]] == [
        ("synthetic", "active", 1)
    ]
    found = data["interactions"]
    assert found and all(i["body"] == mention for i in found)
    assert [i["occurred_at"] for i in found] == sorted(i["occurred_at"] for i in found)
    assert set(found[0]) == {"id", "occurred_at", "kind", "person", "account", "outcome", "body"}
    assert data["audit"][0]["action"] == "create"
    assert data["audit"][0]["after"]["email"] == "joao@acme.test"  # parsed, not JSON text
    nobody = await store.read(lambda tx: tx.privacy.personal_data(999, lambda text: True))
    assert nobody["contact"] is None and nobody["audit"] == [] and nobody["consents"] == []


async def test_her_surroundings_are_her_company_its_other_contacts_and_every_user(
    store: Store, world: World
) -> None:
    def more(tx: Tx) -> int:
        tx.accounts.create_contact(account_id=world.acme, name="Lia Prado", actor=CLI, now=NOW)
        tx.accounts.create_contact(account_id=world.nortex, name="Rui Norte", actor=CLI, now=NOW)
        return tx.accounts.create_contact(account_id=None, name="Avulsa", actor=CLI, now=NOW).id

    alone = await store.write(more)
    around = await store.read(lambda tx: tx.privacy.surroundings(world.contact))
    assert (around.account_name, around.account_key) == ("Acme Ltda", "acme")
    assert around.neighbours == ("Lia Prado",)
    assert set(around.users) == {"Carla Mendes", "Ana Souza", "Bia Lima", "Otto Norte", "Rafa Ops"}
    lonely = await store.read(lambda tx: tx.privacy.surroundings(alone))
    assert (lonely.account_name, lonely.account_key, lonely.neighbours) == (None, None, ())
    assert len(lonely.users) == 5


def _scrub() -> Scrub:
    def blank(text: str) -> str:
        return text.replace("João Dias", "[x]").replace("joao@acme.test", "[x]")

    return Scrub("[x]", blank, blank, blank, lambda t: False, words=("joão", "dias"))


async def test_forget_rewrites_every_mention_and_leaves_a_homonym(
    store: Store, world: World
) -> None:
    def mentions(tx: Tx) -> int:
        tx.kv.put("nota:João Dias", "ligar para João Dias amanhã")
        tx.kv.put("outra", "nada a ver")
        return tx.accounts.create_contact(
            account_id=world.nortex, name="João Dias", actor=CLI, now=NOW
        ).id

    homonym = await store.write(mentions)
    survey = await store.read(lambda tx: tx.erasure.survey(world.contact, _scrub()))
    # written after the survey, before the forget: found anyway (its id is past the survey's)
    late = await store.write(
        lambda tx: (
            tx.accounts.create_account(
                name="Casa de João Dias", owner_id=world.ana.id, actor=CLI, now=NOW
            ).id
        )
    )
    counts = await store.write(
        lambda tx: tx.erasure.forget(world.contact, _scrub(), survey, actor=CLI, now=NOW)
    )
    assert counts["kv.value"] == 1 and counts["kv.key"] == 1 and counts["accounts.name"] == 1
    assert await store.read(lambda tx: tx.kv.get("nota:[x]")) == "ligar para [x] amanhã"
    assert await store.read(lambda tx: tx.kv.get("nota:João Dias")) is None
    assert await store.read(lambda tx: tx.kv.get("outra")) == "nada a ver"
    account = await store.read(lambda tx: tx.accounts.get_account(late))
    assert account is not None and account.name == "Casa de [x]"
    her = await store.read(lambda tx: tx.accounts.get_contact(world.contact))
    assert her is not None and (her.name, her.email, her.phone) == ("[x]", None, None)
    other = await store.read(lambda tx: tx.accounts.get_contact(homonym))
    assert other is not None and other.name == "João Dias"

    trail = await store.read(lambda tx: tx.audit.entries("contact", world.contact))
    forgot = [e for e in trail if e.action == "forget"]
    assert len(forgot) == 1 and forgot[0].after == {"redacted": counts}
    assert forgot[0].reason == "LGPD erasure request"
    created = next(e for e in trail if e.action == "create")
    assert created.after is not None and created.after["name"] == "[x]"
    assert "joao@acme.test" not in repr(trail)


async def test_a_survey_of_a_store_that_never_mentions_her_finds_only_her_own_record(
    store: Store, world: World
) -> None:
    survey = await store.read(lambda tx: tx.erasure.survey(world.contact, _scrub()))
    assert dict(survey.found) == {("contacts", "email"): (world.contact,), ("audit_log", "after"): (
        next(e.id for e in await store.read(lambda tx: tx.audit.entries("contact", world.contact))),
    )}  # fmt: skip
    counts = await store.write(
        lambda tx: tx.erasure.forget(world.contact, _scrub(), survey, actor=CLI, now=NOW)
    )
    assert "accounts.name" not in counts and "kv.value" not in counts


async def test_remembered_copies_come_oldest_first_and_a_copy_noted_again_moves(
    store: Store, tmp_path: Path
) -> None:
    def note(tx: Tx) -> None:
        tx.backups.remember(tmp_path / "b.db", NOW)
        tx.backups.remember(tmp_path / "a.db", NOW)
        tx.backups.remember(tmp_path / "old.db", NOW - timedelta(days=3))
        tx.backups.remember_all(
            [Backup(Path("/x/100%_b.db"), "2026-01-01T00:00:00+00:00"), Backup(Path("/x/c"), "0")]
        )
        tx.kv.put("backupless", "2020")

    await store.write(note)
    found = await store.read(lambda tx: tx.backups.remembered())
    assert [(b.path.name, b.taken_at) for b in found] == [
        ("c", "0"),
        ("100%_b.db", "2026-01-01T00:00:00+00:00"),
        ("old.db", "2026-11-20T12:00:00+00:00"),
        ("a.db", "2026-11-23T12:00:00+00:00"),
        ("b.db", "2026-11-23T12:00:00+00:00"),
    ]
    await store.write(lambda tx: tx.backups.remember(tmp_path / "old.db", NOW + timedelta(1)))
    again = await store.read(lambda tx: tx.backups.remembered())
    assert [b.path.name for b in again][-1] == "old.db" and len(again) == 5
    assert await store.write(lambda tx: tx.backups.remember_all([])) is None
