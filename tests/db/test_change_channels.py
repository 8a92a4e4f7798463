"""What the change feed sends, and to whom (migrations 0022 and 0023b).

PostgreSQL has no privilege on LISTEN: any login may listen on any channel it can name. So a
township's saves go to a channel of its own with a random name, readable in ``change_channel``
only where the township's rows are (row-level security with the policies' rule). Here each
person listens, with plain psycopg as another tool would, on every channel they can read:

- every announced table (enumerated from its trigger) sends ``<table>:<township id>`` on the
  row's township's channel, or ``<table>`` / ``unit:<id>`` on the shared channel for what
  everyone reads; never anything of the row;
- a clerk hears their own township only, the reviewer, the mechanism and the administrator the
  townships below them, a login with no person none;
- another township's channel name cannot be read (``change_channel``, ``pg_stat_activity``,
  ``pg_stats``);
  the owner can draw new names, and the app's feed listens again.
"""

from __future__ import annotations

import os
import re
import uuid

import psycopg
import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from jianfu.db.migrate import alembic_config, upgrade
from jianfu.db.notify import CHANNEL, ChangeFeed
from jianfu.db.schema_version import SCHEMA_HEAD

pytestmark = pytest.mark.skipif(
    not os.environ.get("JIANFU_TEST_DATABASE_URL"), reason="needs a PostgreSQL server"
)

PAYLOAD = re.compile(r"([a-z_]+)(?::(\d+))?")
#: a channel of the tests' own (every listener here listens on it): what the owner sends on it
#: after a write marks the point up to which every listener has heard all there is of that write
SENTINEL = "test_sentinel"


def _connect(url: str, login: str | None = None) -> psycopg.Connection:
    u = make_url(url)
    return psycopg.connect(
        host=u.host, port=u.port, dbname=u.database, user=login or u.username, autocommit=True
    )


def _listen_all(con: psycopg.Connection) -> set[str]:
    """LISTEN on the shared channel and on every township channel this login can read."""
    names = {r[0] for r in con.execute("SELECT channel FROM change_channel")}
    for name in {CHANNEL, SENTINEL, *names}:
        con.execute(f'LISTEN "{name}"')
    return names


def _heard_all(
    owner: psycopg.Connection, listeners: list[psycopg.Connection]
) -> list[list[tuple[str, str]]]:
    """What each listener heard of the writes committed so far, to the last one.

    PostgreSQL delivers notifications in the order their transactions committed, so once a
    listener hears the owner's sentinel, sent after the writes, it has heard all of theirs:
    no fixed wait, and nothing of a write left over to be heard with the next one.
    """
    token = uuid.uuid4().hex
    owner.execute(f"NOTIFY {SENTINEL}, '{token}'")
    out: list[list[tuple[str, str]]] = []
    for con in listeners:
        heard: list[tuple[str, str]] = []
        for n in con.notifies(timeout=30):
            if n.channel == SENTINEL and n.payload == token:
                break
            heard.append((n.channel, n.payload))
        else:
            raise AssertionError("the sentinel was not heard in 30 s")
        out.append(heard)
    return out


@pytest.fixture
def county(pg_county):
    """The county and a login that is a member of the clerk group but no person here."""
    owner = create_engine(pg_county.url)
    stranger = f"nobody_{uuid.uuid4().hex[:6]}"
    with owner.begin() as con:
        con.execute(text(f"CREATE ROLE {stranger} LOGIN IN ROLE jianfu_clerk"))
    yield pg_county, stranger
    with owner.begin() as con:
        con.execute(text(f"DROP ROLE {stranger}"))
    owner.dispose()


def test_every_announced_table_sends_only_its_name_and_the_township(county):
    c, _stranger = county
    with _connect(c.url) as owner, _connect(c.url) as listener:
        channels = dict(owner.execute("SELECT township_id, channel FROM change_channel"))
        _listen_all(listener)
        triggers = owner.execute(
            "SELECT c.relname, encode(g.tgargs, 'escape') FROM pg_trigger g "
            "JOIN pg_class c ON c.oid = g.tgrelid WHERE g.tgname = c.relname || '_announce' "
            "ORDER BY 1"
        ).fetchall()
        assert len(triggers) >= 25  # every table a screen shows
        checked = set()
        for table, args in triggers:
            kind = args.split("\\000")[0]  # the trigger's argument: township, unit, shared
            row = owner.execute(f"SELECT to_jsonb(t) FROM {table} t LIMIT 1").fetchone()
            if row is None:
                continue  # nothing of the county's in it (e.g. an empty calendar)
            values = row[0]
            # a write that changes nothing still fires the trigger: the row's own id only
            key = "id" if "id" in values else next(iter(values))
            owner.execute(f"UPDATE {table} SET {key} = {key} WHERE {key} = %s", (values[key],))
            (heard,) = _heard_all(owner, [listener])
            assert heard, table
            for channel, payload in heard:
                m = PAYLOAD.fullmatch(payload)
                # the table's name and a number: nothing of the row (a name, an ID number)
                assert m is not None and m.group(1) == table, (table, payload)
                if kind == "township" and values.get("township_id") is not None:
                    town = values["township_id"]
                    assert (channel, payload) == (channels[town], f"{table}:{town}")
                else:
                    assert channel == CHANNEL, (table, channel)
            checked.add(table)
    assert {"certificate_request", "admission_case", "case_step", "task_request", "unit"} <= checked
    assert {"signboard", "burden", "list_item", "department", "app_user"} <= checked
    assert len(checked) >= 15  # those of the announced tables the county has rows in


def test_each_login_hears_only_the_townships_it_may_read(county):
    c, stranger = county
    town, other = c.ids[c.town], c.ids["石门乡"]
    logins = {who: c.logins[who] for who in ("clerk", "clerk_b", "reviewer", "mechanism", "admin")}
    logins["stranger"] = stranger
    with _connect(c.url) as owner:
        mine = owner.execute(
            "SELECT id FROM certificate_request WHERE township_id = %s LIMIT 1", (town,)
        ).fetchone()[0]
        moved = owner.execute(
            "SELECT id FROM certificate_request WHERE township_id = %s AND id <> %s LIMIT 1",
            (town, mine),
        ).fetchone()[0]
        village = owner.execute(
            "SELECT id FROM unit WHERE parent_id = %s LIMIT 1", (other,)
        ).fetchone()[0]
        owner.execute(
            "UPDATE certificate_request SET township_id = %s, village_id = %s WHERE id = %s",
            (other, village, moved),
        )
        listeners = {who: _connect(c.url, login) for who, login in logins.items()}
        try:
            readable = {who: _listen_all(con) for who, con in listeners.items()}
            assert len(readable["clerk"]) == len(readable["clerk_b"]) == 1
            assert readable["clerk"] != readable["clerk_b"]
            assert readable["reviewer"] == readable["mechanism"] == readable["admin"]
            assert readable["reviewer"] == readable["clerk"] | readable["clerk_b"]
            assert readable["stranger"] == set()
            owner.execute("UPDATE certificate_request SET notes = notes WHERE id = %s", (mine,))
            owner.execute("UPDATE certificate_request SET notes = notes WHERE id = %s", (moved,))
            owner.execute("UPDATE unit SET name = name WHERE id = %s", (village,))
            each = _heard_all(owner, list(listeners.values()))
            heard = {who: sorted(p for _ch, p in h) for who, h in zip(listeners, each, strict=True)}
        finally:
            for con in listeners.values():
                con.close()
    ours, theirs = f"certificate_request:{town}", f"certificate_request:{other}"
    shared = f"unit:{other}"  # the tree is everyone's to read
    assert heard["clerk"] == sorted([ours, shared])
    assert heard["clerk_b"] == sorted([theirs, shared])
    for who in ("reviewer", "mechanism", "admin"):
        assert heard[who] == sorted([ours, theirs, shared]), who
    assert heard["stranger"] == [shared]


def test_another_townships_channel_cannot_be_named_and_new_names_can_be_drawn(county):
    c, _stranger = county
    clerk, clerk_b = c.logins["clerk"], c.logins["clerk_b"]
    town = c.ids[c.town]
    with _connect(c.url, clerk) as a, _connect(c.url, clerk_b) as b, _connect(c.url) as owner:
        (mine,) = _listen_all(a)
        assert (
            b.execute("SELECT count(*) FROM change_channel WHERE channel = %s", (mine,)).fetchone()[
                0
            ]
            == 0
        )
        # the clerk's LISTEN is not shown to another login (pg_stat_activity hides the text)
        seen = b.execute(
            "SELECT query FROM pg_stat_activity WHERE usename = %s", (clerk,)
        ).fetchall()
        assert seen and all(mine not in (q or "") for (q,) in seen)
        # nor through the planner's statistics of the column (hidden under row-level security)
        owner.execute("ANALYZE change_channel")
        stats = "SELECT count(*) FROM pg_stats WHERE tablename = 'change_channel'"
        assert owner.execute(stats).fetchone()[0] == 2 and b.execute(stats).fetchone()[0] == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            b.execute("SELECT jianfu_renew_change_channels()")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            b.execute("UPDATE change_channel SET channel = 'x'")
        # the owner draws new names: the old one carries nothing more
        assert owner.execute("SELECT jianfu_renew_change_channels()").fetchone()[0] >= 2
        assert _heard_all(owner, [a])[0] == [(CHANNEL, "change_channel")]
        owner.execute(
            "UPDATE certificate_request SET notes = notes WHERE township_id = %s", (town,)
        )
        assert _heard_all(owner, [a])[0] == []
        (renamed,) = _listen_all(a)
        assert renamed != mine
        owner.execute(
            "UPDATE certificate_request SET notes = notes WHERE township_id = %s", (town,)
        )
        assert _heard_all(owner, [a])[0] == [(renamed, f"certificate_request:{town}")]


def test_the_apps_feed_listens_on_its_townships_and_again_after_new_names(county):
    c, _stranger = county
    engine = create_engine(c.urls["clerk"])
    feed = ChangeFeed.open(engine)
    try:
        with _connect(c.url) as owner:
            own = owner.execute(
                "SELECT channel FROM change_channel WHERE township_id = %s", (c.ids[c.town],)
            ).fetchone()[0]
            assert feed.channels == {CHANNEL, own}
            owner.execute("SELECT jianfu_renew_change_channels()")
        import select

        select.select([feed.fileno()], [], [], 5)
        assert feed.take() == {}
        assert feed.townships_stale
        feed.reread_townships()
        assert feed.channels_changed  # the window's listener opens a new feed
        again = ChangeFeed.open(engine)
        assert again.channels != feed.channels and CHANNEL in again.channels
        again.close()
    finally:
        feed.close()
        engine.dispose()


def test_the_channels_downgrade_to_the_shared_one_and_upgrade(county):
    c, _stranger = county
    engine = create_engine(c.url)
    cfg = alembic_config()
    with engine.begin() as con:
        cfg.attributes["connection"] = con
        command.downgrade(cfg, "0023")
    town = c.ids[c.town]
    with _connect(c.url) as owner, _connect(c.url, c.logins["clerk_b"]) as b:
        assert owner.execute("SELECT to_regclass('change_channel')").fetchone()[0] is None
        b.execute(f"LISTEN {CHANNEL}")
        b.execute(f"LISTEN {SENTINEL}")
        owner.execute(
            "UPDATE certificate_request SET notes = notes WHERE township_id = %s", (town,)
        )
        # 0022: everyone listening on the one channel heard every township
        assert _heard_all(owner, [b])[0] == [(CHANNEL, f"certificate_request:{town}")]
    upgrade(engine)
    with _connect(c.url) as owner, _connect(c.url, c.logins["clerk_b"]) as b:
        assert owner.execute("SELECT version_num FROM alembic_version").fetchone()[0] == SCHEMA_HEAD
        _listen_all(b)
        owner.execute(
            "UPDATE certificate_request SET notes = notes WHERE township_id = %s", (town,)
        )
        assert _heard_all(owner, [b])[0] == []
    engine.dispose()


def test_disabling_a_person_gives_every_channel_a_new_name(county, capsys):
    """A person disabled (or moved) keeps the names they read; ``jianfu users disable`` draws
    new ones (0023c), so a connection they kept open hears nothing more of the township."""
    from jianfu.cli import main

    c, _stranger = county
    town = c.ids[c.town]
    login = f"leaver_{uuid.uuid4().hex[:6]}"
    assert (
        main(["--database", c.url, "users", "add", login, "--role", "clerk", "--unit", c.town]) == 0
    )
    try:
        with _connect(c.url, login) as leaver, _connect(c.url) as owner:
            (old,) = _listen_all(leaver)
            owner.execute(
                "UPDATE certificate_request SET notes = notes WHERE township_id = %s", (town,)
            )
            assert _heard_all(owner, [leaver])[0] == [(old, f"certificate_request:{town}")]
            assert main(["--database", c.url, "users", "disable", login]) == 0
            # the person's row changed (everyone's to read), and the names
            assert sorted(_heard_all(owner, [leaver])[0]) == [
                (CHANNEL, "app_user"),
                (CHANNEL, "change_channel"),
            ]
            owner.execute(
                "UPDATE certificate_request SET notes = notes WHERE township_id = %s", (town,)
            )
            assert (
                _heard_all(owner, [leaver])[0] == []
            )  # the connection kept open: nothing of the township
            new = owner.execute(
                "SELECT channel FROM change_channel WHERE township_id = %s", (town,)
            ).fetchone()[0]
            assert new != old
        # the administrator may draw new names too; a clerk may not (test above)
        with _connect(c.url, c.logins["admin"]) as admin:
            assert admin.execute("SELECT jianfu_renew_change_channels()").fetchone()[0] >= 2
    finally:
        capsys.readouterr()
        engine = create_engine(c.url)
        with engine.begin() as con:
            con.execute(text("DELETE FROM app_user WHERE login = :l"), {"l": login})
            con.execute(text(f"DROP ROLE {login}"))
        engine.dispose()
